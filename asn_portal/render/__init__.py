"""Pages from the catalog as finished HTML, from Jinja templates."""
