"""The refused half of the hostile corpus: what an attacker with a pull request sends that must not build.

Each case in ``REFUSED`` is refused by ``check`` and the build with errors at exact ``file:line``. All cases
live in one project, so the whole group costs one check and one build (tests/browser/test_hostile.py).
The cases are written into a project by ``write_case`` in tests/support/hostile.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    """A symbolic link to create; ``{secret}`` is the canary file beside the project."""

    target: str


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes | Link]
    errors: tuple[tuple[str, int, str], ...] = ()  # (path, line, words that must be in the message)
    covers: str = ""  # the class of attack in the issue


@dataclass
class Corpus:
    cases: list[Case] = field(default_factory=list)

    def add(self, name: str, files: dict[str, str | bytes | Link], *errors: tuple[str, int, str],
            covers: str) -> None:
        self.cases.append(Case(name, files, errors, covers))


def article(body: str, extra: str = "") -> str:
    """An article whose body's first written line is line 8 (line 6 is ``body: |``)."""
    lines = "\n".join(f"  {line}" if line else "" for line in body.split("\n"))
    return (f"title: Artikel uji\nsummary: Ringkasan.\ndate: 2026-11-27\nauthor:\n  name: Penguji\n"
            f"body: |\n  Pembuka.\n{lines}\n{extra}")


def course(extra: str) -> str:
    """A valid course; ``extra`` starts at line 8."""
    return ("title: Kursus uji\nsummary: Ringkasan.\ncompetency: teknis\nlevel: dasar\nmode: daring\njp: 4\n"
            f"factors: [alpha]\n{extra}")


def factor(order: int, extra: str = "") -> str:
    return (f"title: Faktor uji\norder: {order}\nsummary: Ringkasan.\npractices:\n  - title: Praktik\n"
            f"    description: Uraian.\n{extra}")


