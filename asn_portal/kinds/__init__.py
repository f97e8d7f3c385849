"""The content kinds, one self-contained folder each: its spec and entry class, its page, card, index
and home templates, its ``new`` template. Importing this package registers them (``asn_portal``
imports it, so every entry point has them), in this order: the order of ``KINDS``.

A kind may import ``asn_portal.model`` only (an import-linter layer right above it).
"""

from asn_portal.kinds import article, course, factor
from asn_portal.model.registry import register

for _kind in (factor, course, article):
    register(_kind.SPEC)

__all__ = ["article", "course", "factor"]
