"""What ``serve`` keeps of each catalog file's check from one save to the next.

A file's check (``entryfile.check_file``) depends on its bytes and on the answers the resolver gave
it. So it is kept with the file's ``lstat`` signature and those answers, and reused while the file is
unchanged and, if the world the resolver sees changed (an entry, a hand-written page or a material
came or went or changed), every question it asked still gets the same answer. At 5,000 courses a
check from scratch took 19 s; checking one saved file and the project-wide rules takes a fraction
of a second. A plain ``check`` or build starts from an empty ``FileChecks``: the same code runs.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from asn_portal.content.entryfile import FileCheck, Loaded, check_file
from asn_portal.model.problems import Problem
from asn_portal.model.project import Project
from asn_portal.model.registry import KindSpec
from asn_portal.model.workers import Claims, run_shares, usable_jobs
from asn_portal.trust.markup import Conversions, Converted
from asn_portal.trust.resolver import Asked, Resolver

Signature = tuple[int, int, int, int]  # mtime, size, inode, ctime: an editor's save changes one of them
PARALLEL_FROM = 200  # files to check: below this, starting workers costs more than it saves
FILES_PER_CLAIM = 16  # a file takes about a millisecond to check
# A file's check as a worker sends it back: its Loaded without the KindSpec (the parent has its own).
_Sent = tuple[list[Problem], dict[str, Any] | None, list[Asked]]


def signature(path: Path | str) -> Signature | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)


def files_state(*places: Path) -> dict[str, Signature | None]:
    """Every file in ``places`` (folders walked, files as they are) with its signature: what `serve`
    compares after a save to know what changed, whatever the editor did (write, replace, rename)."""
    found: dict[str, Signature | None] = {}
    for place in places:
        if place.is_dir() and not place.is_symlink():
            for top, dirs, names in os.walk(place):
                dirs.sort()
                # a link to a folder is listed too (never walked): check reports it
                links = [d for d in dirs if os.path.islink(os.path.join(top, d))]
                for name in sorted(names + links):
                    path = os.path.join(top, name)
                    found[path] = signature(path)
        else:
            found[str(place)] = signature(place)
    return found


def tree_state(folder: Path) -> tuple[tuple[str, Signature | None], ...]:
    """Every file and folder under ``folder`` with its signature (links are listed, never followed)."""
    found: list[tuple[str, Signature | None]] = []
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files) + dirs:
            path = os.path.join(top, name)
            found.append((path, signature(path)))
    return tuple(found)


class FileChecks:
    """Each catalog file's last check, by path; and the Markdown conversions, kept with them."""

    def __init__(self) -> None:
        self.conversions = Conversions()
        self._kept: dict[str, tuple[Signature, str, FileCheck]] = {}
        self._seen: set[str] = set()
        self._world: object = None
        self._reask = True
        self.fresh: set[str] = set()  # files checked anew by the last check (project-relative paths)
        self._early: dict[str, tuple[Signature | None, FileCheck]] = {}  # prefetch's checks, not yet taken

    def begin(self, resolver: Resolver) -> None:
        """A check starts: does the world the resolver answers from look as it did last time?"""
        slugs = resolver.slugs or {}
        world = (tuple(sorted((kind, tuple(sorted(found))) for kind, found in slugs.items())),
                 tuple(sorted(resolver.pages)), tree_state(resolver.project.materials_dir))
        self._reask = world != self._world
        self._world = world
        self._seen = set()
        self.fresh = set()

    def prefetch(self, project: Project, work: Sequence[tuple[KindSpec, Path]], resolver: Resolver,
                 jobs: int) -> None:
        """Check ``work``'s files on ``jobs`` processes (model/workers.py) before ``check`` asks for them in
        the same order: each process claims the next few files as it becomes free (a worker also sends its
        results back, so it takes fewer), and the workers' conversions join this store's, so the store holds
        what checking the files one by one leaves in it. Only a store that keeps nothing (a build's, a first
        check) and only a project large enough for it to pay."""
        if len(work) < PARALLEL_FROM or self._kept:
            return
        jobs = min(usable_jobs(jobs), len(work))  # 1 where forking is not safe; 0 asks for every CPU
        if jobs < 2:
            return
        signatures = [signature(path) for _, path in work]  # before the check, as ``check`` takes it
        claims = Claims(len(work), FILES_PER_CLAIM)
        for sent, converted in run_shares(lambda n: self._check_claimed(project, work, claims, resolver), jobs):
            for text, done in converted:
                self.conversions.done.setdefault(text, done)
            for n, (problems, loaded, asked) in sent:
                spec, path = work[n]
                self._early[str(path)] = (signatures[n], FileCheck(problems, _received(loaded, spec), asked))

    def _check_claimed(self, project: Project, work: Sequence[tuple[KindSpec, Path]], claims: Claims,
                       resolver: Resolver) -> tuple[list[tuple[int, _Sent]], list[tuple[str, Converted]]]:
        """The checks of the files this process claims, as they travel back, and the conversions they added."""
        start = len(self.conversions.done)
        sent = [(n, _sent(check_file(project, *work[n], resolver, self.conversions))) for n in claims]
        return sent, list(self.conversions.done.items())[start:]

    def check(self, project: Project, spec: KindSpec, path: Path, resolver: Resolver) -> FileCheck:
        key = str(path)
        self._seen.add(key)
        early = self._early.pop(key, None)
        if early is not None:
            now, result = early
        else:
            now = signature(path)
            kept = self._kept.get(key)
            if (kept is not None and now is not None and kept[0] == now and kept[1] == spec.name
                    and (not self._reask or all(resolver.answer(q) == q[3] for q in kept[2].asked))):
                return kept[2]
            result = check_file(project, spec, path, resolver, self.conversions)
        self.fresh.add(project.rel(path))
        if now is not None:
            self._kept[key] = (now, spec.name, result)
        else:
            self._kept.pop(key, None)
        return result

    def end(self) -> None:
        """Files not seen in this check are gone (deleted, renamed): forget them."""
        for key in set(self._kept) - self._seen:
            del self._kept[key]
        self._early.clear()


def _sent(result: FileCheck) -> _Sent:
    loaded = None if result.loaded is None else {k: v for k, v in vars(result.loaded).items() if k != "spec"}
    return result.problems, loaded, result.asked


def _received(loaded: dict[str, Any] | None, spec: KindSpec) -> Loaded | None:
    return None if loaded is None else Loaded(spec=spec, **loaded)
