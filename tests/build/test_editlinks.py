"""Edit buttons open the right file (repo_url only, no edit_uri), and the footer is Indonesian."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from asn_portal.engines.mkdocs import editlinks
from tests.support.htmlview import load
from tests.support.project import MKDOCS_YML, ProjectBuilder

CI_VARS = ("CI_DEFAULT_BRANCH", "GITHUB_BASE_REF", "GITHUB_REF_NAME", "GITHUB_REF_TYPE")
GITHUB = "https://github.com/org/portal"
GITLAB = "https://gitlab.com/org/portal"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="program git tidak ada")


@pytest.fixture(autouse=True)
def no_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every test starts outside any CI and any enclosing Git checkout."""
    for name in CI_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=Uji", "-c", "user.email=uji@example.org",
                           "-c", "commit.gpgsign=false", *args],
                          capture_output=True, text=True, check=True, timeout=60).stdout.strip()


def clone_with_origin_head(tmp_path: Path, default: str = "trunk") -> Path:
    """A clone of a bare remote whose default branch is ``default``: it has origin/HEAD."""
    source = tmp_path / "source"
    source.mkdir()
    git(source, "init", "-q", "-b", default)
    (source / "README.md").write_text("uji\n", encoding="utf-8")
    git(source, "add", "README.md")
    git(source, "commit", "-q", "-m", "awal")
    git(tmp_path, "clone", "-q", "--bare", str(source), str(tmp_path / "remote.git"))
    git(tmp_path, "clone", "-q", str(tmp_path / "remote.git"), str(tmp_path / "work"))
    return tmp_path / "work"


# -- branch: each source, in order ---------------------------------------------------------------
def test_branch_explicit_option_wins_over_everything(tmp_path: Path) -> None:
    env = {"CI_DEFAULT_BRANCH": "gl", "GITHUB_REF_TYPE": "branch", "GITHUB_REF_NAME": "gh"}
    assert editlinks.branch("produksi", env, tmp_path) == "produksi"


def test_branch_gitlab_default_branch_before_github_and_git() -> None:
    env = {"CI_DEFAULT_BRANCH": "utama", "GITHUB_REF_TYPE": "branch", "GITHUB_REF_NAME": "gh"}
    assert editlinks.branch(None, env, None) == "utama"
    assert editlinks.branch("  ", env, None) == "utama"  # a blank option is no option


def test_branch_github_pull_request_opens_the_target_branch() -> None:
    env = {"GITHUB_BASE_REF": "main", "GITHUB_REF_TYPE": "branch", "GITHUB_REF_NAME": "12/merge"}
    assert editlinks.branch(None, env, None) == "main"


def test_branch_github_push_opens_the_pushed_branch() -> None:
    env = {"GITHUB_BASE_REF": "", "GITHUB_REF_TYPE": "branch", "GITHUB_REF_NAME": "rilis/2026"}
    assert editlinks.branch(None, env, None) == "rilis/2026"


def test_branch_github_tag_build_says_nothing() -> None:
    env = {"GITHUB_REF_TYPE": "tag", "GITHUB_REF_NAME": "v1.0"}
    assert editlinks.github_branch(env) is None
    assert editlinks.branch(None, env, None) == "main"


@needs_git
def test_branch_from_origin_head_then_main(tmp_path: Path) -> None:
    work = clone_with_origin_head(tmp_path, "trunk")
    assert editlinks.origin_head(work) == "trunk"
    assert editlinks.branch(None, {}, work) == "trunk"
    assert editlinks.branch(None, {"CI_DEFAULT_BRANCH": "utama"}, work) == "utama"  # CI before Git
    git(work, "remote", "set-head", "origin", "--delete")  # as in a CI checkout
    assert editlinks.origin_head(work) is None
    assert editlinks.branch(None, {}, work) == "main"


