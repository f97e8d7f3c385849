"""The hostile content that builds, its harm removed, and the neighbouring content check warns about.

``HOSTILE_BODY``, ``HOSTILE_PAGE``, ``JSONLD_TEXT`` and ``TITLE_PAGE`` go into one sanitised site
(tests/browser/test_hostile_site.py); the other constants feed the kit verifier, the offline guard,
check's warnings and the commands that must accept what check accepts.
"""

from __future__ import annotations

import json

PWN = "window.__pwned"
CONFIG_TAKEOVER = json.dumps({"base": ".", "features": [], "search": f"data:text/javascript,{PWN}=1",
                              "translations": {}})
HOSTILE_BODY = f"""\
## __config

Kata unik zebrakuda untuk pencarian.

<script>{PWN} = 'script'</script>

<img src="https://example.org/x.png" onerror="{PWN} = 'onerror'">

<details open ontoggle="{PWN} = 'ontoggle'"><summary>Rincian</summary>isi</details>

<div id="__config">{CONFIG_TAKEOVER}</div>

<h2 id="__search">Cari</h2>

<ul id="asn-list-kursus"><li>palsu</li></ul>

<p style="position:fixed;top:0">menutupi</p>

<svg onload="{PWN} = 'svg'"><circle r="1"/></svg>

<iframe srcdoc="<script>parent.{PWN}='iframe'</script>"></iframe>

<form action="https://example.org"><button>kirim</button></form>

<math><mtext><table><mglyph><style><img src=x onerror="{PWN}='mxss'"></style></mglyph></table></mtext></math>

[Bagian modul](kursus:kursus-satu#modul) dan <a href="kursus:kursus-satu">kursus</a>.

<div class="md-dialog md-dialog--active">Sesi berakhir, masuk lagi</div>

<a id="asnLearning" href="#x">jebakan</a> <span id="asnPortalOnEveryPage">x</span> <b id="document$">y</b>
<span id="">kosong</span>

| Kolom |
|:-----:|
| tengah |
"""

HOSTILE_PAGE = f"""\
---
title: "Uji \\"><script>{PWN}='title'</script>"
description: "\\"><script>{PWN}='description'</script>"
tags: ["<img src=x onerror={PWN}='tag'>"]
---
# Halaman uji

Kata unik kudazebra di halaman tulisan tangan.

## __config

### Bagian {{#__search}}

<img src="https://example.org/y.png" onerror="{PWN} = 'page-onerror'">

<script>{PWN} = 'page-script'</script>

Lihat [kursus](kursus:kursus-satu), [materi](materials/panduan.pdf), [tentang](tentang.md) dan
<a href="materials/panduan.pdf">materi mentah</a>.

![foto](img/foto.png)

<div class="md-dialog md-dialog--active admonition note">Sesi Anda berakhir. Masuk lagi.</div>

[Masuk](tentang.md){{ .md-button .md-button--primary }}

<span id="asnLearning">jebakan</span> <span id="asnPortalList">x</span> <span id="">kosong</span>

## Daftar isi {{: id='a" autofocus onfocus="{PWN}=3" x="' }}

<h2 markdown="1" id='b"><img src=x onerror="{PWN}=2">'>Hai</h2>

## Jangkar sendiri {{: #asnPortalOnEveryPage }}

<!-- material/tags {{ include: [x] }} -->
"""

# A summary and an organizer that try to close the JSON-LD block a course or article page carries:
# accepted, shown as text, and inside the block escaped (\u003c...), so the block stays the portal's one.
JSONLD_TEXT = f"a < b > c & d </script><script>{PWN}='jsonld'</script><!-- <script"

# A title from the first heading: the entities stay text, even where the theme's striptags would
# turn them back into markup.
TITLE_PAGE = f"# &lt;/title&gt;&lt;script&gt;{PWN}='judul'&lt;/script&gt; Judul\n\nIsi halaman judul.\n"
# The CSV record's cells (tests/browser/test_learning.py): formula starts at a cell's start and after a "," or ";"
FORMULA_TITLE = '=HYPERLINK("http://contoh.invalid";"klik"), -1;@SUM(1)'
FORMULA_CELL = ''''=HYPERLINK("http://contoh.invalid";"klik"), '-1;'@SUM(1)'''
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Kits whose sums match but whose entries an unzip tool would turn into something else than files in
# the kit's folder: (name, entry names, words the verification must say). A symlink is flagged by mode.
HOSTILE_KIT_ENTRIES: list[tuple[str, list[str], str]] = [
    ("dotdot", ["portal/../keluar.txt"], "'..'"),
    ("absolute", ["/tmp/keluar.txt"], "absolut"),
    ("drive", ["C:/keluar.txt"], "absolut"),
    ("backslash", ["portal\\situs\\x.txt"], "garis miring terbalik"),
    ("case", ["portal/situs/A.txt", "portal/situs/a.txt"], "menjadi satu berkas"),
    ("nfc-nfd", ["portal/situs/kafe-\u00e9.txt", "portal/situs/kafe-e\u0301.txt"], "menjadi satu berkas"),
    ("symlink", ["portal/situs/tautan"], "tautan simbolik"),
    ("file-folder", ["portal/situs/materi/Arsip.txt", "portal/situs/materi/arsip.TXT/isi.txt"], "menjadi satu berkas"),
    ("file-folder-nfd", ["portal/situs/caf\u00e9", "portal/situs/cafe\u0301/a/b.txt"], "menjadi satu berkas"),
]

