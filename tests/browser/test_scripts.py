"""The browser code: ES module sources in asn_portal/assets/src bundled by asn_portal/render/scripts.py.

The bundler's module format and its refusals, the committed constants module, one style across the
sources, the pure parts' Node.js tests (tests/js/*.test.mjs, run here so that the README's test
command covers them), and what a page loads: at most three scripts of ours, online and from file://.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asn_portal.render import scripts
from devtools import ROOT
from devtools.loopback import serve
from tests.support.pageerrors import record_errors
from tests.support.sites import unpacked_bundle

SRC = ROOT / "asn_portal" / "assets" / "src"
JS_TESTS = ROOT / "tests" / "js"


def reader(files: dict[str, str]) -> Callable[[str], str]:
    return lambda name: files[name]


# -- the bundler ----------------------------------------------------------------------------------


def test_committed_constants_are_what_the_generator_writes_now() -> None:
    """The Node.js tests read assets/src/constants.mjs without a build: it must be current.
    Regenerate it with `python -m asn_portal.render.scripts`."""
    assert (SRC / scripts.CONSTANTS).read_text(encoding="utf-8") == scripts.constants_module()


def test_constants_come_from_the_python_registry() -> None:
    from asn_portal.model.registry import KINDS, SLUG_PATTERN
    from asn_portal.render.text import MONTHS

    text = scripts.constants_module()
    assert f"export const SLUG_PATTERN = new RegExp({SLUG_PATTERN!r});".replace("'", '"') in text
    assert '"Agustus"' in text and len(MONTHS) == 12
    tables = {k for spec in KINDS.values() for k, v in spec.template_globals.items() if isinstance(v, dict)}
    assert tables and all(f"export const {name} = " in text for name in tables if name.isupper())


def test_bundles_are_deterministic_and_valid_classic_scripts(node: str, tmp_path: Path) -> None:
    for name, text in scripts.bundles().items():
        assert text == scripts.bundle(scripts.BUNDLES[name]), name
        assert not re.search(r"^\s*(import|export)\s", text, re.M), name
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        subprocess.run([node, "--check", str(path)], check=True, capture_output=True)


def test_modules_run_once_in_dependency_order_with_renamed_imports(node: str) -> None:
    files = {
        "main.mjs": 'import { twice as two } from "./b.mjs";\nimport { A } from "./a.mjs";\n'
                    "globalThis.out.push(two(A));\n",
        "b.mjs": 'import { A } from "./a.mjs";\nexport function twice(x) { return x * 2 + A; }\n'
                 "globalThis.out.push(\"b\");\n",
        "a.mjs": 'export const A = 1;\nglobalThis.out.push("a");\n',
    }
    text = scripts.bundle("main.mjs", reader(files))
    assert [m.name for m in scripts.order("main.mjs", reader(files))] == ["a.mjs", "b.mjs", "main.mjs"]
    out = subprocess.run([node, "-e", "globalThis.out = [];" + text + "process.stdout.write(out.join(' '))"],
                         check=True, capture_output=True, text=True).stdout
    assert out == "a b 3"


@pytest.mark.parametrize(("files", "problem"), [
    ({"main.mjs": "export default 1;\n"}, "main.mjs:1"),
    ({"main.mjs": "const x = 1;\nexport { x };\n"}, "main.mjs:2"),
    ({"main.mjs": "export let x = 1;\n"}, "main.mjs:1"),
    ({"main.mjs": 'import x from "./a.mjs";\n'}, "main.mjs:1"),
    ({"main.mjs": 'import { a } from "../a.mjs";\n'}, "main.mjs:1"),
    ({"main.mjs": 'const m = import("./a.mjs");\n'}, "dinamis"),
    ({"main.mjs": 'import { a } from "./a.mjs";\n', "a.mjs": 'import { b } from "./main.mjs";\nexport const a = 1;\n'},
     "melingkar"),
    ({"main.mjs": 'import { nope } from "./a.mjs";\n', "a.mjs": "export const a = 1;\n"}, "tidak mengekspor nope"),
])
def test_the_bundler_refuses_what_its_format_does_not_have(files: dict[str, str], problem: str) -> None:
    with pytest.raises(scripts.BundleError, match=re.escape(problem)):
        scripts.bundle("main.mjs", reader(files))


def test_every_source_is_in_a_bundle() -> None:
    used = {m.name for entry in scripts.BUNDLES.values() for m in scripts.order(entry)}
    assert used == {p.name for p in SRC.glob("*.mjs")}


# -- one style ------------------------------------------------------------------------------------

STATEMENT_END = re.compile(r"[\w$)\]\"'`]$")
NO_SEMICOLON = re.compile(r"^(\}\s*)?(if|for|while|else|do|try|catch|finally|function|switch)\b|^\}\)?$")
PROPERTY = re.compile(r"^(\"[^\"]*\"|[\w$]+)\s*:")  # the last property of an object literal, before its "}"
MAX_LINE = 120


def _code(line: str) -> str:
    """The line without its trailing comment (two spaces then //) and outer blanks."""
    return "" if line.strip().startswith("//") else re.split(r"\s{2,}//", line, maxsplit=1)[0].strip()


def _single_quoted(text: str) -> list[int]:
    """Lines of single-quoted strings that hold no double quote ("..." is the style): a small lexer
    that skips comments, double-quoted and template strings and regular expression literals."""
    found, i, prev = [], 0, ""
    while i < len(text):
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i) % (len(text) + 1)
            continue
        if text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        if c in "\"'`" or (c == "/" and prev in "(,=:[!&|?{};+-*%<>~^" + "\0"):
            j, in_class = i + 1, False
            while text[j] != c or (c == "/" and in_class):
                if text[j] == "\\":
                    j += 1
                elif c == "/" and text[j] in "[]":
                    in_class = text[j] == "["
                j += 1
            if c == "'" and '"' not in text[i + 1:j]:
                found.append(text.count("\n", 0, i) + 1)
            i, prev = j + 1, "x"
            continue
        if not c.isspace():
            word = re.match(r"[\w$]+", text[i:])
            if word:
                prev = "(" if word.group() in ("return", "typeof") else "x"
                i += len(word.group())
                continue
            prev = c
        i += 1
    return found


