"""asn-portal: YAML catalogs of courses, factor guides and articles become a learning portal."""

from importlib import resources

__version__ = "0.1.0"


def packaged_text(folder: str, name: str) -> str:
    """A file shipped inside the package (``assets/``, ``templates/``), read as UTF-8."""
    return resources.files(__name__).joinpath(folder, name).read_text(encoding="utf-8")