@needs_git
def test_branch_without_remote_or_repository_is_main(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert editlinks.branch(None, {}, plain) == "main"
    git(plain, "init", "-q", "-b", "kerja")
    assert editlinks.branch(None, {}, plain) == "main"
    assert editlinks.branch(None, {}, tmp_path / "tidak-ada") == "main"


# -- docs_dir from the repository root ---------------------------------------------------------
def test_docs_path_outside_git_is_relative_to_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "content" / "pages").mkdir(parents=True)
    assert editlinks.docs_path(tmp_path / "content" / "pages", tmp_path) == "content/pages"
    assert editlinks.docs_path(tmp_path, tmp_path) == ""
    assert editlinks.docs_path(tmp_path.parent / "elsewhere", tmp_path) is None


@needs_git
def test_docs_path_with_mkdocs_yml_in_a_subfolder_of_a_checkout(tmp_path: Path) -> None:
    work = clone_with_origin_head(tmp_path)
    site = work / "portal"
    (site / "content" / "pages").mkdir(parents=True)
    assert editlinks.docs_path(site / "content" / "pages", site) == "portal/content/pages"
    assert editlinks.derive(GITHUB, site / "content" / "pages", site, None, {}) == \
        "edit/trunk/portal/content/pages/"


# -- edit_uri per host ---------------------------------------------------------------------------
@pytest.mark.parametrize("repo_url", [GITHUB, GITHUB + "/", GITHUB + ".git", GITHUB + ".git/"])
def test_edit_uri_github(repo_url: str) -> None:
    uri = editlinks.edit_uri(repo_url, "content/pages", "main")
    prefix = "../portal/" if ".git" in repo_url else ""
    assert uri == prefix + "edit/main/content/pages/"


@pytest.mark.parametrize("repo_url", [GITLAB, GITLAB + "/", "https://gitlab.example.go.id/bkn/portal",
                                      "https://GitLab.Example.org:8443/a/b/portal"])
def test_edit_uri_gitlab_and_self_hosted(repo_url: str) -> None:
    assert editlinks.edit_uri(repo_url, "content/pages", "utama") == "-/edit/utama/content/pages/"


@pytest.mark.parametrize("repo_url", ["https://bitbucket.org/org/portal", "https://git.example.org/org/portal",
                                      "https://github.com/", "not a url"])
def test_edit_uri_unknown_host_or_no_project_gives_no_button(repo_url: str) -> None:
    assert editlinks.edit_uri(repo_url, "content/pages", "main") is None


def test_edit_uri_quotes_and_keeps_branch_slashes() -> None:
    assert editlinks.edit_uri(GITHUB, "isi portal/pages", "fitur/baru") == "edit/fitur/baru/isi%20portal/pages/"
    assert editlinks.edit_uri(GITHUB, "", "main") == "edit/main/"


# -- what a reader gets in the built site -------------------------------------------------------
def configure(project: ProjectBuilder, extra: str) -> ProjectBuilder:
    project.minimal()
    project.write("content/pages/tentang.md", "# Tentang\n\nIsi halaman tentang.\n")
    yml = MKDOCS_YML.replace("features: [navigation.tabs, navigation.instant]",
                             "features: [navigation.tabs, navigation.instant, content.action.edit]")
    project.write("mkdocs.yml", yml + extra)
    return project


def edit_links(site: Path) -> dict[str, str | None]:
    """The edit button's address on a course, a factor and a hand-written page (None: no button)."""
    found: dict[str, str | None] = {}
    for name, page in (("course", "kursus/kursus-satu"), ("factor", "faktor/alpha"), ("page", "tentang")):
        button = load(site / page / "index.html").find("a", cls="md-content__button", rel="edit")
        found[name] = None if button is None else button.get("href")
    return found


def expected(base: str) -> dict[str, str | None]:
    return {"course": f"{base}/content/courses/kursus-satu.yml", "factor": f"{base}/content/factors/alpha.yml",
            "page": f"{base}/content/pages/tentang.md"}


