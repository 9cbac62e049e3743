"""URLs and domains: extraction through obfuscation, lists, lookalikes of protected domains."""

from netgov.detectors.urls.factory import UrlFactory

__all__ = ["UrlFactory"]
