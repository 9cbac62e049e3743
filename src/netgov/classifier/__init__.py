"""Training classifier models and writing them with their model card (file I/O lives here,
outside ``netgov.detectors``, which only parses the bytes a rulebook hands it)."""

from netgov.classifier.data import Examples, TrainingError, guess_format, read_examples
from netgov.classifier.store import read_model, write_model
from netgov.classifier.training import TrainingConfig, sha256_of, split, train_model

__all__ = [
    "Examples",
    "TrainingConfig",
    "TrainingError",
    "guess_format",
    "read_examples",
    "read_model",
    "sha256_of",
    "split",
    "train_model",
    "write_model",
]
