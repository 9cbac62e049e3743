"""Personal data: validated entities (phones, identity numbers, cards, ...) for doxxing rules."""

from netgov.detectors.pii.factory import PiiFactory

__all__ = ["PiiFactory"]