def _refused() -> Corpus:
    c = Corpus()
    a = "content/articles/"

    # -- links and paths that leave the materials folder (one parser for check and publishing) ------
    c.add("refdef-in-list", {f"{a}h-refdef-list.yml": article("\n- butir\n\n    [x]: materials/../.git/config\n\n"
                                                              "    pakai [x]")},
          (f"{a}h-refdef-list.yml", 11, "keluar dari folder materials/"), covers="reference definition in a list")
    c.add("refdef-as-list-item", {f"{a}h-refdef-item.yml": article("\n- [x]: materials/../.git/config\n\n[x][x]")},
          (f"{a}h-refdef-item.yml", 9, "keluar dari folder materials/"), covers="definition as a list item")
    c.add("refdef-in-quote", {f"{a}h-refdef-quote.yml": article("> [x]: materials/../.git/config\n\nLihat [x].")},
          (f"{a}h-refdef-quote.yml", 8, "keluar dari folder materials/"), covers="reference definition in a quote")
    c.add("refdef-nested", {f"{a}h-refdef-nested.yml": article("> - [x]: materials/../mkdocs.yml\n\n[x][x]")},
          (f"{a}h-refdef-nested.yml", 8, "keluar dari folder materials/"), covers="definition in a quoted list")
    c.add("refdef-unused", {f"{a}h-refdef-unused.yml": article("> [tidak-dipakai]: materials/../mkdocs.yml")},
          (f"{a}h-refdef-unused.yml", 8, "keluar dari folder materials/"), covers="unused reference definition")
    c.add("inline-dotdot", {f"{a}h-inline.yml": article("[a](materials/../mkdocs.yml)")},
          (f"{a}h-inline.yml", 8, "keluar dari folder materials/"), covers="inline link with ..")
    c.add("image-dotdot", {f"{a}h-image.yml": article("![a](materials/../../../etc/passwd)")},
          (f"{a}h-image.yml", 8, "keluar dari folder materials/"), covers="image with ..")
    c.add("encoded-dots", {f"{a}h-encoded.yml": article("[a](materials/%2e%2e/mkdocs.yml)")},
          (f"{a}h-encoded.yml", 8, "keluar dari folder materials/"), covers="percent-encoded dots")
    c.add("double-encoded", {f"{a}h-double.yml": article("[a](materials/%252e%252e/mkdocs.yml)")},
          (f"{a}h-double.yml", 8, "tidak ditemukan"), covers="double-encoded dots stay literal")
    c.add("angle-brackets", {f"{a}h-angle.yml": article("[a](<materials/../mkdocs.yml>)")},
          (f"{a}h-angle.yml", 8, "keluar dari folder materials/"), covers="angle-bracket target")
    c.add("raw-html-href", {f"{a}h-rawhref.yml": article('<a href="materials/../mkdocs.yml">a</a>')},
          (f"{a}h-rawhref.yml", 8, "keluar dari folder materials/"), covers="raw HTML href")
    c.add("raw-html-src", {f"{a}h-rawsrc.yml": article("<img src='../../etc/passwd'>")},
          (f"{a}h-rawsrc.yml", 8, "tidak dikenal"), covers="raw HTML src")
    c.add("absolute-path", {f"{a}h-absolute.yml": article("[a](/etc/passwd)")},
          (f"{a}h-absolute.yml", 8, "absolut"), covers="absolute path")
    c.add("windows-path", {f"{a}h-windows.yml": article("[a](C:\\Windows\\win.ini)")},
          (f"{a}h-windows.yml", 8, "absolut"), covers="Windows absolute path")
    c.add("backslashes", {f"{a}h-backslash.yml": article("[a](materials\\..\\mkdocs.yml)")},
          # Markdown reads "\." as an escaped dot, so the target is not written as such: the field's line
          (f"{a}h-backslash.yml", 6, "garis miring terbalik"), covers="backslashes")
    c.add("relative-page", {f"{a}h-relative.yml": article("[a](../tentang/)")},
          (f"{a}h-relative.yml", 8, "tidak dikenal | kursus:slug"), covers="relative link in YAML")
    c.add("protocol-relative", {f"{a}h-protorel.yml": article("[a](//evil.example/x)")},
          (f"{a}h-protorel.yml", 8, "tidak lengkap"), covers="protocol-relative URL")
    c.add("wrong-case", {f"{a}h-case.yml": article("[a](materials/Panduan.pdf)")},
          (f"{a}h-case.yml", 8, "huruf besar/kecil | materials/panduan.pdf"), covers="letter case")
    c.add("folder-target", {f"{a}h-folder.yml": article("[a](materials/sub)")},
          (f"{a}h-folder.yml", 8, "adalah folder"), covers="a folder as material")

    # -- script through URLs ------------------------------------------------------------------------
    c.add("javascript", {f"{a}h-js.yml": article("[a](javascript:alert(1))")},
          (f"{a}h-js.yml", 8, "'javascript:alert(1)' bukan alamat yang didukung"), covers="javascript: URL")
    c.add("javascript-case", {f"{a}h-js-case.yml": article("[a](JaVaScRiPt:alert(1))")},
          (f"{a}h-js-case.yml", 8, "bukan alamat yang didukung"), covers="javascript: in mixed case")
    c.add("javascript-entity", {f"{a}h-js-entity.yml": article('<a href="&#106;avascript:alert(1)">a</a>')},
          (f"{a}h-js-entity.yml", 6, "bukan alamat yang didukung"), covers="javascript: as an entity")
    c.add("javascript-tab", {f"{a}h-js-tab.yml": article('<a href="java&#9;script:alert(1)">a</a>')},
          (f"{a}h-js-tab.yml", 6, "bukan alamat yang didukung"), covers="javascript: split by a tab")
    c.add("data-url", {f"{a}h-data.yml": article("![a](data:image/svg+xml;base64,PHN2Zz4=)")},
          (f"{a}h-data.yml", 8, "bukan alamat yang didukung"), covers="data: URL")
    c.add("vbscript", {f"{a}h-vbs.yml": article('<a href="vbscript:msgbox(1)">a</a>')},
          (f"{a}h-vbs.yml", 8, "bukan alamat yang didukung"), covers="vbscript: URL")
    c.add("ftp-autolink", {f"{a}h-ftp.yml": article("<ftp://arsip.example/x>")},
          (f"{a}h-ftp.yml", 8, "bukan alamat yang didukung"), covers="autolink with another scheme")
    c.add("entry-unknown-anchor", {f"{a}h-entry.yml": article("[a](kursus:tidak-ada#bagian)")},
          (f"{a}h-entry.yml", 8, "menunjuk ke kursus yang tidak ada"), covers="entry link to a missing entry")
    c.add("english-prefix", {f"{a}h-english.yml": article("[a](course:kursus-satu)")},
          (f"{a}h-english.yml", 8, "Tulis kursus:kursus-satu"), covers="English link prefix")
    c.add("mailto-bad", {f"{a}h-mailto.yml": article("[a](mailto:bukan-alamat)")},
          (f"{a}h-mailto.yml", 8, "alamat surel"), covers="mailto without an address")

    # -- symbolic links: reported, never followed, never read ---------------------------------------
    c.add("symlink-material", {"materials/bocor.txt": Link("{secret}"),
                               f"{a}h-symlink.yml": article("[a](materials/bocor.txt)")},
          ("materials/bocor.txt", 1, "tautan simbolik"), (f"{a}h-symlink.yml", 8, "tautan simbolik"),
          covers="symlink in materials")
    c.add("symlink-folder", {"materials/semua": Link(".."), f"{a}h-symdir.yml": article("[a](materials/semua/x.pdf)")},
          ("materials/semua", 1, "tautan simbolik"), (f"{a}h-symdir.yml", 8, "tautan simbolik"),
          covers="symlinked folder in materials")
    c.add("symlink-page", {"content/pages/bocor.md": Link("/proc/self/environ")},
          ("content/pages/bocor.md", 1, "tautan simbolik"), covers="symlinked page (the build's environment)")
    c.add("symlink-catalog", {"content/courses/bocor.yml": Link("{secret}")},
          ("content/courses/bocor.yml", 1, "tautan simbolik"), covers="symlinked catalog file")
    c.add("symlink-catalog-folder", {"content/articles/arsip": Link("/etc")},
          ("content/articles/arsip", 1, "tautan simbolik"), covers="symlinked folder in a catalog folder")

    # -- material types a browser runs from the site's origin ----------------------------------------
    for ext in ("html", "svg", "js", "xml"):
        c.add(f"active-{ext}", {f"materials/x.{ext}": "<script>alert(1)</script>\n",
                                f"content/courses/h-active-{ext}.yml": course(
                                    f"modules:\n  - title: Modul\n    materials:\n      - materials/x.{ext}\n")},
              (f"content/courses/h-active-{ext}.yml", 11, "dapat menjalankan skrip | allow_active_materials"),
              covers=f"active material .{ext}")
    c.add("unknown-type", {"materials/alat.exe": b"MZ", f"{a}h-exe.yml": article("[a](materials/alat.exe)")},
          (f"{a}h-exe.yml", 8, "jenis berkas '.exe'"), covers="material type outside the allow-list")

    # -- files in content/pages (MkDocs' docs_dir) ------------------------------------------------------
    for rel, words, what in (
            ("assets/javascripts/bundle.0123abcd.min.js", "dipakai tema", "theme asset"),
            ("assets/stylesheets/main.css", "dipakai tema", "theme stylesheet"),
            ("search/search_index.json", "dipakai tema", "search index"),
            ("kursus/palsu.md", "dipakai tema atau halaman yang dibuat portal", "generated page folder"),
            ("materi/x.pdf", "dipakai tema", "published materials folder"),
            ("404.html", "dipakai tema", "404 page"),
            ("catalog.json", "dipakai tema", "the catalog for machines"),
            ("feed.xml", "dipakai tema", "the Atom feed"),
            ("schemas/catalog.schema.json", "dipakai tema", "the catalog's published schema"),
            ("halaman.html", "dapat menjalankan skrip", "HTML file among pages"),
            ("gambar.svg", "dapat menjalankan skrip", "SVG file among pages")):
        c.add(f"pages-{rel}", {f"content/pages/{rel}": "x\n"}, (f"content/pages/{rel}", 1, words),
              covers=f"content/pages: {what}")
    # folders named like a file the site holds: the build (or the kit's offline build) would crash
    for rel in ("Catalog.Json/daftar.md", "Sitemap.XML.gz/peta.md", "arsip/laporan.htm/isi.md", "Feed.xml.md",
                "Schemas/Catalog.Schema.JSON/skema.md", "Tags.JSON/semua.md", "beranda.HTML/gambar.png"):
        c.add(f"pages-folder-{rel}", {f"content/pages/{rel}": "# Folder\n" if rel.endswith(".md") else b"\x89PNG"},
              (f"content/pages/{rel}", 1, "bernama seperti berkas yang diterbitkan situs"),
              covers=f"content/pages: a folder (or a page's own) named like a generated or page file ({rel})")
    c.add("page-link-escapes", {"content/pages/jahat.md": "# Jahat\n\n[x](../../etc/passwd)\n"},
          ("content/pages/jahat.md", 3, "keluar dari folder halaman"), covers="hand-written page link leaving")
    c.add("page-javascript", {"content/pages/jahat-js.md": '# J\n\n<a href="javascript:alert(1)">x</a>\n'},
          ("content/pages/jahat-js.md", 3, "bukan alamat yang didukung"), covers="javascript: in a page")
    c.add("page-material-escapes", {"content/pages/jahat-img.md": '# I\n\n<img src="materials/../mkdocs.yml">\n'},
          ("content/pages/jahat-img.md", 3, "keluar dari folder materials/"), covers="raw img in a page")
    c.add("page-refdef-unused", {"content/pages/jahat-ref.md": "# R\n\n> [x]: materials/../mkdocs.yml\n"},
          ("content/pages/jahat-ref.md", 3, "keluar dari folder materials/"), covers="unused definition in a page")

    # -- reserved and non-portable names -----------------------------------------------------------------
    c.add("slug-index", {"content/courses/index.yml": course("")},
          ("content/courses/index.yml", 1, "slug 'index' dipakai halaman yang dibuat portal"), covers="index.yml")
    c.add("redirect-index", {"content/courses/h-redirect.yml": course("redirect_from: [index]\n")},
          ("content/courses/h-redirect.yml", 8, "redirect_from: slug 'index'"), covers="redirect_from: [index]")
    for device in ("con", "nul", "aux", "com1", "lpt9"):
        c.add(f"device-{device}", {f"content/factors/{device}.yml": factor(10 + len(c.cases))},
              (f"content/factors/{device}.yml", 1, "dicadangkan Windows"), covers=f"Windows device name {device}")
    long_slug = "a" * 101
    c.add("slug-too-long", {f"content/factors/{long_slug}.yml": factor(90)},
          (f"content/factors/{long_slug}.yml", 1, "slug terlalu panjang (101 karakter"), covers="slug over 100")
    c.add("redirect-too-long", {"content/courses/h-redirect-long.yml": course(f"redirect_from: [{'b' * 120}]\n")},
          ("content/courses/h-redirect-long.yml", 8, "slug terlalu panjang"), covers="redirect_from over 100")
    c.add("windows-chars", {"materials/a:b.pdf": b"%PDF", f"{a}h-colon.yml": article("[a](materials/a:b.pdf)")},
          (f"{a}h-colon.yml", 8, "karakter ':'"), covers="character Windows refuses")
    c.add("windows-device-material", {"materials/aux.pdf": b"%PDF", f"{a}h-aux.yml": article("[a](materials/aux.pdf)")},
          (f"{a}h-aux.yml", 8, "dicadangkan Windows"), covers="Windows device name as material")
    deep = "/".join(["folder-yang-sangat-panjang"] * 6) + "/berkas.pdf"
    c.add("path-too-long", {f"materials/{deep}": b"%PDF", f"{a}h-deep.yml": article(f"[a](materials/{deep})")},
          (f"{a}h-deep.yml", 8, "path terlalu panjang"), covers="path too long for Windows")
    c.add("case-collision", {"materials/Sama.pdf": b"%PDF", "materials/sama.pdf": b"%PDF",
                             f"{a}h-sama-1.yml": article("[a](materials/Sama.pdf)"),
                             f"{a}h-sama-2.yml": article("[a](materials/sama.pdf)")},
          (f"{a}h-sama-1.yml", 1, "hanya berbeda huruf besar/kecil"),
          (f"{a}h-sama-2.yml", 1, "hanya berbeda huruf besar/kecil"), covers="names differing only in case")
    c.add("case-collision-fields", {"materials/Dua.pdf": b"%PDF", "materials/dua.pdf": b"%PDF",
                                    f"{a}h-dua-1.yml": article("x", extra="materials: [materials/Dua.pdf]\n"),
                                    f"{a}h-dua-2.yml": article("x", extra="materials: [materials/dua.pdf]\n")},
          (f"{a}h-dua-1.yml", 1, "hanya berbeda huruf besar/kecil"),
          (f"{a}h-dua-2.yml", 1, "hanya berbeda huruf besar/kecil"), covers="same, in material fields")

    # a file and a folder equal after case folding or NFC, at any depth: unpacked, only one is kept
    for name, file, folder in (
            ("file-folder-case", "rekap.csv", "REKAP.csv/data.pdf"),
            ("file-folder-deep", "bab/dua/Foto.png", "bab/DUA/foto.PNG/asli.png"),
            ("file-folder-nfd", "r\u00e9sum\u00e9.txt", "re\u0301sume\u0301.txt/catatan.txt")):
        c.add(name, {f"materials/{file}": b"%PDF", f"materials/{folder}": b"%PDF",
                     f"{a}h-{name}-1.yml": article(f"[a](materials/{file})"),
                     f"{a}h-{name}-2.yml": article(f"[a](materials/{folder})")},
              (f"{a}h-{name}-1.yml", 1, "berkas dan folder bernama sama"),
              (f"{a}h-{name}-2.yml", 1, "berkas dan folder bernama sama"), covers=f"a file and a folder as one: {name}")
    for device in ("Com\u00b2.docx", "lpt\u00b9.png"):
        c.add(f"device-superscript-{device}", {f"materials/{device}": b"%PDF",
                                                f"{a}h-dev-{device[-3:]}.yml": article(f"[a](materials/{device})")},
              (f"{a}h-dev-{device[-3:]}.yml", 8, "dicadangkan Windows"),
              covers=f"Windows device name with a superscript digit ({device})")

    # -- limits and malformed values --------------------------------------------------------------------
    c.add("file-too-large", {f"{a}h-besar.yml": article("x", extra=f"tags: [{'y' * 1_000_100}]\n")},
          (f"{a}h-besar.yml", 1, "berkas terlalu besar"), covers="catalog file over 1 MB")
    c.add("url-bracket", {"content/courses/h-url.yml": course('registration: "https://[host/x"\n')},
          ("content/courses/h-url.yml", 8, "tidak valid"), covers="malformed URL")
    c.add("url-port", {"content/courses/h-port.yml": course('registration: "https://x.go.id:99999/"\n')},
          ("content/courses/h-port.yml", 8, "tidak valid"), covers="URL with an impossible port")
    c.add("material-url-bracket", {"content/courses/h-murl.yml": course(
        'modules:\n  - title: M\n    materials:\n      - {url: "https://[x/y", title: T}\n')},
          ("content/courses/h-murl.yml", 11, "tidak valid"), covers="malformed material URL")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
    c.add("alias-bomb", {"content/courses/h-bomb.yml": bomb},
          ("content/courses/h-bomb.yml", 2, "alias YAML"), covers="alias bomb at its first alias")
    c.add("synonyms-alias-bomb", {"content/sinonim.yml": bomb},
          ("content/sinonim.yml", 2, "alias YAML"), covers="the synonyms file goes through the same loader")
    _pages_the_core_reads(c, bomb)
    return c


