"""The portal's quizzes as text a book can hold, their keys at the end of the book.

On the site a quiz is a form (templates/macros.j2 ``quiz``): a fieldset per question with a legend, radio
options, a hidden explanation and ``data-answer``; then a closed ``details.asn-quiz__key``. An e-reader
runs no script and should show no dead radio buttons, so each quiz becomes a numbered list of questions
with lettered options as plain text, and the answers (letter, option, explanation) move to one back-matter
page, as a workbook prints them: the reader answers first, then turns to the back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from string import ascii_lowercase

from asn_portal.engines.epub.xhtml import Element, Node, walk

KEY_FILE = "kunci-jawaban.xhtml"  # the back-matter page, at the book's root (package.py)
BOOK_LINK = "book:"  # an href to a file of the book (links.py makes it relative to the file it is in)
INTRO = "Periksa pemahaman Anda sendiri: jawab setiap soal, lalu cocokkan dengan kunci jawaban di bagian akhir buku."
_NUMBER = re.compile(r"^\s*\d+\.\s*")  # the legend's own "1. ": the list numbers the questions


@dataclass
class Answer:
    number: int
    letter: str
    choice: list[Node]
    explanation: list[Node]


@dataclass
class QuizKey:
    """One quiz's key, with where its quiz stands in the book (for the way back)."""

    page_src: str  # the page the quiz is on: its links are resolved from there
    page_file: str  # that page's file in the book
    anchor: str  # the quiz's id on that page
    key_id: str  # the id of its section on the key page
    page_title: str
    title: str
    answers: list[Answer] = field(default_factory=list)


def letter(index: int) -> str:
    """a, b, ... z, then aa, ab ... (a quiz rarely has more than five options)."""
    return ascii_lowercase[index] if index < 26 else letter(index // 26 - 1) + ascii_lowercase[index % 26]


@dataclass
class _Page:
    src: str
    file: str
    title: str
    ids: set[str]  # the ids on the page, so that a quiz's anchor takes none of them
    key_ids: set[str]  # the ids taken on the key page (shared by every page of the book)


def extract_quizzes(nodes: list[Node], page_src: str, page_file: str, page_title: str,
                    key_ids: set[str]) -> list[QuizKey]:
    """Replace every quiz form in ``nodes`` (in place) by its text; the keys, in page order."""
    ids = {element.attrs["id"] for element in walk(nodes) if "id" in element.attrs}
    keys: list[QuizKey] = []
    _replace(nodes, _Page(page_src, page_file, page_title, ids, key_ids), keys, module=False)
    return keys


def _replace(nodes: list[Node], page: _Page, keys: list[QuizKey], module: bool) -> None:
    for index, node in enumerate(nodes):
        if not isinstance(node, Element):
            continue
        if node.tag == "form" and "asn-quiz" in node.classes():
            key = _key(node, page, module)
            keys.append(key)
            nodes[index] = _as_text(node, key)
        elif node.tag == "details" and "asn-quiz__key" in node.classes():
            nodes[index] = ""  # the key moves to the end of the book
        elif "asn-quiz__intro" in node.classes():  # the site's intro speaks of a button and the browser
            node.children = [INTRO]
        else:
            _replace(node.children, page, keys, module or "asn-module-quiz" in node.classes())


def _unique(ids: set[str], wanted: str) -> str:
    found, number = wanted, 1
    while found in ids:
        number += 1
        found = f"{wanted}-{number}"
    ids.add(found)
    return found


def _key(form: Element, page: _Page, module: bool) -> QuizKey:
    name = form.attrs.get("data-asn-quiz", "") or "kuis"
    title = form.attrs.get("data-asn-quiz-title", "") or "Kuis"
    if module:  # a module's quiz carries the module's title
        title = f"Kuis modul: {title}"
    key = QuizKey(page.src, page.file, _unique(page.ids, f"kuis-{name}"), _unique(page.key_ids, f"kunci-{name}"),
                  page.title, title)
    for number, question in enumerate(_questions(form), start=1):
        choices = _choices(question)
        answer = question.attrs.get("data-answer", "")
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            at = int(answer) - 1
            key.answers.append(Answer(number, letter(at), choices[at], _explanation(question)))
    return key


def _questions(form: Element) -> list[Element]:
    return [e for e in walk(form.children) if e.tag == "fieldset" and "asn-quiz__q" in e.classes()]


def _choices(question: Element) -> list[list[Node]]:
    return [e.children for e in walk(question.children) if "asn-quiz__text" in e.classes()]


def _explanation(question: Element) -> list[Node]:
    found = [e for e in walk(question.children) if "asn-quiz__explanation" in e.classes()]
    return found[0].children if found else []


def _legend(question: Element) -> list[Node]:
    legend = next((e for e in walk(question.children) if e.tag == "legend"), None)
    if legend is None:
        return []
    children = list(legend.children)
    if children and isinstance(children[0], str):
        children[0] = _NUMBER.sub("", children[0], count=1)
    return children


def _as_text(form: Element, key: QuizKey) -> Element:
    items: list[Node] = []
    for question in _questions(form):
        options: list[Node] = [Element("li", {}, [f"{letter(i)}. ", *choice])
                               for i, choice in enumerate(_choices(question))]
        items.append(Element("li", {}, [Element("p", {"class": "kuis-tanya"}, _legend(question)),
                                        Element("ul", {"class": "kuis-pilihan"}, options)]))
    link = Element("a", {"href": f"{BOOK_LINK}{KEY_FILE}#{key.key_id}"}, ["lihat bagian akhir buku"])
    return Element("div", {"class": "kuis", "id": key.anchor},
                   [Element("ol", {"class": "kuis-soal"}, items),
                    Element("p", {"class": "kuis-kunci"}, ["Kunci jawaban: ", link, "."])])


def key_sections(keys: list[QuizKey]) -> list[tuple[str, Element]]:
    """The key page's sections, one per quiz, each with the page its explanations' links start from:
    a heading per page that has quizzes, then the quiz's title, answers, and the way back."""
    sections: list[tuple[str, Element]] = []
    last_page = None
    for key in keys:
        body: list[Node] = []
        if key.page_file != last_page:
            body.append(Element("h2", {}, [key.page_title]))
            last_page = key.page_file
        body.append(Element("h3", {}, [key.title]))
        body.append(Element("ol", {"class": "kunci"}, [_answer(answer) for answer in key.answers]))
        back = Element("a", {"href": f"{BOOK_LINK}{key.page_file}#{key.anchor}"}, ["Kembali ke kuis"])
        body.append(Element("p", {"class": "kunci-kembali"}, [back]))
        sections.append((key.page_src, Element("section", {"id": key.key_id}, body)))
    return sections


def _answer(answer: Answer) -> Element:
    line = Element("p", {}, [Element("strong", {}, [f"{answer.letter}."]), " ", *answer.choice])
    why = [Element("div", {"class": "kunci-penjelasan"}, answer.explanation)] if answer.explanation else []
    return Element("li", {"value": str(answer.number)}, [line, *why])
