"""asn_portal.trust.markup: Markdown fields -> HTML, and every link target decided by the caller's hook."""

from __future__ import annotations

import textwrap

import pytest

from asn_portal.trust.markup import Conversions, Converted, convert, render_markdown, to_html


class Hook:
    """A URL hook that records every call; ``drop`` in a target means "no link"."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    def __call__(self, tag: str, attr: str, raw: str) -> str | None:
        self.calls.append((tag, attr, raw))
        return None if "drop" in raw else f"/terbit/{raw}"


def md(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# -- to_html / convert -----------------------------------------------------------------------------

def test_headings_start_at_h2_because_the_page_title_is_the_h1() -> None:
    html = to_html("# Judul\n\n## Bagian\n\n### Rincian\n\nTeks *miring* dan **tebal**.")
    assert html == ('<h2 id="judul">Judul</h2>\n<h3 id="bagian">Bagian</h3>\n<h4 id="rincian">Rincian</h4>\n'
                    "<p>Teks <em>miring</em> dan <strong>tebal</strong>.</p>")


def test_to_html_keeps_tables_fenced_code_and_definition_lists() -> None:
    html = to_html(md("""
        | Kolom | Nilai |
        |---|---|
        | JP | 12 |

        ```
        <b>kode</b>
        ```

        Istilah
        :   Arti istilah.
        """))
    assert html == ("<table>\n<thead>\n<tr>\n<th>Kolom</th>\n<th>Nilai</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
                    "<td>JP</td>\n<td>12</td>\n</tr>\n</tbody>\n</table>\n"
                    "<pre><code>&lt;b&gt;kode&lt;/b&gt;\n</code></pre>\n"
                    "<dl>\n<dt>Istilah</dt>\n<dd>Arti istilah.</dd>\n</dl>")


def test_convert_returns_every_reference_definition_used_or_not() -> None:
    converted = convert(md("""
        Lihat [kursus ini][satu].

        [satu]: kursus:penyusunan-skp
        [dua]: https://contoh.go.id/dua "Tidak dipakai"
        """))
    assert converted.html == '<p>Lihat <a href="kursus:penyusunan-skp">kursus ini</a>.</p>'  # definitions print nothing
    assert converted.definitions == ("kursus:penyusunan-skp", "https://contoh.go.id/dua")


def test_convert_without_references() -> None:
    assert convert("Teks biasa.") == Converted("<p>Teks biasa.</p>", (), ())


def test_reserved_heading_ids_get_another_one() -> None:
    html = to_html("# Tujuan\n\n# Materi", reserved=frozenset({"tujuan"}))
    assert html == '<h2 id="tujuan_1">Tujuan</h2>\n<h2 id="materi">Materi</h2>'


def test_id_prefix_goes_before_every_heading_id() -> None:
    html = to_html("# Tujuan\n\n## Langkah Pertama", id_prefix="praktik-")
    assert html == '<h2 id="praktik-tujuan">Tujuan</h2>\n<h3 id="praktik-langkah-pertama">Langkah Pertama</h3>'


def test_reserved_is_checked_with_the_prefix() -> None:
    html = to_html("# Tujuan", id_prefix="p-", reserved=frozenset({"p-tujuan"}))
    assert html == '<h2 id="p-tujuan_1">Tujuan</h2>'


# -- render_markdown: the URL hook -------------------------------------------------------------------

def test_hook_decides_every_link_and_image_however_it_is_written() -> None:
    hook = Hook()
    html = render_markdown(md("""
        Teks [tautan](kursus:satu) dan ![gambar](materi/g.png "Judul gambar").

        - butir dengan [rujukan][r1]

            [r1]: faktor:dua

        > kutipan dengan [rujukan][r2]
        >
        > [r2]: artikel:tiga

        <https://contoh.go.id/otomatis>

        <a href="mailto:humas@contoh.go.id">surel</a> <img src="materi/h.png" alt="h">
        """), hook)
    assert hook.calls == [
        ("a", "href", "kursus:satu"),
        ("img", "src", "materi/g.png"),
        ("a", "href", "faktor:dua"),  # defined inside the list item
        ("a", "href", "artikel:tiga"),  # defined inside the blockquote
        ("a", "href", "https://contoh.go.id/otomatis"),
        ("a", "href", "mailto:humas@contoh.go.id"),  # raw HTML
        ("img", "src", "materi/h.png"),
    ]
    assert html == (
        '<p>Teks <a href="/terbit/kursus:satu" rel="noopener">tautan</a> dan '
        '<img alt="gambar" src="/terbit/materi/g.png" title="Judul gambar">.</p>\n'
        "<ul>\n<li>\n"
        '<p>butir dengan <a href="/terbit/faktor:dua" rel="noopener">rujukan</a></p>\n'
        "</li>\n</ul>\n"
        "<blockquote>\n"
        '<p>kutipan dengan <a href="/terbit/artikel:tiga" rel="noopener">rujukan</a></p>\n'
        "</blockquote>\n"
        '<p><a href="/terbit/https://contoh.go.id/otomatis" rel="noopener">https://contoh.go.id/otomatis</a></p>\n'
        '<p><a href="/terbit/mailto:humas@contoh.go.id" rel="noopener">surel</a> '
        '<img src="/terbit/materi/h.png" alt="h"></p>'
    )


def test_hook_returning_none_drops_the_attribute_and_keeps_the_text() -> None:
    hook = Hook()
    html = render_markdown("[tautan](materi/drop.pdf) dan ![gambar](drop.png)", hook)
    assert html == '<p><a rel="noopener">tautan</a> dan <img alt="gambar"></p>'
    assert hook.calls == [("a", "href", "materi/drop.pdf"), ("img", "src", "drop.png")]


def test_script_urls_never_reach_the_hook() -> None:
    hook = Hook()
    html = render_markdown('[klik](javascript:alert(1)) <img src="data:image/png;base64,AAAA" alt="d">', hook)
    assert html == '<p><a rel="noopener">klik</a> <img alt="d"></p>'
    assert hook.calls == []


def test_script_and_style_go_with_their_content() -> None:
    html = render_markdown("Awal<script>alert('x')</script> tengah<style>p { color: red }</style> akhir", Hook())
    assert html == "<p>Awal tengah akhir</p>"


def test_event_handlers_and_unknown_tags_are_removed() -> None:
    html = render_markdown('<p onclick="alert(1)">teks <iframe src="https://contoh.go.id"></iframe>aman</p>', Hook())
    assert html == "<p>teks aman</p>"


def test_headings_are_h2_and_take_prefix_and_reserved_ids() -> None:
    html = render_markdown("# Tujuan\n\n## Materi", Hook(), id_prefix="isi-", reserved=frozenset({"isi-tujuan"}))
    assert html == '<h2 id="isi-tujuan_1">Tujuan</h2>\n<h3 id="isi-materi">Materi</h3>'


def test_theme_ids_get_the_isi_prefix() -> None:
    """Material reads its settings from the first ``id="__config"``: content can never take it."""
    html = render_markdown('# __config\n\n<div id="__config">{}</div>\n\n<ul id="asn-list-kursus"></ul>', Hook())
    assert html == ('<h2 id="isi-__config">__config</h2>\n<div id="isi-__config">{}</div>\n\n'
                    '<ul id="isi-asn-list-kursus"></ul>')


# -- one conversion per text: heading ids filled in afterwards -----------------------------------------

def _converted_with_the_page(text: str, id_prefix: str, reserved: frozenset[str]) -> str:
    """How a field was converted before conversions were shared: ids decided while converting."""
    import markdown
    from markdown.extensions.toc import TocExtension
    from markdown.extensions.toc import slugify as toc_slugify

    def slugify(value: str, sep: str) -> str:
        slug = id_prefix + toc_slugify(value, sep)
        return f"{slug}_1" if slug in reserved else slug

    return markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists", "def_list",
                                         TocExtension(baselevel=2, slugify=slugify)]).convert(text)


@pytest.mark.parametrize("text", [
    "# Tujuan\n\n# Tujuan\n\n## Tujuan_1\n\n# Tujuan",
    "# \n\n## !!!\n\n# Materi\n\nTeks.\n\n[TOC]\n\n## Materi",
    "Teks tanpa judul.",
    "# Deskripsi\n\n```\n# bukan judul\n```\n\n### Langkah Pertama",
])
@pytest.mark.parametrize(("id_prefix", "reserved"), [
    ("", frozenset()), ("", frozenset({"tujuan", "materi", "deskripsi"})), ("p1-", frozenset({"p1-tujuan"})),
])
def test_ids_filled_in_afterwards_are_those_of_a_conversion_with_the_page(
        text: str, id_prefix: str, reserved: frozenset[str]) -> None:
    assert convert(text).with_ids(id_prefix, reserved) == _converted_with_the_page(text, id_prefix, reserved)


def test_conversions_convert_each_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import markdown

    converted: list[str] = []
    real = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return real(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    conversions = Conversions()
    first = conversions("# Judul\n\nTeks [a][r].\n\n[r]: kursus:satu")
    assert conversions("# Judul\n\nTeks [a][r].\n\n[r]: kursus:satu") is first
    second = conversions("Lain.")
    assert converted == ["# Judul\n\nTeks [a][r].\n\n[r]: kursus:satu", "Lain."]
    # one Markdown instance for both, nothing carried from the first text into the second
    assert first.with_ids("a-") == '<h2 id="a-judul">Judul</h2>\n<p>Teks <a href="kursus:satu">a</a>.</p>'
    assert second == Converted("<p>Lain.</p>", (), ())
