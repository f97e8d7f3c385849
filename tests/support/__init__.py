"""Helpers the test modules share (a test module never imports another test module, nor conftest):
``project`` (projects written into temporary folders), ``sites`` (kits unpacked; the shared sample's site
and kit), ``htmlview`` (HTML read back), ``search`` (the built index read back, the engine run in Node.js),
``hostile`` (the attack corpus), ``idwords`` (Indonesian word forms), ``a11y`` (axe-core), ``plan`` (the
plan page in a browser) and ``phone`` (the phone-sized sites). What the benchmarks share too (browser,
loopback server, synthetic catalog) is in ``devtools``."""
