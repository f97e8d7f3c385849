"""The offline bundle: one reproducible zip a facilitator copies to laptops without internet.

Layout inside the zip (one top-level folder, named after the zip):
    <name>/BUKA-PORTAL.html   start file (forwards to situs/index.html)
    <name>/BACA-SAYA.txt      how to extract, open and check the copy
    <name>/SHA256SUMS.txt     checksum of every other file (``sha256sum -c`` format)
    <name>/situs/...          the site built for file://
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from . import packaged_text
from .offline import Offline
from .paths import windows_problem
from .site import build_offline

SUMS = "SHA256SUMS.txt"
START = "BUKA-PORTAL.html"
README = "BACA-SAYA.txt"
SITE = "situs"
WORK = "bundel"  # fixed folder the bundle is assembled in: the output name never becomes a path
DOS_EPOCH = 315532800  # 1980-01-01, the earliest time a zip can hold
# Files that carry the build clock or only matter to search engines online.
DROP = ("sitemap.xml", "sitemap.xml.gz", "404.html")  # 404.html links from a server root: no use offline
CHUNK = 1 << 16  # files are streamed in pieces of this size, in and out of the zip
MAX_STEM = 100
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


def prepare_output(output: Path) -> Path:
    """Check ``-o`` before the slow build: a safe name, not a folder, in a folder we can write to (made if
    missing). Returns the absolute path; its last part is not resolved, so a link there is replaced, not followed."""
    bundle_top(output)
    try:
        parent = output.parent.resolve()
        target = parent / output.name
        if target.is_dir():
            raise OutputError(f"{target} adalah folder. Tulis nama berkas zip, misalnya {target / 'portal-asn.zip'}.")
    except (OSError, RuntimeError) as exc:
        reason = describe_os_error(exc) if isinstance(exc, OSError) else "tautan simbolik berputar"
        raise OutputError(f"lokasi {output} tidak dapat dipakai ({reason}).") from exc
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"folder {parent} tidak dapat dibuat ({describe_os_error(exc)}). "
                          "Pilih lokasi lain dengan -o.") from exc
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"tidak dapat menulis di folder {parent} ({describe_os_error(exc)}). "
                          "Pilih lokasi lain dengan -o.") from exc
    return target


def make_bundle(config_file: Path, output: Path, courses: tuple[str, ...] = (),
                factors: tuple[str, ...] = ()) -> BundleReport:
    """Build offline into a temporary folder and write the zip atomically (no partial file)."""
    output = prepare_output(output)
    top = bundle_top(output)
    with tempfile.TemporaryDirectory(prefix="asn-portal-bundle-") as tmp:
        root = Path(tmp) / WORK
        site_dir = root / SITE
        offline = Offline(courses=courses, factors=factors)
        build_offline(config_file, site_dir, offline)
        for name in DROP:
            (site_dir / name).unlink(missing_ok=True)
        (root / START).write_text(packaged_text("templates", "bundle_start.html"), encoding="utf-8")
        (root / README).write_text(packaged_text("templates", "bundle_readme.txt"), encoding="utf-8")
        files = sorted(p for p in root.rglob("*") if p.is_file())
        sums = "".join(f"{_sha256(p)}  {p.relative_to(root).as_posix()}\n" for p in files)
        (root / SUMS).write_text(sums, encoding="utf-8")
        _write_zip(root, output, top)
        pages = sum(1 for p in files if p.suffix == ".html") - 1  # minus the start file
        materials = sum(1 for p in files if (site_dir / "materi") in p.parents)
    return BundleReport(output, pages, materials, len(files) + 1, output.stat().st_size)


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


def _write_zip(root: Path, output: Path, top: str) -> None:
    """Sorted entries, fixed times and modes: the same content gives the same bytes."""
    stamp = _timestamp()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp_name, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix()):
                is_dir = path.is_dir()
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(root).as_posix()}" + ("/" if is_dir else ""),
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
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


# -- checking a copy ------------------------------------------------------------------------------
