"""The ``asn-portal`` command. Exit codes: 0 ok, 1 content (or --verify) failed, 2 usage or no project."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import NoReturn, TypeVar

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # silence Material's end-of-life banner

from asn_portal.content.validate import Project, load_catalog
from asn_portal.interrupt import EXIT_INTERRUPTED, interruptible
from asn_portal.model.problems import format_report
from asn_portal.model.project import ProjectNotFoundError, load_project
from asn_portal.model.registry import KINDS, KindSpec
from asn_portal.packagers import PACKAGERS, ContentError, Packager

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def subset_kinds() -> list[KindSpec]:
    """The kinds a one-event kit can be built around (``--course SLUG``), as registered when asked."""
    return [spec for spec in KINDS.values() if spec.subset_option]


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian messages and exit code 2 on usage errors."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        replacements = {"the following arguments are required": "argumen berikut wajib diisi",
                        "invalid choice": "pilihan tidak dikenal", "unrecognized arguments": "argumen tidak dikenal",
                        "choose from": "pilih dari", "argument ": "argumen ",
                        "expected one argument": "perlu satu nilai"}
        for en, idn in replacements.items():
            message = message.replace(en, idn)
        self.exit(EXIT_USAGE, f"{self.prog}: galat: {message}\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Penggunaan:", 1)

    def format_help(self) -> str:
        return (super().format_help().replace("usage:", "Penggunaan:", 1)
                .replace("options:", "opsi:").replace("positional arguments:", "argumen:")
                .replace("show this help message and exit", "tampilkan bantuan ini lalu keluar"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="asn-portal", description="Portal pembelajaran ASN dari katalog YAML.")
    parser.add_argument("-f", "--config-file", metavar="PATH", help="path mkdocs.yml (bawaan: cari dari folder ini)")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    check = sub.add_parser("check", help="periksa semua berkas YAML tanpa membangun situs")
    check.set_defaults(func=cmd_check)
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="format laporan: text (bawaan), json, atau github (anotasi pull request)")
    build = sub.add_parser("build", help="bangun situs ke folder site/")
    build.add_argument("--strict", action="store_true", help="gagal bila ada peringatan")
    build.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                       help="jumlah proses yang membangun (bawaan dan 0: semua CPU; 1: satu proses). Hasilnya sama.")
    build.set_defaults(func=cmd_build)
    serve = sub.add_parser("serve", help="jalankan pratinjau di http://127.0.0.1:8000 dan muat ulang saat "
                                         "berkas berubah")
    serve.add_argument("-a", "--dev-addr", metavar="ALAMAT:PORT", default=None, help="alamat pratinjau")
    serve.set_defaults(func=cmd_serve)
    for packager in PACKAGERS:  # bundle, zim, kolibri, epub: one table, one way to run them
        made = sub.add_parser(packager.command, help=packager.help)
        made.add_argument("-o", "--output", metavar=packager.metavar, default=packager.default,
                          help=f"lokasi berkas (bawaan: {packager.default})")
        for spec in subset_kinds():  # --course SLUG, --factor SLUG: for one training event
            made.add_argument(f"--{spec.name}", action="append", default=[], metavar="SLUG",
                              help=f"hanya {spec.label.lower()} ini beserta yang ditautkannya (boleh diulang)")
        made.set_defaults(func=partial(cmd_package, packager))
        if packager.command == "bundle":
            made.add_argument("--verify", metavar="ZIP", help="periksa keutuhan zip (atau folder hasil ekstrak)")
    scorm = sub.add_parser("scorm", help="buat paket SCORM 1.2 satu kursus untuk diunggah ke LMS (Moodle dll.)")
    for spec in _scorm_kinds():  # --course SLUG
        scorm.add_argument(f"--{spec.name}", metavar="SLUG", help=f"slug {spec.label.lower()} yang dikemas")
    scorm.add_argument("-o", "--output", metavar="BERKAS.zip", default=None,
                       help="lokasi zip (bawaan: dist/scorm-SLUG.zip)")
    scorm.set_defaults(func=cmd_scorm)
    new = sub.add_parser("new", help="buat berkas YAML baru dari templat")
    new.add_argument("kind", choices=[*KINDS, *(s.url_dir for s in KINDS.values())], metavar="JENIS",
                     help=", ".join(f"{s.name} ({s.url_dir})" for s in KINDS.values()))
    new.add_argument("slug", metavar="SLUG", help="nama berkas tanpa .yml: huruf kecil, angka dan '-'")
    new.add_argument("--title", help="judul entri")
    new.set_defaults(func=cmd_new)
    schema = sub.add_parser("schema", help="tulis JSON Schema untuk editor (VS Code)")
    schema.add_argument("-o", "--output", metavar="FOLDER", default=None, help="folder tujuan (bawaan: schemas/)")
    schema.add_argument("--slugs", action="store_true",
                        help="juga tulis skema berisi daftar slug saat ini ke schemas/slugs/ (tidak masuk Git)")
    schema.set_defaults(func=cmd_schema)
    export = sub.add_parser("export", help="tulis proyek yang dibangun mesin situs lain tanpa plugin (Zensical)")
    export.add_argument("--engine", choices=("zensical",), required=True, help="mesin tujuan: zensical")
    export.add_argument("folder", metavar="FOLDER", help="folder tujuan (kosong atau belum ada)")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command == "bundle" and args.verify is not None:
        return cmd_verify(args)  # a training-room laptop has the zip, not the project
    try:
        project, config_file = load_project(Path.cwd(), args.config_file)
    except ProjectNotFoundError as exc:
        print(f"asn-portal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    packaging = {packager.command for packager in PACKAGERS} | {"scorm"}
    output = getattr(args, "output", None) if args.command in packaging else None
    return interruptible(lambda: int(args.func(args, project, config_file)), output)


def cmd_check(args: argparse.Namespace, project: Project, config_file: Path) -> int:
    _, problems = load_catalog(project)
    items = problems.sorted()
    if args.format == "json":
        print(json.dumps([p.as_json() for p in items], ensure_ascii=False, indent=2))
    elif args.format == "github":
        for p in items:
            print(p.github_annotation())
    elif items:
        print(format_report(items), file=sys.stderr if problems.errors else sys.stdout)
    if problems.errors:
        return EXIT_CONTENT
    if args.format == "text":
        print(f"Semua berkas valid ({_count(project)} entri diperiksa).")
    return EXIT_OK


def cmd_build(args: argparse.Namespace, project: Project, config_file: Path) -> int:
    from asn_portal.engines.mkdocs.build import SiteError, build_config, processes_used

    try:
        config = build_config(config_file, strict=args.strict, jobs=args.jobs)
    except (SiteError, ContentError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONTENT
    processes = processes_used(config)
    print(f"Situs selesai dibangun di {config.site_dir}" + (f" ({processes} proses)." if processes > 1 else "."))
    return EXIT_OK


def _jobs(text: str) -> int:
    """``--jobs``: a whole number of processes; 0 is every CPU, as ``jobs: 0`` in mkdocs.yml."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"--jobs perlu bilangan bulat 0 (semua CPU) atau lebih, bukan '{text}'")
    return jobs


