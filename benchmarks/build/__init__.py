"""benchmarks/build: asn-portal build vs. the same pages written by hand (`python -m benchmarks.build.run`)."""