@pytest.mark.parametrize("path", sorted(SRC.glob("*.mjs")), ids=lambda p: p.name)
def test_sources_keep_one_style(path: Path, node: str) -> None:
    """2-space indent, double quotes, semicolons, const/let (no var), no tabs or trailing blanks,
    lines of 120 characters at most; and the file parses as a module (node --check)."""
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n"), "one newline at the end"
    lines = text.split("\n")
    problems = [f"{n}: single quotes" for n in _single_quoted(text)]
    in_comment = False
    for n, line in enumerate(lines, 1):
        if line.strip().startswith("/*"):
            in_comment = True
        if in_comment:
            in_comment = "*/" not in line
            continue
        if "\t" in line or line != line.rstrip():
            problems.append(f"{n}: tab or trailing blank")
        if len(line) > MAX_LINE:
            problems.append(f"{n}: longer than {MAX_LINE}")
        if (len(line) - len(line.lstrip(" "))) % 2:
            problems.append(f"{n}: indent not a multiple of 2")
        code = _code(line)
        if re.search(r"(?<![\w$.])var\s", code):
            problems.append(f"{n}: var")
        following = next((_code(x) for x in lines[n:] if _code(x)), "")
        if (code and STATEMENT_END.search(code) and not NO_SEMICOLON.search(code)
                and following.startswith(("}", "const ", "let ", "return ", "export ", "import ", "function "))
                and not (following.startswith("}") and PROPERTY.search(code))
                and not following.startswith("} from ")):  # the last names of a long import
            problems.append(f"{n}: no semicolon at the end of the statement")
    assert problems == [], problems
    subprocess.run([node, "--check", str(path)], check=True, capture_output=True)


# -- the Node.js tests ----------------------------------------------------------------------------


def test_pure_browser_logic_passes_its_node_tests(node: str) -> None:
    """node --test tests/js/: plan merge, import, CSV, totals, SIASN, quiz scores, search, filter."""
    done = subprocess.run([node, "--test", str(JS_TESTS)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    passed = int(re.search(r"^# pass (\d+)$", done.stdout, re.M).group(1))  # type: ignore[union-attr]
    assert passed >= 30, done.stdout[-2000:]
    assert re.search(r"^# fail 0$", done.stdout, re.M)


# -- what a page loads ----------------------------------------------------------------------------

MATERIAL = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")  # Material's own page script


def _scripts_of_home(browser: Any, url: str) -> tuple[list[str], list[str]]:
    context = browser.new_context()
    loaded: list[str] = []
    errors: list[str] = []
    context.on("request", lambda r: loaded.append(r.url) if r.url.split("?")[0].endswith(".js") else None)
    tab = context.new_page()
    record_errors(tab, errors, console=False)
    tab.goto(url)
    tab.wait_for_load_state("load")
    tab.wait_for_timeout(500)  # the search worker starts after the page
    context.close()
    return [u for u in loaded if not MATERIAL.search(u.split("?")[0])], errors


def test_a_page_loads_at_most_three_scripts_of_ours(browser: Any, project: Any, tmp_path: Path) -> None:
    project.minimal()
    site = project.build()
    kit = unpacked_bundle(project.root, tmp_path / "kit")
    with serve(site) as url:
        online, errors = _scripts_of_home(browser, url)
    offline, offline_errors = _scripts_of_home(browser, (kit / "index.html").as_uri())
    assert errors == [] and offline_errors == [], errors + offline_errors
    for loaded in (online, offline):
        names = [u.rsplit("/", 1)[-1] for u in loaded]
        assert "asn-portal.js" in names, names
        assert len(loaded) <= 3, loaded
    assert "worker-shim.js" in [u.rsplit("/", 1)[-1] for u in offline]
