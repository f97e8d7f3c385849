"""benchmarks/search: recall@5 in Chromium (`python -m benchmarks.search.run`)."""
