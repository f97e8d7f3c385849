"""The offline bundle: a reproducible zip and its verification."""
