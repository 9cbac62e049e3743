"""Writing and reading a model directory on disk (the CLI's side of the artifact)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from netgov.classifier.data import TrainingError
from netgov.detectors.classifier.model import FILES, Model, load_model


def write_model(directory: Path, files: Mapping[str, bytes]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(files.items()):
        (directory / name).write_bytes(data)


def read_model(directory: Path) -> Model:
    """Load a model directory; raises ModelError naming the file at fault."""
    name = directory.resolve().name
    files = {f"models/{name}/{file}": (directory / file).read_bytes() for file in FILES if (directory / file).is_file()}
    if not directory.is_dir():
        raise TrainingError(f"{directory}: no such model directory")
    return load_model(name, files)
