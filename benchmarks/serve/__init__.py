"""benchmarks/serve: asn-portal serve vs. mkdocs serve (`python -m benchmarks.serve.run`)."""