@pytest.mark.parametrize(("repo_url", "base"), [
    (GITHUB, f"{GITHUB}/edit/main"),
    (GITLAB, f"{GITLAB}/-/edit/main"),
    (GITHUB + ".git", f"{GITHUB}/edit/main"),
    ("https://gitlab.example.go.id/bkn/portal/", "https://gitlab.example.go.id/bkn/portal/-/edit/main"),
])
def test_repo_url_only_opens_the_yaml_and_markdown_files(project: ProjectBuilder, repo_url: str, base: str) -> None:
    site = configure(project, f"repo_url: {repo_url}\n").build()
    links = edit_links(site)
    assert links == expected(base)
    assert not any(".." in (url or "") for url in links.values())


def test_branch_from_ci_and_from_the_plugin_option(project: ProjectBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    configure(project, f"repo_url: {GITLAB}\n")
    monkeypatch.setenv("CI_DEFAULT_BRANCH", "utama")
    assert edit_links(project.build()) == expected(f"{GITLAB}/-/edit/utama")
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8")
                  .replace("  - asn-portal\n", "  - asn-portal:\n      edit_branch: produksi\n"))
    assert edit_links(project.build()) == expected(f"{GITLAB}/-/edit/produksi")


@needs_git
def test_branch_from_origin_head_in_a_checkout(project: ProjectBuilder, tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    work = clone_with_origin_head(tmp_path / "repo", "trunk")
    shutil.move(str(project.root), str(work / "portal"))
    project.root = work / "portal"
    site = configure(project, f"repo_url: {GITHUB}\n").build()
    assert edit_links(site) == {"course": f"{GITHUB}/edit/trunk/portal/content/courses/kursus-satu.yml",
                                "factor": f"{GITHUB}/edit/trunk/portal/content/factors/alpha.yml",
                                "page": f"{GITHUB}/edit/trunk/portal/content/pages/tentang.md"}


def test_explicit_edit_uri_is_respected(project: ProjectBuilder) -> None:
    site = configure(project, f"repo_url: {GITHUB}\nedit_uri: blob/rilis/content/pages/\n").build()
    assert edit_links(site) == expected(f"{GITHUB}/blob/rilis")


def test_explicit_empty_edit_uri_still_hides_the_button(project: ProjectBuilder) -> None:
    site = configure(project, f"repo_url: {GITHUB}\nedit_uri: ''\n").build()
    assert edit_links(site) == {"course": None, "factor": None, "page": None}


def test_explicit_edit_uri_template_is_respected(project: ProjectBuilder) -> None:
    site = configure(project, f"repo_url: {GITHUB}\nedit_uri_template: 'src/x/content/pages/{{path}}'\n").build()
    assert edit_links(site)["page"] == f"{GITHUB}/src/x/content/pages/tentang.md"


def test_unknown_host_gets_no_edit_button_rather_than_a_404(project: ProjectBuilder) -> None:
    site = configure(project, "repo_url: https://bitbucket.org/org/portal\n").build()
    assert edit_links(site) == {"course": None, "factor": None, "page": None}


def test_footer_is_indonesian_and_keeps_copyright(project: ProjectBuilder) -> None:
    site = configure(project, "copyright: Hak cipta 2026 Instansi Uji\n").build()
    for page in ("index.html", "tentang/index.html", "kursus/kursus-satu/index.html"):
        footer = load(site / page).one("div", cls="md-copyright")
        assert "Dibuat dengan asn-portal dan Material for MkDocs" in footer.text
        assert "Made with" not in footer.text
        assert "Hak cipta 2026 Instansi Uji" in footer.text
        assert footer.one("a").get("href") == "https://squidfunk.github.io/mkdocs-material/"


def test_a_sites_own_custom_dir_still_overrides_the_footer(project: ProjectBuilder) -> None:
    configure(project, "")
    project.write("overrides/partials/copyright.html", '<div class="md-copyright">Milik kami</div>\n')
    yml = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", yml.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    footer = load(project.build() / "index.html").one("div", cls="md-copyright")
    assert footer.text == "Milik kami"
