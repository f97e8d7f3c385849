"""What the plan counts by, from mkdocs.yml (model/planrules.py): every wrong value is told in Indonesian,
by `check` and by the build alike, never with MkDocs' English "Expected type"."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import ProjectBuilder

from asn_portal.cli import main
from asn_portal.model.planrules import DEVELOPMENT_FORMS, PlanRules, PlanRulesError

BAD = [({"jp_minutes": [60, 45]}, "jp_minutes harus berupa pasangan"),
       ({"jp_minutes": "abc"}, "jp_minutes harus berupa pasangan"),
       ({"jp_minutes": {"webinar": 60}}, "bentuk 'webinar' tidak dikenal"),
       ({"jp_minutes": {"seminar": -5}}, "harus bilangan bulat 1 sampai 600"),
       ({"jp_minutes": {"seminar": True}}, "harus bilangan bulat 1 sampai 600"),
       ({"yearly_jp_target": "x"}, "yearly_jp_target harus bilangan bulat"),
       ({"yearly_jp_target": 0}, "yearly_jp_target harus bilangan bulat")]


def with_options(project: ProjectBuilder, options: dict[str, Any]) -> None:
    import yaml

    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = yaml.safe_dump([{"asn-portal": options}], default_flow_style=True).strip()
    project.write("mkdocs.yml", config.replace("  - asn-portal\n", f"  - {plugin[1:-1]}\n"))


def test_minutes_default_to_45_and_the_site_may_say_otherwise_per_form() -> None:
    rules = PlanRules.from_options({"jp_minutes": {"e-learning": 60}, "yearly_jp_target": 24})
    assert rules.target_jp == 24
    assert rules.minutes() == {form: 60 if form == "e-learning" else 45 for form in DEVELOPMENT_FORMS}


@pytest.mark.parametrize(("options", "said"), BAD)
def test_a_wrong_option_is_told_in_indonesian(options: dict[str, Any], said: str) -> None:
    with pytest.raises(PlanRulesError, match=said):
        PlanRules.from_options(options)


@pytest.mark.parametrize(("options", "said"), BAD[:3])
def test_check_and_the_build_tell_it_the_same_way(project: ProjectBuilder, options: dict[str, Any], said: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from asn_portal.engines.mkdocs.build import SiteError

    project.minimal()
    with_options(project, options)
    assert main(["-f", str(project.root / "mkdocs.yml"), "check"]) == 2
    err = capsys.readouterr().err
    assert said in err and "mkdocs.yml" in err and "Expected" not in err
    with pytest.raises(SiteError) as built:  # mkdocs build, the plugin's own check
        project.build()
    assert said in str(built.value) and "Expected" not in str(built.value)
