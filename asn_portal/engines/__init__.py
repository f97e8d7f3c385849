"""Site engines: the only packages that import one (MkDocs and Material here)."""