# Content that loads from the network (check warns; every offline package refuses it, at the source's line).
# Each is a line of a course's `description:` (its first line is line 9 of the file), then the page's lines.
OFFLINE_LEAKS_COURSE = [
    ('<video controls poster="https://pelacak.example/sampul.jpg"><source src="materials/klip.mp4"></video>',
     "video poster"),
    ('<audio controls src="http://pelacak.example/suara.mp3"></audio>', "audio src"),
    ('<video controls><source src="hTTp://pelacak.example/klip.webm" type="video/webm"></video>', "source, mixed case"),
    ('<video controls src="materials/klip.mp4"><track src="HTTPS://pelacak.example/teks.vtt"></video>', "track src"),
]
OFFLINE_LEAKS_PAGE = "# Galeri\n\nFoto ![pemandangan](https://pelacak.example/foto.png \"x\") di sini.\n"
# A theme override (the reviewers' own overrides/): named at the built file's line.
OFFLINE_LEAK_THEME = ('{% extends "base.html" %}\n{% block extrahead %}\n'
                      '<link rel="preload" as="font" href="https://fonts.example/huruf.woff2">\n'
                      '<link rel="canonical" href="https://portal.example/">\n{% endblock %}\n')

# Characters a reader does not see (check warns at their line, with the code point): (file, text, [(line, code)])
HIDDEN_CHARACTERS: list[tuple[str, str, list[tuple[int, str]]]] = [
    ("content/articles/h-tersembunyi.yml",
     'title: "Laporan \\u2067rahasia\\u2069 tahunan"\nsummary: "Baris\\x0Bbaru dari Word"\ndate: 2026-11-27\n'
     'author:\n  name: "Penulis \\u202Dpalsu"\nbody: |\n  Paragraf biasa.\n\n'
     '  Teks \u202eterbalik di baris sembilan.\n',
     [(1, "U+2067"), (1, "U+2069"), (2, "U+000B"), (5, "U+202D"), (9, "U+202E")]),
    ("content/pages/h-tersembunyi.md",
     '---\ntitle: "Judul \\x1Bkode"\ntags: ["a\\u202Ab"]\n---\n# Isi \u2066x\u2069\n\nTeks\x0cbiasa.\n',
     [(2, "U+001B"), (3, "U+202A"), (5, "U+2066"), (5, "U+2069"), (7, "U+000C")]),
]
# Removals check reports each at its own line, in any letter case and however often (line, words)
REMOVALS_PAGE = """# Ulang

<p onClick="x()">satu</p>

<p ONCLICK="y()">dua</p> <span style="a">style</span>

<svg><foreignObject><b>tiga</b></foreignObject></svg>

<SCRIPT>z()</SCRIPT> <Script>w()</Script>
"""
REMOVALS_AT = [(3, "atribut 'onclick'"), (5, "atribut 'onclick'"), (5, "atribut 'style'"), (7, "<svg>"),
               (7, "<foreignobject>"), (9, "<script>")]

# A page that includes files of the checkout while the site turned pymdownx.snippets on (line 3 and 5)
SNIPPET_PAGE = '# Sisip\n\n--8<-- "mkdocs.yml"\n\nTeks.\n--8<-- "../rahasia.txt"\n'
SNIPPET_LINES = (3, 6)

# What check accepts (some with a warning) and every command must build and pack (tests/test_every_command.py,
# tests/test_hostile_commands.py): folders named near generated files, folders that differ in case only
# (they merge, nothing is lost), a word longer than a file name, words shaped like shard names, invisible
# characters, ids a form answers for.
ACCEPTED_FILES: dict[str, str | bytes] = {
    "content/pages/feed/index.md": "# Umpan\n\nBukan feed.xml.\n",
    "content/pages/catalog-json/isi.md": "# Katalog\n\nKata x41 xc3a9 con nul aux " + "zq" * 2000 + ".\n",
    "content/pages/arah.md": "---\ntitle: \"Arah \\u202Eterbalik\"\n---\n# Arah\n\n<b id=\"submit\">tebal</b>\n",
    "materials/Bab/a.pdf": b"%PDF-1.4\n",
    "materials/bab/b.pdf": b"%PDF-1.4\n",
    "content/articles/h-diterima.yml": (
        'title: "Catatan\\u000bbaris"\nsummary: Ringkasan.\ndate: 2026-11-27\n'
        'author:\n  name: "Penulis \\u2067x\\u2069"\n'
        "materials: [materials/Bab/a.pdf, materials/bab/b.pdf]\nbody: |\n  Sidik jari " + "ab" * 3000 + ".\n"),
}

# The checks of the sanitised site (tests/browser/test_hostile_site.py), one name per harm removed.
SANITISED_CHECKS = ["script", "onerror", "ontoggle", "config-div", "reserved-heading", "portal-id", "style",
                    "svg", "iframe", "form", "mxss", "entry-anchor", "raw-entry-link", "page-title", "page-description",
                    "page-tags", "page-heading", "page-attr-list", "page-script", "page-material", "page-file",
                    "theme-class", "page-theme-class", "global-id", "page-global-id", "title-entities",
                    "tag-index-options", "contents-id", "empty-id", "self-anchor", "jsonld-summary"]
