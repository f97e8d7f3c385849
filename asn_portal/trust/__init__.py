"""Every decision on content's paths, links, addresses and HTML: one resolver, one sanitiser."""
