"""asn-portal: YAML catalogs of courses, factor guides and articles become a learning portal."""

from importlib import resources

__version__ = "0.1.0"


def packaged_text(folder: str, name: str) -> str:
    """A file shipped inside the package (``assets/``, ``templates/``), read as UTF-8."""
    return resources.files(__name__).joinpath(folder, name).read_text(encoding="utf-8")


# The kinds register themselves in the registry; imported here so that every entry point (the CLI, the
# MkDocs plugin, `python -m asn_portal.schema`, the tests) finds them. Last: they import the model.
from asn_portal import kinds  # noqa: E402, F401
