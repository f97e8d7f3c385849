"""The benchmarks, each run from the repository root as a module (``python -m benchmarks.search.run``);
what they share with the tests is in ``devtools``."""
