"""benchmarks/scale: 300 to 20,000 courses (`python -m benchmarks.scale.run`, `python -m benchmarks.scale.paired`)."""
