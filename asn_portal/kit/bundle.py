"""The offline bundle: one reproducible zip a facilitator copies to laptops without internet.

Layout inside the zip (one top-level folder, named after the zip):
    <name>/BUKA-PORTAL.html   start file (forwards to situs/index.html), with the kit's date and version
    <name>/BACA-SAYA.txt      how to extract, open and check the copy, with the kit's date and version
                              (CRLF line ends: read on Windows laptops)
    <name>/SHA256SUMS.txt     checksum of every other file (``sha256sum -c`` format)
    <name>/situs/...          the site built for file://

The kit's date and content version follow from the content alone, never from the clock, so the same
content still gives the same zip: the version is a fingerprint of the built site (plus the Git commit
when the content is committed), the date is SOURCE_DATE_EPOCH or else the date of that commit.
"""

from __future__ import annotations

import datetime as dt
import errno
import glob
import hashlib
import html
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from asn_portal import packaged_text
from asn_portal.content.history import Commit, head_commit
from asn_portal.engines.mkdocs.build import SiteError, build_offline
from asn_portal.kit.network import refuse_remote_loads
from asn_portal.model.project import ProjectNotFoundError, load_project
from asn_portal.model.registry import by_nav_order
from asn_portal.render.text import date_id, size_id
from asn_portal.trust.paths import same_file_names, windows_problem

SUMS = "SHA256SUMS.txt"
START = "BUKA-PORTAL.html"
README = "BACA-SAYA.txt"
SITE = "situs"
WORK = "bundel"  # fixed folder the bundle is assembled in: the output name never becomes a path
DOS_EPOCH = 315532800  # 1980-01-01, the earliest time a zip can hold
# Files that carry the build clock or only matter to search engines online.
DROP = ("sitemap.xml", "sitemap.xml.gz")  # 404.html stays: offline it links from the kit's root
CHUNK = 1 << 16  # files are streamed in pieces of this size, in and out of the zip
MAX_STEM = 100
VERSION_DIGITS = 12  # hex digits of the content fingerprint shown as the kit's version
NO_DATE = "tidak diketahui"  # no SOURCE_DATE_EPOCH and no commit the content matches
FAT32_MAX = (4 << 30) - 1  # the largest file a FAT32 flash drive can hold: 4 GiB minus one byte
FAT32_WARN = 7 << 29  # 3.5 GiB: from this size on, `bundle` warns that the zip nears FAT32's limit
_STEM = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")
_OS_REASONS = {errno.EACCES: "tidak ada izin", errno.EPERM: "tidak ada izin", errno.EROFS: "hanya bisa dibaca",
               errno.ENOSPC: "ruang disk penuh", errno.ENOENT: "folder tidak ada atau tidak bisa ditulisi",
               errno.ENOTDIR: "sebagian jalurnya berupa berkas, bukan folder",
               errno.EEXIST: "sudah ada berkas dengan nama itu", errno.EISDIR: "berupa folder",
               errno.ENAMETOOLONG: "nama terlalu panjang", errno.ELOOP: "tautan simbolik berputar"}


@dataclass
class BundleReport:
    path: Path
    pages: int
    materials: int
    files: int
    size: int
    kit_date: str = NO_DATE  # as the kit writes it: "27 November 2026"
    version: str = ""  # "4f2a9c01be7d (commit 1a2b3c4)"
    warnings: list[str] = field(default_factory=list)  # Indonesian, each starting "peringatan: "


class OutputError(Exception):
    """``-o`` cannot be used; the message (Indonesian) says why and what to write instead."""


def describe_os_error(exc: OSError) -> str:
    """An OSError in Indonesian words (the system's own text may be English)."""
    return _OS_REASONS.get(exc.errno or 0, f"galat sistem {exc.errno}" if exc.errno else "galat sistem")


def bundle_top(output: Path) -> str:
    """The zip's top folder: the name of ``output`` without ``.zip``, refused unless plainly safe."""
    name = output.name
    stem, dot, ext = name.rpartition(".")
    if not dot or ext.lower() != "zip":
        raise OutputError(f"nama berkas keluaran harus diakhiri .zip, misalnya dist/portal-asn.zip (bukan {name!r}).")
    if (len(stem) > MAX_STEM or not _STEM.fullmatch(stem) or stem.endswith(".")
            or not re.search(r"[A-Za-z0-9]", stem) or windows_problem(stem)):
        raise OutputError(f"nama berkas {name!r} tidak bisa dipakai. Sebelum .zip tulis hanya huruf, angka, '.', '_' "
                          f"atau '-' (tanpa spasi, paling banyak {MAX_STEM} karakter, tidak diawali atau diakhiri "
                          "titik, bukan nama perangkat Windows seperti con), misalnya dist/portal-asn.zip.")
    return stem


