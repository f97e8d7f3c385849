"""What the CLI writes or refuses: `bundle -o` names and places, `bundle --verify` on damaged or hostile
copies without a project, and `new --title` keeping any title literally."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import struct
import tempfile
import tracemalloc
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ProjectBuilder

from asn_portal.cli import main
from asn_portal.content.validate import Project, load_catalog
from asn_portal.kit import bundle as bundle_module
from asn_portal.kit import verify as verify_module

ENTRY = "kit/situs/index.html"


def cli(root: Path, *args: str) -> int:
    return main(["-f", str(root / "mkdocs.yml"), *args])


def verify(target: str) -> int:
    """`bundle --verify` as on a training-room laptop: no -f, no mkdocs.yml anywhere."""
    return main(["bundle", "--verify", target])


def listing(folder: Path) -> dict[str, bytes]:
    """Every path under ``folder`` with its content (b"/" for a folder): a before/after snapshot."""
    return {p.relative_to(folder).as_posix(): b"/" if p.is_dir() else p.read_bytes()
            for p in sorted(folder.rglob("*"))}


def no_build(*args: Any) -> None:
    raise AssertionError("the site was built although -o is unusable")


def tiny_build(config_file: Path, site_dir: Path, offline: Any) -> None:
    site_dir.mkdir(parents=True)
    (site_dir / "index.html").write_text("<p>Portal</p>", encoding="utf-8")


@dataclass
class Kit:
    root: Path  # the portal project it was built from
    data: bytes  # the zip's bytes; damaged variants are made from them
    sandbox: dict[str, bytes]  # the system temp folder after the build


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    """One real bundle per module, built while the system temp folder holds someone else's situs/."""
    base = tmp_path_factory.mktemp("kit")
    project = ProjectBuilder(base / "portal").minimal()
    sandbox = base / "sementara"
    (sandbox / "situs").mkdir(parents=True)
    (sandbox / "situs" / "penting.txt").write_text("milik orang lain", encoding="utf-8")
    out = base / "dist" / "kit.zip"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tempfile, "tempdir", str(sandbox))
        assert cli(project.root, "bundle", "-o", str(out)) == 0
    return Kit(project.root, out.read_bytes(), listing(sandbox))


# -- bundle -o -----------------------------------------------------------------------------------

def test_a_build_touches_nothing_beside_its_temporary_folder(kit: Kit) -> None:
    assert kit.sandbox == {"situs": b"/", "situs/penting.txt": b"milik orang lain"}
    assert {n.split("/")[0] for n in zipfile.ZipFile(io.BytesIO(kit.data)).namelist()} == {"kit"}


@pytest.mark.parametrize("name", ["...zip", ".zip", "..zip", ".kit.zip", "kit..zip", "a b.zip", "x:y.zip",
                                  "-.zip", "ä.zip", "kit\n.zip", "con.zip", "a" * 101 + ".zip",
                                  "kit.txt", "kit", "a/.."])
