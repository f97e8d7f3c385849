"""The test suite, by tier (tests/README.md): unit/, build/, browser/; the helpers they share in
tests.support, and what they share with the benchmarks in devtools."""

import os
import tempfile

# Set before any test module (or pytest plugin through it) imports MkDocs or Hypothesis.
os.environ["NO_MKDOCS_2_WARNING"] = "1"
# Hypothesis keeps its example database outside the checkout: no test writes into the source tree.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "asn-portal-hypothesis"))
