"""Loading rulebooks from directories, and the rulebook bundled with netgov."""

from netgov.rulebook.loader import BUNDLED, load_rulebook, read_sources

__all__ = ["BUNDLED", "load_rulebook", "read_sources"]
