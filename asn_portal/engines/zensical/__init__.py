"""Zensical, by export: the core writes the whole portal as a plain project Zensical builds without plugins."""
