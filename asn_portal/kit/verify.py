"""``asn-portal bundle --verify``: is a kit intact? Needs no project (a training-room laptop has the zip only).

Every entry is streamed through SHA-256 in bounded memory, and whatever a damaged or hostile zip
holds (corrupt, truncated, encrypted, unsupported compression, duplicate or overlapping entries,
sizes that disagree with the listing) ends as a reason, never a traceback.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from asn_portal.kit.bundle import CHUNK, SUMS, describe_os_error
from asn_portal.render.text import size_id
from asn_portal.trust.paths import same_file_names

MAX_SUMS = 16 << 20  # a real SHA256SUMS.txt is ~100 bytes a file


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    problems: list[str]


class _BrokenError(Exception):
    """A file or a whole bundle that cannot be read as it should; the message (Indonesian) says why."""


@dataclass(frozen=True)
class _File:
    size: int  # as listed (zip) or on disk (folder)
    chunks: Callable[[], Iterator[bytes]]  # streams the content; raises _BrokenError


_NOT_A_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error, OverflowError,
              NotImplementedError)


def verify_bundle(path: Path) -> VerifyResult:
    """Check a zip (or an extracted folder) against its SHA256SUMS.txt, streaming every file.

    Needs no portal project. Memory stays small whatever the zip claims: each entry is inflated in
    chunks and never past the size its listing gives."""
    problems: list[str] = []
    try:
        if path.is_dir():
            files = _folder_files(path, problems)
            problems += _name_problems(list(files))
            return _check(files, problems)
        if not path.is_file():
            return VerifyResult(False, 0, [f"{path}: tidak ditemukan (bukan berkas zip atau folder)."])
        with path.open("rb") as fh, zipfile.ZipFile(fh) as zf:
            problems += _entry_problems(zf.infolist())
            return _check(_zip_files(fh, zf), problems)
    except _BrokenError as exc:
        return VerifyResult(False, 0, [f"{path}: {exc}"])
    except OSError as exc:
        return VerifyResult(False, 0, [f"{path}: tidak dapat dibaca ({describe_os_error(exc)})."])
    except _NOT_A_ZIP:
        return VerifyResult(False, 0, [f"{path}: bukan berkas zip yang utuh (rusak, terpotong, atau bukan zip)."])


def _check(files: dict[str, _File], problems: list[str]) -> VerifyResult:
    candidates = [n for n in files if PurePosixPath(n).name == SUMS and n.count("/") <= 1]
    if not candidates:
        return VerifyResult(False, 0, [*problems, f"{SUMS} tidak ada di bundel."])
    sums_name = min(candidates, key=lambda n: (n.count("/"), n))
    if files[sums_name].size > MAX_SUMS:
        return VerifyResult(False, 0, [*problems, f"{sums_name} terlalu besar ({size_id(files[sums_name].size)}); "
                                                  f"bundel asli jauh lebih kecil."])
    try:
        text = b"".join(files[sums_name].chunks()).decode("utf-8", "replace")
    except _BrokenError as exc:
        return VerifyResult(False, 0, [*problems, f"rusak: {sums_name} ({exc})"])
    prefix = sums_name[: -len(SUMS)]
    expected: dict[str, str] = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if name:
            expected[prefix + name] = digest
    for name, digest in sorted(expected.items()):
        file = files.get(name)
        if file is None:
            problems.append(f"hilang: {name}")
            continue
        try:
            actual = _digest(file)
        except _BrokenError as exc:
            problems.append(f"rusak: {name} ({exc})")
            continue
        if actual != digest:
            problems.append(f"berubah/rusak: {name}")
    extra = sorted(n for n in files if n not in expected and n != sums_name)
    problems += [f"tambahan (tidak ada di {SUMS}): {n}" for n in extra]
    return VerifyResult(not problems, len(expected), problems)


def _entry_problems(infos: list[zipfile.ZipInfo]) -> list[str]:
    """Entries an unzip tool would turn into something other than a file in the kit's folder: a
    symbolic link, a name that climbs out (``..``), starts at a root or a drive, or uses ``\\``
    (a folder separator on Windows). The sums cannot vouch for these: a real kit never holds one."""
    found = []
    for info in infos:
        if stat.S_ISLNK(info.external_attr >> 16):
            found.append(f"tautan simbolik di zip (bundel asli tidak pernah memuatnya): {info.filename}")
    return found + _name_problems([i.filename for i in infos])


def _name_problems(names: list[str]) -> list[str]:
    found = []
    for name in names:
        if "\\" in name:
            found.append(f"nama entri memakai garis miring terbalik '\\' (di Windows menjadi folder lain): {name}")
        elif name.startswith("/") or re.match(r"^[A-Za-z]:", name):
            found.append(f"nama entri absolut (diekstrak di luar folder tujuan): {name}")
        elif ".." in name.split("/"):
            found.append(f"nama entri memuat '..' (diekstrak di luar folder tujuan): {name}")
    for first, other in same_file_names(names):
        found.append(f"dua entri menjadi satu berkas di Windows atau macOS (huruf besar/kecil atau bentuk Unicode "
                     f"berbeda): {first} dan {other}")
    return found


def _digest(file: _File) -> str:
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def _zip_files(fh: BinaryIO, zf: zipfile.ZipFile) -> dict[str, _File]:
    infos = zf.infolist()
    doubled = sorted(name for name, count in Counter(i.filename for i in infos).items() if count > 1)
    if doubled:
        raise _BrokenError(f"nama entri ganda di zip ({', '.join(doubled[:3])}); salinan asli tidak pernah begitu.")
    # Entries sharing compressed data are how the worst zip bombs grow; a real zip never does it.
    spans = sorted((i.header_offset, i.header_offset + 30 + i.compress_size) for i in infos)
    if any(nxt[0] < cur[1] for cur, nxt in pairwise(spans)):
        raise _BrokenError("entri zip saling tumpang tindih (ciri zip bom); salinan asli tidak pernah begitu.")
    return {i.filename: _File(i.file_size, partial(_zip_chunks, fh, i)) for i in infos if not i.is_dir()}


def _zip_chunks(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """An entry's content, inflated piece by piece and never past the size its listing gives."""
    if info.flag_bits & 0x1:
        raise _BrokenError("terenkripsi; bundel asli tidak pernah dikunci sandi")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _BrokenError(f"metode kompresi {info.compress_type} tidak didukung")
    try:
        fh.seek(info.header_offset)
        header = fh.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise _BrokenError("kepala entri tidak ditemukan")
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        fh.seek(info.header_offset + 30 + name_len + extra_len)
        inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
        left, size, crc = info.compress_size, 0, 0
        while left > 0:
            raw = fh.read(min(CHUNK, left))
            if not raw:
                raise _BrokenError("terpotong")
            left -= len(raw)
            while raw:
                if inflater is None:
                    out, raw = raw, b""
                else:
                    out = inflater.decompress(raw, CHUNK)
                    raw = inflater.unconsumed_tail
                size += len(out)
                if size > info.file_size:
                    raise _BrokenError(f"isinya lebih besar dari ukuran di daftar zip ({info.file_size} byte)")
                crc = zlib.crc32(out, crc)
                yield out
        if inflater is not None and (not inflater.eof or inflater.unused_data):
            raise _BrokenError("data terkompresi tidak lengkap atau terpotong")
        if size != info.file_size:
            raise _BrokenError(f"ukurannya {size} byte, tidak cocok dengan daftar zip ({info.file_size} byte)")
        if crc != info.CRC:
            raise _BrokenError("CRC tidak cocok")
    except OSError as exc:
        raise _BrokenError(f"tidak dapat dibaca ({describe_os_error(exc)})") from exc
    except (zlib.error, struct.error, ValueError, OverflowError) as exc:
        raise _BrokenError("data terkompresi rusak") from exc


def _folder_files(path: Path, problems: list[str]) -> dict[str, _File]:
    """Regular files under ``path``; symbolic links and special files are named, never followed or opened."""
    files: dict[str, _File] = {}
    for folder, dirs, names in os.walk(path):  # does not descend into linked folders
        for name in sorted(dirs + names):
            item = Path(folder) / name
            rel = item.relative_to(path.parent).as_posix()
            info = item.lstat()
            if stat.S_ISLNK(info.st_mode):
                problems.append(f"tautan simbolik, tidak diperiksa: {rel}")
            elif stat.S_ISREG(info.st_mode):
                files[rel] = _File(info.st_size, partial(_file_chunks, item))
            elif not stat.S_ISDIR(info.st_mode):
                problems.append(f"bukan berkas biasa: {rel}")
    return files


def _file_chunks(path: Path) -> Iterator[bytes]:
    try:
        with path.open("rb") as fh:
            yield from iter(lambda: fh.read(CHUNK), b"")
    except OSError as exc:
        raise _BrokenError(f"tidak dapat dibaca ({describe_os_error(exc)})") from exc
