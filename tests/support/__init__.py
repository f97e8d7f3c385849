"""Helpers the test modules share (a test module never imports another test module, nor conftest):
``project`` (projects written into temporary folders), ``sites`` (kits unpacked; the shared sample's site
and kit), ``htmlview`` (HTML read back), ``search`` (the built index read back, the engine run in Node.js),
``hostile`` (the attack corpus, with ``hostile_refused`` and ``hostile_content``), ``idwords`` (Indonesian
word forms), ``a11y`` (axe-core), ``plan`` (the plan page in a browser), ``phone`` (the phone-sized sites),
``learning`` and ``quiz`` (the learning and quiz pages' sites in a browser), ``richsite`` (a built site with
every page kind), ``serve_edits`` (edits to a served project), ``validation`` and ``validation_cases`` (the
validation tests' project and cases) and ``link_strategies`` (hypothesis strategies of link targets). What
the benchmarks share too (browser, loopback server, synthetic catalog) is in ``devtools``."""
