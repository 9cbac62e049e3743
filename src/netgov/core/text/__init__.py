"""Text normalisation that defeats common evasions while keeping spans in the original."""

from netgov.core.text.batch import BatchViews
from netgov.core.text.normalizer import Normalizer
from netgov.core.text.views import TextViews

__all__ = ["BatchViews", "Normalizer", "TextViews"]