def prepare_output(output: Path, suffix: str = ".zip") -> Path:
    """Check ``-o`` before the slow build: a safe name ending in ``suffix`` (a zip's name also names its top
    folder), not a folder, in a folder we can write to (made if missing). Returns the absolute path; its last
    part is not resolved, so a link there is replaced, not followed."""
    if suffix == ".zip":
        bundle_top(output)
    elif output.suffix.lower() != suffix or not output.stem or output.stem.startswith("."):
        raise OutputError(f"nama berkas keluaran harus diakhiri {suffix}, misalnya dist/portal-asn{suffix} "
                          f"(bukan {output.name!r}).")
    try:
        parent = output.parent.resolve()
        target = parent / output.name
        if target.is_dir():
            raise OutputError(f"{target} adalah folder. Tulis nama berkas {suffix[1:]}, misalnya "
                              f"{target / ('portal-asn' + suffix)}.")
    except (OSError, RuntimeError) as exc:
        reason = describe_os_error(exc) if isinstance(exc, OSError) else "tautan simbolik berputar"
        raise OutputError(f"lokasi {output} tidak dapat dipakai ({reason}).") from exc
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"folder {parent} tidak dapat dibuat ({describe_os_error(exc)}). "
                          "Pilih lokasi lain dengan -o.") from exc
    try:
        with tempfile.NamedTemporaryFile(prefix=f".{target.name}.", suffix=".tmp", dir=parent):
            pass  # removed when the block ends, however it ends (an interrupt too)
    except OSError as exc:
        raise OutputError(f"tidak dapat menulis di folder {parent} ({describe_os_error(exc)}). "
                          "Pilih lokasi lain dengan -o.") from exc
    return target


def remove_leftovers(output: Path) -> None:
    """What a stopped packager may have left beside ``output``: its temporary files and folders
    (``.<name>.*``; the packagers remove them themselves, this also covers an interrupt that lands between
    making one and guarding it)."""
    for path in output.parent.glob(f".{glob.escape(output.name)}.*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def build_kit_site(config_file: Path, site: Path, chosen: tuple[tuple[str, str], ...] = (),
                   kit: str = "Bundel") -> None:
    """The offline build every kit starts from (bundle, ZIM, Kolibri, SCORM): ``file://`` links, only the
    ``chosen`` entries and what they link (all when empty), without the engine's files no kit uses (DROP),
    refused (SiteError naming ``kit``) when anything in it would load from the network."""
    warnings = build_offline(config_file, site, chosen)
    for name in DROP:
        (site / name).unlink(missing_ok=True)
    refuse_remote_loads(kit, site, warnings)


def refuse_clashes(kit: str, names: Iterable[str]) -> None:
    """The last guard (check refuses such names first): no kit ever holds two names that unpack as one file."""
    clashes = same_file_names(list(names))
    if clashes:
        raise SiteError(f"{kit} tidak dibuat: " + "; ".join(f"{a} dan {b} menjadi satu berkas saat diekstrak"
                                                            for a, b in clashes))


def make_bundle(config_file: Path, output: Path, chosen: tuple[tuple[str, str], ...] = ()) -> BundleReport:
    """Build offline into a temporary folder and write the zip atomically (no partial file).

    ``chosen``: (kind, slug) entries a one-event kit is built around; empty for the whole catalog."""
    output = prepare_output(output)
    top = bundle_top(output)
    with tempfile.TemporaryDirectory(prefix="asn-portal-bundle-") as tmp:
        root = Path(tmp) / WORK
        site_dir = root / SITE
        build_kit_site(config_file, site_dir, chosen)
        digests = {p: _sha256(p) for p in site_dir.rglob("*") if p.is_file()}
        commit = head_commit(config_file.resolve().parent, _source_paths(config_file))
        kit_date = _kit_date(commit)
        version = _version(_fingerprint({p.relative_to(root).as_posix(): d for p, d in digests.items()}), commit)
        fill = {"@TANGGAL@": kit_date, "@VERSI@": version}
        _write_text(root / START, _fill(packaged_text("templates", "bundle_start.html"), fill, html.escape))
        _write_text(root / README, _windows_lines(_fill(packaged_text("templates", "bundle_readme.txt"), fill, str)))
        files = sorted(p for p in root.rglob("*") if p.is_file())
        refuse_clashes("Bundel", (p.relative_to(root).as_posix() for p in files))
        sums = "".join(f"{digests.get(p) or _sha256(p)}  {p.relative_to(root).as_posix()}\n" for p in files)
        _write_text(root / SUMS, sums)
        write_zip(root, output, top)
        pages = sum(1 for p in files if p.suffix == ".html") - 1  # minus the start file
        materials = sum(1 for p in files if (site_dir / "materi") in p.parents)
    size = output.stat().st_size
    return BundleReport(output, pages, materials, len(files) + 1, size, kit_date, version, size_warnings(size))


