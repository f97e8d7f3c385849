"""The offline bundle: one reproducible zip a facilitator copies to laptops without internet.

Layout inside the zip (one top-level folder):
    <name>/BUKA-PORTAL.html   start file (forwards to situs/index.html)
    <name>/BACA-SAYA.txt      how to extract, open and check the copy
    <name>/SHA256SUMS.txt     checksum of every other file (``sha256sum -c`` format)
    <name>/situs/...          the site built for file://
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from . import packaged_text
from .offline import Offline
from .site import build_offline

SUMS = "SHA256SUMS.txt"
START = "BUKA-PORTAL.html"
README = "BACA-SAYA.txt"
SITE = "situs"
DOS_EPOCH = 315532800  # 1980-01-01, the earliest time a zip can hold
# Files that carry the build clock or only matter to search engines online.
DROP = ("sitemap.xml", "sitemap.xml.gz", "404.html")  # 404.html links from a server root: no use offline


@dataclass
class BundleReport:
    path: Path
    pages: int
    materials: int
    files: int
    size: int


def make_bundle(config_file: Path, output: Path, courses: tuple[str, ...] = (),
                factors: tuple[str, ...] = ()) -> BundleReport:
    """Build offline into a temporary folder and write the zip atomically (no partial file)."""
    output = output.resolve()
    top = output.stem
    with tempfile.TemporaryDirectory(prefix="asn-portal-bundle-") as tmp:
        root = Path(tmp) / top
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
        output.parent.mkdir(parents=True, exist_ok=True)
        _write_zip(root, output)
        pages = sum(1 for p in files if p.suffix == ".html") - 1  # minus the start file
        materials = sum(1 for p in files if (site_dir / "materi") in p.parents)
    return BundleReport(output, pages, materials, len(files) + 1, output.stat().st_size)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DOS_EPOCH))
    return time.gmtime(max(epoch, DOS_EPOCH))[:6]


def _write_zip(root: Path, output: Path) -> None:
    """Sorted entries, fixed times and modes: the same content gives the same bytes."""
    stamp = _timestamp()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp_name, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            entries = sorted(root.rglob("*"), key=lambda p: p.relative_to(root.parent).as_posix())
            for path in entries:
                name = path.relative_to(root.parent).as_posix() + ("/" if path.is_dir() else "")
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.create_system = 3  # unix, so the modes below are read everywhere
                if path.is_dir():
                    info.external_attr = (0o40755 << 16) | 0x10
                    zf.writestr(info, b"")
                else:
                    info.external_attr = 0o100644 << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, path.read_bytes(), compresslevel=9)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)  # mkstemp makes 0600; a shared kit should be readable
        os.replace(tmp_name, output)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    problems: list[str]


def verify_bundle(path: Path) -> VerifyResult:
    """Check a zip (or an extracted folder) against its SHA256SUMS.txt."""
    try:
        files = _read_zip(path) if path.is_file() else _read_folder(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return VerifyResult(False, 0, [f"{path}: tidak dapat dibaca sebagai bundel ({exc})."])
    sums_name = next((n for n in files if PurePosixPath(n).name == SUMS and n.count("/") <= 1), None)
    if sums_name is None:
        return VerifyResult(False, 0, [f"{SUMS} tidak ada di bundel."])
    prefix = sums_name[: -len(SUMS)]
    expected: dict[str, str] = {}
    for line in files[sums_name]().decode("utf-8", "replace").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            expected[prefix + name] = digest
    problems = []
    for name, digest in sorted(expected.items()):
        reader = files.get(name)
        if reader is None:
            problems.append(f"hilang: {name}")
        elif hashlib.sha256(reader()).hexdigest() != digest:
            problems.append(f"berubah/rusak: {name}")
    extra = sorted(n for n in files if n not in expected and n != sums_name)
    problems += [f"tambahan (tidak ada di {SUMS}): {n}" for n in extra]
    return VerifyResult(not problems, len(expected), problems)


def _read_zip(path: Path) -> dict[str, Callable[[], bytes]]:
    zf = zipfile.ZipFile(path)
    return {i.filename: partial(zf.read, i.filename) for i in zf.infolist() if not i.is_dir()}


def _read_folder(path: Path) -> dict[str, Callable[[], bytes]]:
    if not path.is_dir():
        raise OSError("bukan berkas zip atau folder")
    return {p.relative_to(path.parent).as_posix(): p.read_bytes for p in path.rglob("*") if p.is_file()}

