"""Drives Chromium (through Playwright) over a built site, a kit or a package."""
