"""The search index: words as search sees them, what a page gives, the sharded index."""
