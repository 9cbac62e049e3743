"""Offline text classifiers: hashed character n-grams and logistic weights, numpy only."""

from netgov.detectors.classifier.factory import ClassifierFactory
from netgov.detectors.classifier.model import Model, ModelError, load_model

__all__ = ["ClassifierFactory", "Model", "ModelError", "load_model"]
