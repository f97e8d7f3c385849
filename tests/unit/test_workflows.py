"""The CI files shipped in the repository: pull-request jobs cannot publish or see secrets.

Each rule is a small checker returning violations, run on the real files (expecting none) and
on a deliberately weakened copy (expecting the checker to notice), so the tests can fail.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from devtools import ROOT

GITHUB_WORKFLOW = ROOT / ".github" / "workflows" / "portal.yml"
GITLAB_CI = ROOT / ".gitlab-ci.yml"
CODEOWNERS = ROOT / ".github" / "CODEOWNERS"
SECURITY = ROOT / "SECURITY.md"

PUBLISH_SCOPES = ("pages", "id-token")
DEPLOY_IF = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def load_workflow(path: Path = GITHUB_WORKFLOW) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def triggers(workflow: dict[str, Any]) -> set[str]:
    on = workflow["on"]
    if isinstance(on, str):
        return {on}
    return set(on)


def deploy_jobs(workflow: dict[str, Any]) -> list[str]:
    return [
        name
        for name, job in workflow["jobs"].items()
        if any(str(step.get("uses", "")).startswith("actions/deploy-pages@") for step in job.get("steps", []))
    ]


def runs_on_pull_request(workflow: dict[str, Any], name: str) -> bool:
    """True unless the job (or a job it needs) is limited to push events."""
    if not triggers(workflow) & {"pull_request", "pull_request_target"}:
        return False
    job = workflow["jobs"][name]
    condition = str(job.get("if", "")).replace('"', "'")
    if "github.event_name == 'push'" in condition or "github.event_name != 'pull_request'" in condition:
        return False
    needs = job.get("needs", [])
    needs = [needs] if isinstance(needs, str) else needs
    return all(runs_on_pull_request(workflow, need) for need in needs)


def step_using(steps: list[dict[str, Any]], action: str) -> dict[str, Any]:
    return next(s for s in steps if str(s.get("uses", "")).startswith(f"{action}@"))


def strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in [str(key), *strings(value)]]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    return [str(node)]


# --- checkers -------------------------------------------------------------------------------


def top_level_permission_violations(workflow: dict[str, Any]) -> list[str]:
    if "permissions" not in workflow:
        return ["no top-level permissions (the default token may be read-write)"]
    perms = workflow["permissions"]
    if perms in ({}, {"contents": "read"}):
        return []
    return [f"top-level permissions grant {perms!r}"]


def missing_job_permissions(workflow: dict[str, Any]) -> list[str]:
    return [name for name, job in workflow["jobs"].items() if "permissions" not in job]


def publish_rights_outside_deploy(workflow: dict[str, Any]) -> list[str]:
    deploy = set(deploy_jobs(workflow))
    found = []
    for name, job in workflow["jobs"].items():
        perms = job.get("permissions", {})
        if isinstance(perms, str):  # read-all / write-all
            if perms != "read-all" and name not in deploy:
                found.append(f"{name}: permissions {perms}")
            continue
        for scope in PUBLISH_SCOPES:
            if perms.get(scope) == "write" and name not in deploy:
                found.append(f"{name}: {scope}: write")
    return found


def deploy_condition_violations(workflow: dict[str, Any]) -> list[str]:
    names = deploy_jobs(workflow)
    if len(names) != 1:
        return [f"expected one deploy job, found {names}"]
    job = workflow["jobs"][names[0]]
    problems = []
    condition = " ".join(str(job.get("if", "")).replace('"', "'").split())
    if DEPLOY_IF not in condition:
        problems.append(f"deploy if is {condition!r}")
    if " || " in condition:
        problems.append("deploy if has an alternative (||) that may widen it")
    if runs_on_pull_request(workflow, names[0]):
        problems.append("deploy job can run on pull_request")
    return problems


def pull_request_secret_uses(workflow: dict[str, Any]) -> list[str]:
    found = []
    for name, job in workflow["jobs"].items():
        if not runs_on_pull_request(workflow, name):
            continue
        for text in strings(job):
            if "secrets." in text or "secrets[" in text or text.strip() == "inherit":
                found.append(f"{name}: {text.strip()}")
    return found


def persisted_checkouts(workflow: dict[str, Any]) -> list[str]:
    found = []
    for name, job in workflow["jobs"].items():
        if not runs_on_pull_request(workflow, name):
            continue
        for step in job.get("steps", []):
            persist = (step.get("with") or {}).get("persist-credentials")
            if str(step.get("uses", "")).startswith("actions/checkout@") and persist is not False:
                found.append(name)
    return found


# --- GitHub ---------------------------------------------------------------------------------


def test_workflow_parses_with_on_key() -> None:
    workflow = load_workflow()
    assert {"push", "pull_request"} <= triggers(workflow)
    assert workflow["on"]["push"]["branches"] == ["main"]


def test_workflow_never_uses_pull_request_target() -> None:
    assert "pull_request_target" not in triggers(load_workflow())


def test_top_level_grants_at_most_contents_read() -> None:
    workflow = load_workflow()
    assert top_level_permission_violations(workflow) == []
    for weakened in ({"contents": "read", "pages": "write"}, "write-all", "read-all"):
        bad = copy.deepcopy(workflow)
        bad["permissions"] = weakened
        assert top_level_permission_violations(bad)
    bad = copy.deepcopy(workflow)
    del bad["permissions"]
    assert top_level_permission_violations(bad)


def test_every_job_declares_its_own_permissions() -> None:
    workflow = load_workflow()
    assert missing_job_permissions(workflow) == []
    bad = copy.deepcopy(workflow)
    del bad["jobs"]["build"]["permissions"]
    assert missing_job_permissions(bad) == ["build"]


def test_only_deploy_job_has_pages_or_id_token_write() -> None:
    workflow = load_workflow()
    assert deploy_jobs(workflow) == ["deploy"]
    assert publish_rights_outside_deploy(workflow) == []
    deploy_perms = workflow["jobs"]["deploy"]["permissions"]
    assert deploy_perms == {"contents": "read", "pages": "write", "id-token": "write"}
    for scope in PUBLISH_SCOPES:
        bad = copy.deepcopy(workflow)
        bad["jobs"]["build"]["permissions"][scope] = "write"
        assert publish_rights_outside_deploy(bad) == [f"build: {scope}: write"]


def test_pull_request_job_is_read_only() -> None:
    workflow = load_workflow()
    pr_jobs = [name for name in workflow["jobs"] if runs_on_pull_request(workflow, name)]
    assert pr_jobs == ["build"]
    for name in pr_jobs:
        assert workflow["jobs"][name]["permissions"] == {"contents": "read"}


def test_deploy_runs_only_on_push_to_main() -> None:
    workflow = load_workflow()
    assert deploy_condition_violations(workflow) == []
    for weakened in (
        "github.ref == 'refs/heads/main'",
        "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'",
        f"{DEPLOY_IF} || github.event_name == 'pull_request'",
    ):
        bad = copy.deepcopy(workflow)
        bad["jobs"]["deploy"]["if"] = weakened
        assert deploy_condition_violations(bad), weakened
    bad = copy.deepcopy(workflow)
    del bad["jobs"]["deploy"]["if"]
    assert deploy_condition_violations(bad)


def test_pull_request_jobs_use_no_secrets() -> None:
    workflow = load_workflow()
    assert pull_request_secret_uses(workflow) == []
    bad = copy.deepcopy(workflow)
    bad["jobs"]["build"]["steps"][-1]["with"]["token"] = "${{ secrets.DEPLOY_TOKEN }}"
    assert pull_request_secret_uses(bad)


def test_pull_request_checkout_does_not_persist_credentials() -> None:
    workflow = load_workflow()
    assert persisted_checkouts(workflow) == []
    bad = copy.deepcopy(workflow)
    del step_using(bad["jobs"]["build"]["steps"], "actions/checkout")["with"]["persist-credentials"]
    assert persisted_checkouts(bad) == ["build"]


def test_build_job_checks_builds_and_bundles() -> None:
    workflow = load_workflow()
    assert workflow["env"]["NO_MKDOCS_2_WARNING"] == "1"
    for name in ("build", "deploy"):
        steps = workflow["jobs"][name]["steps"]
        assert step_using(steps, "actions/checkout")["with"]["fetch-depth"] == 0
        assert step_using(steps, "actions/setup-python")["with"]["python-version"] == "3.11"
    runs = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    assert "asn-portal check --format github" in runs
    assert "asn-portal build --strict" in runs
    assert "asn-portal bundle -o dist/portal-asn.zip" in runs
    upload = step_using(workflow["jobs"]["build"]["steps"], "actions/upload-artifact")
    assert upload["with"]["path"] == "dist/portal-asn.zip"


def test_deploy_builds_with_pages_address_and_publishes() -> None:
    steps = load_workflow()["jobs"]["deploy"]["steps"]
    uses = [str(s.get("uses", "")).split("@")[0] for s in steps]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    assert uses.index("actions/upload-pages-artifact") < uses.index("actions/deploy-pages")
    build = next(s for s in steps if s.get("run") == "asn-portal build --strict")
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    assert "http://127.0.0.1:8000/" in build["env"]["SITE_URL"]


# --- GitLab ---------------------------------------------------------------------------------


def pages_rule_violations(ci: dict[str, Any]) -> list[str]:
    job = ci.get("pages")
    if job is None:
        return ["no pages job"]
    if "only" in job or "except" in job:
        return ["pages uses only/except instead of rules"]
    rules = job.get("rules")
    if not rules:
        return ["pages has no rules: it runs in every pipeline"]
    problems = []
    for rule in rules:
        if rule.get("when") == "never":
            continue
        condition = " ".join(str(rule.get("if", "")).split())
        if "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" not in condition or "||" in condition:
            problems.append(f"rule {rule!r} can run outside the default branch")
    return problems


def test_gitlab_pages_only_on_default_branch() -> None:
    ci = yaml.safe_load(GITLAB_CI.read_text(encoding="utf-8"))
    assert pages_rule_violations(ci) == []
    excluded = [r for r in ci["pages"]["rules"] if r.get("when") == "never"]
    assert any("merge_request_event" in str(r.get("if")) for r in excluded)
    for weakened in ([{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}], None):
        bad = copy.deepcopy(ci)
        if weakened is None:
            del bad["pages"]["rules"]
        else:
            bad["pages"]["rules"] += weakened
        assert pages_rule_violations(bad)


def test_gitlab_documents_protected_variables() -> None:
    text = GITLAB_CI.read_text(encoding="utf-8")
    comments = " ".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    assert "Protected" in comments
    assert "protected branches" in comments


# --- CODEOWNERS and SECURITY.md -------------------------------------------------------------


def codeowners_paths() -> dict[str, list[str]]:
    owned = {}
    for line in CODEOWNERS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            path, *owners = line.split()
            owned[path] = owners
    return owned


@pytest.mark.parametrize(
    "required",
    [
        ("/mkdocs.yml",),
        ("/.github/workflows/", "/.github/"),
        ("/.ci/",),
        ("/.gitlab-ci.yml",),
        ("/pyproject.toml",),
        ("/asn_portal/",),
        ("/SECURITY.md",),
    ],
)
def test_codeowners_makes_path_reviewer_only(required: tuple[str, ...]) -> None:
    assert (ROOT / required[0].strip("/")).exists(), f"{required[0]} is not in the repository"
    owned = codeowners_paths()
    assert any(owned.get(path) for path in required), f"CODEOWNERS does not own {required[0]}"


def test_codeowners_owns_the_theme_overrides_the_site_uses() -> None:
    """A ``custom_dir`` replaces the theme's templates: when mkdocs.yml names one, it is reviewer-only."""
    from asn_portal.model.project import read_config

    theme = read_config(ROOT / "mkdocs.yml").get("theme") or {}
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom_dir:
        assert codeowners_paths().get(f"/{str(custom_dir).strip('/')}/"), f"CODEOWNERS does not own {custom_dir}"


def test_codeowners_uses_placeholder_team_with_indonesian_note() -> None:
    text = CODEOWNERS.read_text(encoding="utf-8")
    assert all(owners == ["@ORGANISASI/peninjau-portal"] for owners in codeowners_paths().values())
    assert "GANTI" in text
    assert not any(path.startswith(("/content", "/materials")) for path in codeowners_paths())


@pytest.mark.parametrize(
    "needle",
    ["allow_active_materials", "raw_html_pages", "max_catalog_file_size", "CODEOWNERS", "--verify"],
)
def test_security_md_mentions(needle: str) -> None:
    assert needle in SECURITY.read_text(encoding="utf-8")


def test_security_md_states_the_guarantee_and_has_private_contact() -> None:
    text = SECURITY.read_text(encoding="utf-8")
    assert "tidak pernah menjalankan skrip, tidak pernah memakai tampilan tema, dan tidak pernah membaca di luar " \
        "proyek" in " ".join(text.split())
    assert "Report a vulnerability" in text
    assert "issue* publik" in text