def _pages_the_core_reads(c: Corpus, bomb: str) -> None:
    """Hand-written pages: front matter is a declared schema the core reads, never the engine."""
    p = "content/pages/"
    a = "content/articles/"
    c.add("page-template-redirect", {f"{p}h-alih.md": "---\ntemplate: redirect.html\nlocation: javascript:alert(1)\n"
                                                      "---\n# Alih\n"},
          (f"{p}h-alih.md", 2, "kunci 'template' tidak boleh"), (f"{p}h-alih.md", 3, "kunci 'location' tidak boleh"),
          covers="front matter chooses the redirect template and feeds it script")
    c.add("page-open-redirect", {f"{p}h-alih-web.md": "---\ntemplate: redirect.html\nlocation: https://evil.example/\n"
                                                      "---\n"},
          (f"{p}h-alih-web.md", 2, "hapus baris ini"), (f"{p}h-alih-web.md", 3, "kunci 'location'"),
          covers="front matter: open redirect on the portal's domain")
    c.add("page-multimarkdown-meta", {f"{p}h-alih-mm.md": "Template: redirect.html\nlocation: javascript:alert(1)\n\n"
                                                          "# Alih\n"},
          (f"{p}h-alih-mm.md", 1, "kunci 'template' tidak boleh"), (f"{p}h-alih-mm.md", 2, "kunci 'location'"),
          covers="MultiMarkdown front matter (key: value lines MkDocs also reads)")
    c.add("page-meta-not-strings", {f"{p}h-meta.md": "---\ntitle:\n  a: <script>alert(1)</script>\n"
                                                     "description: [{a: <b>b</b>}]\ntags: [{x: y}]\n"
                                                     "hide: [navigation, <script>]\nsearch: {exclude: ya}\n---\n"},
          (f"{p}h-meta.md", 3, "'title' harus berupa teks"), (f"{p}h-meta.md", 4, "'description' harus berupa teks"),
          (f"{p}h-meta.md", 5, "butir 'tags' harus berupa teks"), (f"{p}h-meta.md", 6, "tidak dikenal untuk 'hide'"),
          (f"{p}h-meta.md", 7, "'exclude' harus berupa true atau false"),
          covers="front-matter values that are not strings (mapping, list of mappings)")
    c.add("page-meta-unknown", {f"{p}h-meta-lain.md": "---\nicon: material/alert\nstatus: new\nsubtitle: x\n---\n"},
          (f"{p}h-meta-lain.md", 2, "kunci 'icon' tidak dikenal | Kunci yang boleh: title"),
          (f"{p}h-meta-lain.md", 3, "kunci 'status'"), (f"{p}h-meta-lain.md", 4, "kunci 'subtitle'"),
          covers="front matter keys of the theme's vocabulary outside the schema")
    c.add("page-front-not-mapping", {f"{p}h-bukan-peta.md": "---\nlihat \\\\host\\share\\x.png/../../index.html\n"
                                                            "---\n# X\n"},
          (f"{p}h-bukan-peta.md", 2, "harus berupa pasangan 'kunci: nilai'"),
          covers="a front matter block that is not a mapping (check and build read it alike)")
    c.add("page-front-tag", {f"{p}h-bukan-peta-2.md": "---\n![x](\\\\host\\share\\x.png/../../index.html)\n---\n"},
          (f"{p}h-bukan-peta-2.md", 2, "YAML tidak valid"), covers="a front matter block holding Markdown")
    c.add("page-unc-raw-html", {f"{p}h-unc.md": '# U\n\n<img src="\\\\host\\share\\x.png/../../index.html">\n'},
          (f"{p}h-unc.md", 3, "alamat jaringan Windows"), covers="backslash host path in raw HTML (UNC/SMB)")
    c.add("page-unc-slash", {f"{p}h-unc-2.md": '# U\n\n<a href="/\\evil.example/x">x</a>\n'},
          (f"{p}h-unc-2.md", 3, "alamat jaringan Windows"), covers="'/\\' host path (a browser reads //host)")
    c.add("page-backslash-markdown", {f"{p}h-miring.md": "# M\n\n[x](img\\foto.png)\n"},
          (f"{p}h-miring.md", 3, "garis miring terbalik"), covers="backslash in a page's Markdown link")
    c.add("page-backslash-anchor", {f"{p}h-miring-2.md": '# M\n\n<a href="#a\\b">x</a>\n'},
          (f"{p}h-miring-2.md", 3, "garis miring terbalik"), covers="backslash in an anchor")
    c.add("page-alias-bomb", {f"{p}h-bom.md": "---\n" + bomb + "---\n# Bom\n"},
          (f"{p}h-bom.md", 3, "alias YAML"), covers="alias bomb in page front matter")
    for name in ("kursus.md", "rencana.md", "kontributor.md", "Faktor.md", "materi.md", "search.md"):
        c.add(f"page-at-{name}", {f"{p}{name}": "# Palsu\n"},
              (f"{p}{name}", 1, "dipakai tema atau halaman yang dibuat portal"),
              covers=f"hand-written page at a generated address ({name})")
    c.add("page-other-suffix", {f"{p}tentang.md": "# Tentang\n", f"{p}tentang.mdown": "# Ditimpa\n"},
          (f"{p}tentang.md", 1, "alamat yang sama"), (f"{p}tentang.mdown", 1, "alamat yang sama"),
          covers="a page with another Markdown suffix at an existing page's address")
    c.add("page-upper-suffix", {f"{p}besar.MD": "# Besar\n"}, (f"{p}besar.MD", 1, "huruf kecil | besar.md"),
          covers="a page suffix in upper case (MkDocs would publish it as a file)")
    c.add("page-404", {f"{p}404.md": "# Hilang\n"}, (f"{p}404.md", 1, "dipakai tema"),
          covers="404.md (offline it would be 404.html, the theme's page)")
    nfc, nfd = "kafe-\u00e9.md", "kafe-e\u0301.md"
    c.add("page-nfc-nfd", {f"{p}{nfc}": "# A\n", f"{p}{nfd}": "# B\n"},
          (f"{p}{nfc}", 1, "bentuk Unicode"), (f"{p}{nfd}", 1, "bentuk Unicode"),
          covers="page names equal after Unicode normalisation")
    c.add("page-same-address", {f"{p}sama.md": "# A\n", f"{p}sama/index.md": "# B\n"},
          (f"{p}sama.md", 1, "alamat yang sama"), (f"{p}sama/index.md", 1, "alamat yang sama"),
          covers="two pages published at one address")
    c.add("userinfo-link", {f"{a}h-userinfo.yml": article("[a](https://trusted.go.id@elsewhere.example/)")},
          (f"{a}h-userinfo.yml", 8, "nama pengguna sebelum '@' | https://elsewhere.example/"),
          covers="web link with user info")
    c.add("userinfo-field", {"content/courses/h-userinfo.yml": course(
        'registration: "https://trusted.go.id:pw@elsewhere.example/daftar"\n')},
          ("content/courses/h-userinfo.yml", 8, "nama pengguna"), covers="URL field with user info")
    c.add("backslash-web-link", {f"{a}h-web-miring.yml": article('<a href="https://trusted.go.id\\@elsewhere.example/">a'
                                                                 '</a>')},
          (f"{a}h-web-miring.yml", 8, "garis miring terbalik"), covers="backslash in a web URL")


REFUSED = _refused().cases
