"""The MkDocs adapter: the plugin and its seams. Nothing else imports mkdocs or material."""