def size_warnings(size: int) -> list[str]:
    """Why a zip of ``size`` bytes may not fit on a FAT32 flash drive (empty when it surely does)."""
    options = "/".join(f"--{spec.name}" for spec in by_nav_order() if spec.subset_option)
    advice = ("Pakai flashdisk berformat exFAT atau NTFS, atau buat paket lebih kecil untuk satu acara "
              f"dengan {options}.")
    if size > FAT32_MAX:
        return [f"peringatan: zip berukuran {size_id(size)}, melebihi batas 4 GB per berkas pada flashdisk "
                f"FAT32, jadi sama sekali tidak dapat disalin ke flashdisk FAT32. {advice}"]
    if size >= FAT32_WARN:
        return [f"peringatan: zip berukuran {size_id(size)}, mendekati 4 GB. Flashdisk berformat FAT32 tidak "
                f"dapat menyimpan berkas berukuran 4 GB atau lebih. {advice}"]
    return []


def _source_paths(config_file: Path) -> list[Path]:
    """What the site is built from, for `git status`: mkdocs.yml and the content, pages and materials folders."""
    try:
        project, config = load_project(config_file.parent, str(config_file))
    except ProjectNotFoundError:  # the build read it, so this is unlikely; fall back to the usual layout
        root = config_file.parent
        return [config_file, root / "content", root / "materials"]
    return [config, project.content_dir, project.pages_dir, project.materials_dir]


def _fingerprint(digests: dict[str, str]) -> str:
    """A short hash over every (path, SHA-256) pair: the same built site gives the same text."""
    listing = "".join(f"{digests[name]}  {name}\n" for name in sorted(digests))
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()[:VERSION_DIGITS]


def _version(fingerprint: str, commit: Commit | None) -> str:
    if commit is None:
        return fingerprint
    return f"{fingerprint} (commit {commit.short})" if commit.clean else f"{fingerprint} (isi belum di-commit)"


def _kit_date(commit: Commit | None) -> str:
    """SOURCE_DATE_EPOCH (UTC); else the date of the commit the content matches; else unknown."""
    day = kit_day(commit)
    return NO_DATE if day is None else date_id(day)


def kit_day(commit: Commit | None) -> dt.date | None:
    """The kit's date: SOURCE_DATE_EPOCH (UTC); else the date of the commit the content matches; else None."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(value), dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            pass
    if commit is not None and commit.clean:
        return commit.day
    return None


def _fill(template: str, values: dict[str, str], escape: Callable[[str], str]) -> str:
    for marker, value in values.items():
        template = template.replace(marker, escape(value))
    return template


def _windows_lines(text: str) -> str:
    """CRLF line ends: the readme is opened on the facilitators' Windows laptops, where an old Notepad
    shows a text with \\n line ends as one long line."""
    return "".join(line + "\r\n" for line in text.splitlines())


def _write_text(path: Path, text: str) -> None:
    """UTF-8 with the line ends ``text`` has, on every system: the zip must not depend on where it was made."""
    path.write_bytes(text.encode("utf-8"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _timestamp() -> tuple[int, int, int, int, int, int]:
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = int(value) if value.strip().isdigit() else DOS_EPOCH  # unset or not a number: the zip epoch
    return time.gmtime(max(epoch, DOS_EPOCH))[:6]


def _set_level(info: zipfile.ZipInfo, level: int) -> None:
    """ZipFile.open(info, "w") compresses at the level the ZipInfo carries (public only from Python 3.13)."""
    if sys.version_info >= (3, 13):
        info.compress_level = level
    else:
        info._compresslevel = level  # type: ignore[attr-defined]


def write_zip(root: Path, output: Path, top: str = "") -> None:
    """Every file under ``root`` into ``output``, inside the folder ``top`` (at the zip's root when empty),
    written atomically (a temporary file renamed). Sorted entries, fixed times and modes: the same content
    gives the same bytes. Shared by the bundle and the Kolibri app (kit/kolibri.py)."""
    prefix = f"{top}/" if top else ""
    stamp = _timestamp()
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
        os.close(fd)
        with zipfile.ZipFile(tmp_name, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix()):
                is_dir = path.is_dir()
                info = zipfile.ZipInfo(f"{prefix}{path.relative_to(root).as_posix()}" + ("/" if is_dir else ""),
                                       date_time=stamp)
                info.create_system = 3  # unix, so the modes below are read everywhere
                if is_dir:
                    info.external_attr = (0o40755 << 16) | 0x10
                    zf.writestr(info, b"")
                    continue
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                info.file_size = path.stat().st_size  # known up front, so zip64 is chosen only when needed
                _set_level(info, 9)
                with path.open("rb") as src, zf.open(info, "w") as dst:
                    for chunk in iter(lambda: src.read(CHUNK), b""):
                        dst.write(chunk)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)  # mkstemp makes 0600; a shared kit should be readable
        os.replace(tmp_name, output)
    except BaseException:  # an interrupt too: no part of a zip stays beside the output
        if tmp_name:
            Path(tmp_name).unlink(missing_ok=True)
        raise


# -- checking a copy ------------------------------------------------------------------------------
