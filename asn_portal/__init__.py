"""asn-portal: YAML catalogs of courses, factor guides and articles become a learning portal."""

__version__ = "0.1.0"