def cmd_serve(args: argparse.Namespace, project: Project, config_file: Path) -> int:
    from asn_portal.engines.mkdocs.build import SiteError
    from asn_portal.engines.mkdocs.preview import AddressError, serve

    try:
        serve(config_file, dev_addr=args.dev_addr)
    except AddressError as exc:  # port in use, or not this computer's address: one line, nothing built
        print(f"asn-portal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (SiteError, ContentError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from asn_portal.kit.verify import verify_bundle

    result = verify_bundle(Path(args.verify))
    for line in result.problems:
        print(line, file=sys.stderr)
    if not result.ok:
        print(f"Bundel TIDAK utuh: {len(result.problems)} masalah.", file=sys.stderr)
        return EXIT_CONTENT
    print(f"Bundel utuh: {result.checked} berkas cocok dengan SHA256SUMS.txt.")
    return EXIT_OK


def cmd_package(packager: Packager, args: argparse.Namespace, project: Project, config_file: Path) -> int:
    """Any row of PACKAGERS: the output checked before the slow build, the subset chosen, made, told."""
    from asn_portal.kit.bundle import OutputError, prepare_output

    try:
        if packager.ready is not None:
            packager.ready()  # before the slow build
        output = prepare_output(Path(args.output), packager.suffix)  # a bad -o fails at once
    except (ValueError, OutputError) as exc:
        print(f"asn-portal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    chosen = _chosen_entries(args, project)
    if isinstance(chosen, int):
        return chosen
    report = _made(packager.what, args.output, lambda: packager.make(project, config_file, output, chosen))
    if isinstance(report, int):
        return report
    summary, warnings = packager.done(report)
    print(summary)
    for warning in warnings:
        print(f"asn-portal: {warning}", file=sys.stderr)
    return EXIT_OK


T = TypeVar("T")


def _made(what: str, target: object, make: Callable[[], T]) -> T | int:
    """Run a packager (``make``) with the messages every packaging command gives; the exit code on failure."""
    from asn_portal.engines.mkdocs.build import SiteError
    from asn_portal.kit.bundle import OutputError, describe_os_error, remove_leftovers

    try:
        return make()
    except KeyboardInterrupt:  # stopped at any step, even between making a temporary file and guarding it
        remove_leftovers(Path(str(target)))
        raise
    except OutputError as exc:
        print(f"asn-portal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (SiteError, ContentError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:
        print(f"asn-portal: {what} tidak dapat ditulis ke {target} ({describe_os_error(exc)}). "
              "Pilih lokasi lain dengan -o atau kosongkan ruang disk.", file=sys.stderr)
        return EXIT_USAGE
    except RuntimeError as exc:  # libzim reports its own failures so
        print(f"asn-portal: {what} tidak dapat dibuat: {exc}", file=sys.stderr)
        return EXIT_CONTENT


def _chosen_entries(args: argparse.Namespace, project: Project) -> tuple[tuple[str, str], ...] | int:
    """The --course/--factor entries of a kit, or the exit code when the content or a slug is wrong (the
    message printed)."""
    from asn_portal.content.fields import suggest

    catalog, problems = load_catalog(project)
    if problems.errors:
        print(format_report(problems.errors), file=sys.stderr)
        return EXIT_CONTENT
    chosen: list[tuple[str, str]] = []
    published = catalog.without_drafts()  # a kit never holds a draft
    for spec in subset_kinds():
        known = sorted(published.of_kind(spec.name))
        for slug in getattr(args, spec.name):
            if slug in catalog.of_kind(spec.name) and slug not in known:
                print(f"asn-portal: {spec.label.lower()} '{slug}' masih draf (draft: true), jadi tidak ikut paket. "
                      "Hapus 'draft: true' dari berkasnya bila sudah siap terbit.", file=sys.stderr)
                return EXIT_USAGE
            if slug not in known:
                print(f"asn-portal: {spec.label.lower()} '{slug}' tidak ada.{suggest(slug, known)}", file=sys.stderr)
                return EXIT_USAGE
            chosen.append((spec.name, slug))
    return tuple(chosen)


def _scorm_kinds() -> list[KindSpec]:
    from asn_portal.kit.scorm import scorm_kinds

    return scorm_kinds()


def cmd_scorm(args: argparse.Namespace, project: Project, config_file: Path) -> int:
    from asn_portal.content.fields import suggest
    from asn_portal.kit.scorm import default_output, make_scorm
    from asn_portal.render.text import size_id

    given = [(spec, getattr(args, spec.name)) for spec in _scorm_kinds() if getattr(args, spec.name, None)]
    if len(given) != 1:
        options = " atau ".join(f"--{spec.name} SLUG" for spec in _scorm_kinds())
        print(f"asn-portal: tulis satu {options}, misalnya asn-portal scorm --{_scorm_kinds()[0].name} "
              "nama-kursus.", file=sys.stderr)
        return EXIT_USAGE
    spec, slug = given[0]
    catalog, problems = load_catalog(project)
    if problems.errors:
        print(format_report(problems.errors), file=sys.stderr)
        return EXIT_CONTENT
    entries = catalog.without_drafts().of_kind(spec.name)  # a package never holds a draft
    if slug not in entries:
        print(f"asn-portal: {spec.label.lower()} '{slug}' tidak ada.{suggest(slug, sorted(entries))}",
              file=sys.stderr)
        return EXIT_USAGE
    target = Path(args.output) if args.output else default_output(slug)
    report = _made("paket SCORM", target, lambda: make_scorm(config_file, target, spec.name, slug, entries[slug].title))
    if isinstance(report, int):
        return report
    print(f"Paket SCORM 1.2 selesai: {report.pages} halaman, {report.materials} berkas materi, "
          f"{report.files} berkas, {size_id(report.size)}.\nZip: {report.path}\n"
          f"Unggah ke LMS sebagai paket SCORM (Moodle: Tambah aktivitas > Paket SCORM). "
          f"Halaman awal: {report.launch}.")
    return EXIT_OK


def cmd_new(args: argparse.Namespace, project: Project, config_file: Path) -> int:
    from asn_portal.scaffold import ScaffoldError, new_entry

    catalog, _ = load_catalog(project)
    try:
        made = new_entry(project, catalog, args.kind, args.slug, args.title)
    except ScaffoldError as exc:
        print(f"asn-portal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Berkas dibuat: {project.rel(made.path)}\n\nLangkah berikutnya:")
    for number, step in enumerate(made.next_steps, 1):
        print(f"  {number}. {step}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, project: Project, config_file: Path) -> int:
    from asn_portal.schema import write_schemas

    target = Path(args.output) if args.output else project.root / "schemas"
    written = write_schemas(target)
    if args.slugs:
        catalog, _ = load_catalog(project)
        slugs = {kind: sorted(table) for kind, table in catalog.slugs().items()}
        written += write_schemas(target / "slugs", slugs)
    for path in written:
        print(f"Skema ditulis: {path}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, project: Project, config_file: Path) -> int:
    from asn_portal.engines.zensical.export import ExportError, export_project

    target = Path(args.folder).resolve()
    sources = [folder.resolve() for folder in (project.content_dir, project.materials_dir, project.pages_dir)]
    if any(target == folder or folder in target.parents for folder in sources):
        print(f"asn-portal: {args.folder}: pilih folder di luar content/, materials/ dan docs_dir proyek.",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            print(f"asn-portal: {args.folder}: folder tujuan harus kosong atau belum ada.", file=sys.stderr)
            return EXIT_USAGE
        exported = export_project(project, config_file, target)
    except ExportError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:
        print(f"asn-portal: {args.folder}: tidak bisa ditulis ({exc.strerror or exc}).", file=sys.stderr)
        return EXIT_USAGE
    print(f"{exported.pages} halaman dan {exported.materials} materi diekspor ke {target}.\n"
          f"Bangun situsnya: cd {args.folder} && zensical build  (hasil di {args.folder}/site/)")
    return EXIT_OK


def _count(project: Project) -> int:
    folders = [project.content_dir / spec.folder for spec in KINDS.values()]
    return sum(len(list(f.glob("*.yml"))) for f in folders if f.is_dir())


def run() -> NoReturn:
    code = main()
    if code == EXIT_INTERRUPTED:  # everything is cleaned up: a signal still pending cannot change the ending
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
