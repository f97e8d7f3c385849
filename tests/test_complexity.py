"""No function of asn_portal above cyclomatic complexity 20 (issue 26), as radon counts it.

A function past that bound has more paths than its tests can be trusted to cover: split it into named
steps (see ``trust/resolver.py``'s ``_resolve``) or a table of cases (``model/yamlerrors.py``). This reads
the sources only; nothing is built.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function

import asn_portal

LIMIT = 20
PACKAGE = Path(asn_portal.__file__).parent


def functions(blocks: list[Function | Class], methods_listed: bool = True) -> Iterator[Function]:
    """Every function radon found: top-level, methods and the functions nested in them. ``cc_visit``
    lists top-level functions, classes and those classes' methods; nested functions (radon counts them
    on their own, not in the one around them) and the methods of nested classes are inside those."""
    for block in blocks:
        if isinstance(block, Class):
            if not methods_listed:
                yield from functions(block.methods)
            yield from functions(block.inner_classes, methods_listed=False)
        else:
            yield block
            yield from functions(block.closures)


def test_no_function_above_the_complexity_limit() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50, "the package's modules were not found"
    above = [f"{path.relative_to(PACKAGE.parent)}:{function.lineno} {function.fullname} ({function.complexity})"
             for path in modules
             for function in functions(cc_visit(path.read_text(encoding="utf-8")))
             if function.complexity > LIMIT]
    assert not above, f"cyclomatic complexity above {LIMIT} (radon): split these:\n" + "\n".join(above)


def test_the_count_is_radon_s() -> None:
    """The walk above sees each method and nested function once, counted as expected."""
    source = ("class A:\n"
              "    def m(self, x):\n"
              "        def inner(y):\n"
              "            return 1 if y else 2\n"
              "        return inner(x) if x and x > 1 else 0\n"
              "    class B:\n"
              "        def n(self, z):\n"
              "            return z or 1\n")
    found = [(f.fullname, f.complexity) for f in functions(cc_visit(source))]
    assert sorted(found) == [("A.m", 3), ("B.n", 2), ("inner", 2)]
