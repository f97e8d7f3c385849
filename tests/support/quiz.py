"""The self-check quiz the quiz tests write into a course (tests/browser/test_quiz.py,
tests/browser/test_quiz_page.py), and what drives the built quiz in a browser: where the site is, a fresh
tab, the scores kept in the browser, answering and checking a quiz.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from asn_portal.trust.urls import HOME, Urls
from tests.support.pageerrors import record_errors

QUIZ = """\
quiz:
  - question: Berapa JP pengembangan kompetensi yang diharapkan setahun?
    choices: ["10 JP", "20 JP", "40 JP"]
    answer: 2
    explanation: Sekitar **20 JP** setahun; lihat [faktor alpha](faktor:alpha).
  - question: Siapa yang menyetujui rencana belajar?
    choices: [Atasan langsung, Rekan kerja]
    answer: 1
"""


SCORES_KEY = "asn-portal:kuis"
TODAY = dt.date.today().isoformat()
COURSE_QUIZ = "form[data-asn-quiz='kuis-kuis']"


@dataclass
class Where:
    base: str  # the site root, ends with "/"
    pretty: bool  # directory URLs (http) or .html (the bundle)

    def url(self, src: str) -> str:
        rel = Urls(self.pretty).href(HOME, src)
        return self.base + ("" if rel == "./" else rel)


class Tab:
    """A fresh browser context (its own localStorage) with one page; console errors fail the test."""

    def __init__(self, browser: Any, width: int, init_script: str | None = None) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 800})
        if init_script:
            self.context.add_init_script(init_script)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.errors: list[str] = []
        record_errors(self.page, self.errors, stack=True)

    def close(self, only_ours: bool = False) -> None:
        self.context.close()
        errors = [e for e in self.errors if not only_ours or "learning" in e]
        assert errors == [], f"console errors: {errors}"


def scores(page: Any) -> Any:
    return page.evaluate("window.asnLearning.quizScores()")


def visible(locator: Any) -> int:
    return sum(1 for x in locator.all() if x.is_visible())


def question(quiz: Any, n: int) -> Any:
    return quiz.locator("[data-asn-quiz-question]").nth(n - 1)


def answer(quiz: Any, n: int, value: int) -> None:
    question(quiz, n).locator(f"input[value='{value}']").check()


def check(quiz: Any) -> None:
    quiz.get_by_role("button", name="Periksa jawaban").click()
    quiz.locator(".asn-quiz__result").wait_for(state="visible")
