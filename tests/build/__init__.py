"""Builds a site, a kit or a package (and reads it back), but drives no browser."""
