"""No site build, no browser: the content model, checks, URLs, markup, the CLI that builds nothing."""
