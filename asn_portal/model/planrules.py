"""The rules the reader's plan and HR's recap count by, from mkdocs.yml's plugin options.

``yearly_jp_target``: the JP an ASN is expected to get a year (PP 11/2017 art. 203(4), as amended by
PP 17/2020: at least 20). ``jp_minutes``: minutes of one JP per form of development, for activities
whose certificate gives hours instead of JP (45 minutes unless the site says otherwise, e.g.
``jp_minutes: {e-learning: 60}``). Each option checks itself and says what to write instead, as
MkDocs' config options do; the MkDocs plugin and the Zensical export read the same class.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The forms of competency development a reader records outside the catalog (the plan page's "bentuk"):
# key -> (label, SIASN "jenisKursus"). LAN counts the non-classroom forms too (coaching, mentoring,
# e-learning, communities, internships, self-study). The order is the select's.
DEVELOPMENT_FORMS = {
    "pelatihan": ("Pelatihan/kursus", "Pelatihan/Kursus"),
    "seminar": ("Seminar/webinar", "Seminar/Webinar"),
    "lokakarya": ("Lokakarya", "Lokakarya/Workshop"),
    "bimtek": ("Bimbingan teknis", "Bimbingan Teknis"),
    "coaching": ("Coaching", "Coaching"),
    "mentoring": ("Mentoring", "Mentoring"),
    "e-learning": ("E-learning", "E-Learning"),
    "komunitas": ("Komunitas belajar", "Komunitas Belajar"),
    "magang": ("Magang", "Magang"),
    "mandiri": ("Belajar mandiri", "Belajar Mandiri"),
    "lainnya": ("Lainnya", "Lainnya"),
}
# One JP (jam pelajaran) in minutes, for hours a certificate gives instead of JP; mkdocs.yml's
# `jp_minutes` may say otherwise per form.
JP_MINUTES = 45

DEFAULT_TARGET_JP = 20  # JP of competency development an ASN is expected to get a year
MAX_MINUTES = 600


class PlanRulesError(ValueError):
    """An option the plan cannot count by, told in Indonesian with what to write instead."""


@dataclass(frozen=True)
class PlanRules:
    target_jp: int = DEFAULT_TARGET_JP
    jp_minutes: Mapping[str, int] = field(default_factory=dict)  # only the forms the site sets

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> PlanRules:
        target = options.get("yearly_jp_target", DEFAULT_TARGET_JP)
        if isinstance(target, bool) or not isinstance(target, int) or not 1 <= target <= 1000:
            raise PlanRulesError(f"yearly_jp_target harus bilangan bulat 1 sampai 1000, bukan {target!r}.")
        return cls(target, _minutes(options.get("jp_minutes") or {}))

    def minutes(self) -> dict[str, int]:
        """Minutes of one JP for every form, as the plan page's data carries them."""
        return {form: int(self.jp_minutes.get(form, JP_MINUTES)) for form in DEVELOPMENT_FORMS}


def _minutes(raw: object) -> dict[str, int]:
    if not isinstance(raw, Mapping):
        raise PlanRulesError("jp_minutes harus berupa pasangan bentuk: menit, misalnya jp_minutes: {e-learning: 60}.")
    found: dict[str, int] = {}
    for form, minutes in raw.items():
        if form not in DEVELOPMENT_FORMS:
            raise PlanRulesError(f"jp_minutes: bentuk '{form}' tidak dikenal; pilih salah satu dari "
                                 f"{', '.join(DEVELOPMENT_FORMS)}.")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
            raise PlanRulesError(f"jp_minutes: menit untuk '{form}' harus bilangan bulat 1 sampai {MAX_MINUTES}, "
                                 f"bukan {minutes!r}.")
        found[str(form)] = minutes
    return found
