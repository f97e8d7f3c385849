"""One site assembly for every output: a project and its options -> plain data (pages as final HTML,
generated files, copied materials, navigation, the portal's assets, search documents).

The MkDocs adapter (engines/mkdocs), the Zensical export (engines/zensical) and the EPUB writer
(engines/epub) consume the same ``SiteParts``; an output is one folder beside them that turns these
parts into its own files. Nothing here imports an engine.
"""