def test_a_bad_output_name_is_refused_before_the_build(kit: Kit, name: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    work, sandbox = tmp_path / "kerja", tmp_path / "sementara"
    for folder in (work, sandbox):
        (folder / "situs").mkdir(parents=True)
        (folder / "situs" / "penting.txt").write_text("milik orang lain", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(sandbox))
    monkeypatch.setattr(bundle_module, "build_offline", no_build)
    monkeypatch.chdir(work)
    before = listing(tmp_path)
    assert cli(kit.root, "bundle", f"--output={name}") == 2
    err = capsys.readouterr().err
    assert err.startswith("asn-portal: nama berkas") and ".zip" in err
    assert listing(tmp_path) == before, "nothing written, nothing deleted"


def test_an_output_that_is_a_folder_is_refused(kit: Kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "kit.zip").mkdir()
    (tmp_path / "kit.zip" / "isi.txt").write_text("isi", encoding="utf-8")
    monkeypatch.setattr(bundle_module, "build_offline", no_build)
    before = listing(tmp_path)
    assert cli(kit.root, "bundle", "-o", str(tmp_path / "kit.zip")) == 2
    assert "adalah folder" in capsys.readouterr().err
    assert listing(tmp_path) == before


@pytest.mark.parametrize("where", ["proc", "under-a-file", "read-only"])
def test_an_unwritable_output_is_refused_before_the_build(kit: Kit, where: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    if where == "proc":
        if not Path("/proc/self").is_dir():
            pytest.skip("no /proc here")
        out = Path("/proc/asn-portal-uji.zip")
    elif where == "under-a-file":
        (tmp_path / "berkas.txt").write_text("bukan folder", encoding="utf-8")
        out = tmp_path / "berkas.txt" / "dist" / "kit.zip"
    else:
        # A folder nobody may write to; root may write anywhere but sysfs, so use that when root.
        locked = tmp_path / "terkunci"
        locked.mkdir()
        locked.chmod(0o555)
        if os.access(locked, os.W_OK):
            locked.chmod(0o755)
            locked = Path("/sys")
        out = locked / "kit.zip"
    monkeypatch.setattr(bundle_module, "build_offline", no_build)
    try:
        assert cli(kit.root, "bundle", "-o", str(out)) == 2
    finally:
        if where == "read-only" and out.parent != Path("/sys"):
            out.parent.chmod(0o755)
    err = capsys.readouterr().err
    assert err.startswith("asn-portal: ") and "tidak dapat" in err and "-o" in err
    assert not out.exists()


def test_a_write_error_while_zipping_exits_2_and_leaves_no_file(kit: Kit, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    def disk_full(*args: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bundle_module, "build_offline", tiny_build)
    monkeypatch.setattr(bundle_module.os, "replace", disk_full)
    assert cli(kit.root, "bundle", "-o", str(tmp_path / "dist" / "kit.zip")) == 2
    err = capsys.readouterr().err
    assert "bundel tidak dapat ditulis" in err and "ruang disk penuh" in err
    assert listing(tmp_path) == {"dist": b"/"}, "no partial zip, no temporary file"


# -- bundle --verify -----------------------------------------------------------------------------

def without_project(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not any((p / "mkdocs.yml").exists() for p in (folder, *folder.parents))
    monkeypatch.chdir(folder)


def test_verify_needs_no_project(kit: Kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "kit.zip").write_bytes(kit.data)
    without_project(tmp_path, monkeypatch)
    assert verify("kit.zip") == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"Bundel utuh: \d+ berkas cocok dengan SHA256SUMS\.txt\.\n", out)


def test_verify_an_extracted_folder_and_name_a_link_in_it(kit: Kit, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    zipfile.ZipFile(io.BytesIO(kit.data)).extractall(tmp_path)
    without_project(tmp_path, monkeypatch)
    assert verify("kit") == 0
    monkeypatch.chdir(tmp_path / "kit")
    assert verify(".") == 0, "from inside the extracted folder too"
    (tmp_path / "rahasia.txt").write_text("rahasia", encoding="utf-8")
    (tmp_path / "kit" / "situs" / "tautan.txt").symlink_to(tmp_path / "rahasia.txt")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert verify("kit") == 1
    err = capsys.readouterr().err
    assert "tautan simbolik, tidak diperiksa: kit/situs/tautan.txt" in err and "Bundel TIDAK utuh" in err


def entry_offsets(data: bytes, name: str) -> tuple[int, int]:
    """(local header, central header) offsets of entry ``name``."""
    local = zipfile.ZipFile(io.BytesIO(data)).getinfo(name).header_offset
    for m in re.finditer(b"PK\x01\x02", data):
        length = struct.unpack_from("<H", data, m.start() + 28)[0]
        if data[m.start() + 46: m.start() + 46 + length] == name.encode():
            return local, m.start()
    raise AssertionError(name)


def patch(data: bytes, name: str, local_at: int, central_at: int, value: bytes) -> bytes:
    """Write ``value`` into the same field of the entry's local and central header."""
    local, central = entry_offsets(data, name)
    out = bytearray(data)
    out[local + local_at: local + local_at + len(value)] = value
    out[central + central_at: central + central_at + len(value)] = value
    return bytes(out)


def size_of(data: bytes, name: str) -> int:
    return zipfile.ZipFile(io.BytesIO(data)).getinfo(name).file_size


def flip_content(data: bytes) -> bytes:
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(ENTRY)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    middle = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
    out = bytearray(data)
    for i in range(middle, middle + 16):
        out[i] ^= 0x5A
    return bytes(out)


def doubled(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate, and writes it
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(ENTRY, b"<p>Portal palsu</p>")
    return out.getvalue()


def overlapping(data: bytes) -> bytes:
    """Two listed entries pointing at the same compressed bytes: how the worst zip bombs grow."""
    local, _ = entry_offsets(data, ENTRY)
    _, central = entry_offsets(data, "kit/BACA-SAYA.txt")
    out = bytearray(data)
    out[central + 42: central + 46] = struct.pack("<I", local)
    return bytes(out)


def with_sums(entries: dict[str, bytes], big: tuple[str, int] | None = None) -> bytes:
    """A small zip of its own: kit/SHA256SUMS.txt listing ``entries`` (and ``big``, zeros streamed in)."""
    lines = "".join(f"{hashlib.sha256(v).hexdigest()}  {k}\n" for k, v in entries.items())
    if big:
        digest = hashlib.sha256()
        zeros = bytes(1 << 20)
        for _ in range(big[1] >> 20):
            digest.update(zeros)
        lines += f"{digest.hexdigest()}  {big[0]}\n"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("kit/SHA256SUMS.txt", lines)
        for name, value in entries.items():
            zf.writestr(f"kit/{name}", value)
        if big:
            with zf.open(f"kit/{big[0]}", "w") as dst:
                for _ in range(big[1] >> 20):
                    dst.write(bytes(1 << 20))
    return out.getvalue()


def bomb(data: bytes) -> bytes:
    """200 MB of zeros (about 200 KB zipped) whose listing claims 1000 bytes."""
    bomb_zip = with_sums({}, ("bom.bin", 200 << 20))
    return patch(bomb_zip, "kit/bom.bin", 22, 24, struct.pack("<I", 1000))


def oversized_sums(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("kit/SHA256SUMS.txt", b"0" * (verify_module.MAX_SUMS + 1))
    return out.getvalue()


DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "not-a-zip": (lambda d: b"Ini bukan zip.\n" * 1000, "bukan berkas zip yang utuh"),
    "empty": (lambda d: b"", "bukan berkas zip yang utuh"),
    "truncated": (lambda d: d[: len(d) // 2], "bukan berkas zip yang utuh"),
    "corrupt-bytes": (flip_content, f"rusak: {ENTRY} ("),
    "encrypted": (lambda d: patch(d, ENTRY, 6, 8, struct.pack("<H", 1)), f"rusak: {ENTRY} (terenkripsi"),
    "compression-99": (lambda d: patch(d, ENTRY, 8, 10, struct.pack("<H", 99)),
                       f"rusak: {ENTRY} (metode kompresi 99 tidak didukung"),
    "duplicate-names": (doubled, f"nama entri ganda di zip ({ENTRY})"),
    "listed-smaller": (lambda d: patch(d, ENTRY, 22, 24, struct.pack("<I", size_of(d, ENTRY) - 1)),
                       f"rusak: {ENTRY} (isinya lebih besar dari ukuran di daftar zip"),
    "listed-larger": (lambda d: patch(d, ENTRY, 22, 24, struct.pack("<I", size_of(d, ENTRY) + 1)),
                      f"rusak: {ENTRY} (ukurannya"),
    "overlapping-entries": (overlapping, "tumpang tindih"),
    "zip-bomb": (bomb, "rusak: kit/bom.bin (isinya lebih besar dari ukuran di daftar zip (1000 byte)"),
    "oversized-sums": (oversized_sums, "kit/SHA256SUMS.txt terlalu besar"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_verify_refuses_a_damaged_or_hostile_zip_with_a_reason(kit: Kit, damage: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    make, reason = DAMAGE[damage]
    (tmp_path / "rusak.zip").write_bytes(make(kit.data))
    without_project(tmp_path, monkeypatch)
    assert verify("rusak.zip") == 1
    out, err = capsys.readouterr()
    assert reason in err
    assert re.search(r"^Bundel TIDAK utuh: \d+ masalah\.$", err, re.M)
    assert "Traceback" not in out + err and "Bundel utuh" not in out


def test_verify_streams_a_huge_entry_in_small_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "besar.zip").write_bytes(with_sums({"kecil.txt": b"isi"}, ("nol.bin", 300 << 20)))
    without_project(tmp_path, monkeypatch)
    tracemalloc.start()
    try:
        code = verify("besar.zip")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 0, capsys.readouterr().err
    assert "Bundel utuh: 2 berkas" in capsys.readouterr().out
    assert peak < 16 << 20, f"verify held {peak >> 20} MB at once for a 300 MB entry"


# -- new --title ---------------------------------------------------------------------------------

TITLES = ["{date}", "{title}", "{factor} dan {order}", 'Kutip "ganda" dan \'tunggal\'', "Judul: subjudul",
          "a: b: c", "# bukan komentar", "Etika #1", "C:\\Data\\berkas", "\\", "a\\nb", "Emoji 🎓✨ dan é",
          "baris satu\nbaris dua", "- daftar", "* bintang", "& jangkar", "! tag", "%direktif", "@ surel",
          "` backtick", "| literal", "> lipat", "? tanya", "[kurung]", "{kurawal: x}", ",koma", "'kutip", '"kutip',
          "  spasi di tepi  ", "null", "true", "123", "2026-01-01", "~", "---", "...", "\ttab", "NEL\x85 LS\u2028",
          "C1\x9f dan \ufffe", "\ufeffBOM", "<b>tebal</b> & <i>miring</i>"]


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> ProjectBuilder:
    return ProjectBuilder(tmp_path_factory.mktemp("baru") / "portal").minimal()


@pytest.mark.parametrize("title", TITLES, ids=[ascii(t) for t in TITLES])
def test_new_keeps_the_title_literally(portal: ProjectBuilder, title: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    number = TITLES.index(title)
    kind, slug = ("course", "factor", "article")[number % 3], f"judul-{number}"
    assert cli(portal.root, "new", kind, slug, f"--title={title}") == 0, capsys.readouterr().err
    (path,) = portal.root.glob(f"content/*/{slug}.yml")
    try:
        capsys.readouterr()
        assert cli(portal.root, "check") == 1, capsys.readouterr().err  # the template's example texts, to replace
        catalog, problems = load_catalog(Project.at(portal.root))
        assert [p.format() for p in problems.errors if "teks contoh dari templat" not in p.message] == []
        assert catalog.of_kind(kind)[slug].title == title
    finally:
        path.unlink()


@pytest.mark.parametrize("title", ["", "   ", "\n\t"], ids=["empty", "spaces", "whitespace"])
def test_new_refuses_an_empty_title(portal: ProjectBuilder, title: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(portal.root, "new", "course", "tanpa-judul", f"--title={title}") == 2
    err = capsys.readouterr().err
    assert err.startswith("asn-portal: berkas tidak dibuat: 'title' tidak boleh kosong")
    assert not (portal.root / "content" / "courses" / "tanpa-judul.yml").exists()


@pytest.mark.parametrize("slug", ["a" * 101, "slug-baru\n"], ids=["101-characters", "trailing-newline"])
def test_new_refuses_a_slug_check_would_refuse(portal: ProjectBuilder, slug: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    before = listing(portal.root / "content")
    assert cli(portal.root, "new", "article", slug) == 2
    err = capsys.readouterr().err
    assert err.startswith("asn-portal: ") and ("terlalu panjang" in err or "tidak valid" in err)
    assert listing(portal.root / "content") == before


def test_new_accepts_a_slug_of_100_characters(portal: ProjectBuilder) -> None:
    assert cli(portal.root, "new", "article", "a" * 100) == 0
    path = portal.root / "content" / "articles" / f"{'a' * 100}.yml"
    try:
        _, problems = load_catalog(Project.at(portal.root))
        assert [p.format() for p in problems.errors if "teks contoh dari templat" not in p.message] == []
    finally:
        path.unlink()
