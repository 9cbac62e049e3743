"""``netgov classifier``: train a model on a platform's own labels, score text, print a card."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import click

from netgov.classifier import (
    TrainingConfig,
    TrainingError,
    guess_format,
    read_examples,
    read_model,
    sha256_of,
    train_model,
    write_model,
)
from netgov.classifier.data import FORMATS
from netgov.detectors.classifier import Model, ModelError


@click.group()
def classifier() -> None:
    """Train, inspect and try offline text classifiers (CPU only, no downloads)."""


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(1)


@classifier.command("train")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--text-column", required=True, help="Column (or JSON key) with the text; with --no-header, its number from 1."
)
@click.option("--label-column", required=True, help="Column (or JSON key) with the label, e.g. a reviewer's decision.")
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Model directory to write."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Data format; default from the extension (.jsonl, .tsv, else CSV).",
)
@click.option("--no-header", is_flag=True, help="CSV/TSV without a header row: columns are named 1, 2, ...")
@click.option("--seed", default=7, show_default=True, help="Seed of the train/held-out split.")
@click.option("--test-size", default=0.2, show_default=True, help="Share of each label held out for the metrics.")
@click.option("--name", help="Model name used in rules (classifier: NAME.LABEL); default: the --out directory's name.")
@click.option("--floor", default=0.5, show_default=True, help="Lowest score that emits a signal.")
@click.option("--trained-on", help="Date written in the card (YYYY-MM-DD); default today. Fix it to reproduce bytes.")
@click.option("--source", default="", help="Where the data came from, for the card.")
@click.option("--licence", default="", help="The data's licence, for the card.")
@click.option("--attribution", default="", help="Required attribution of the data, for the card.")
@click.option("--intended-use", default="", help="What the model is for and not for, for the card.")
def train(data: Path, text_column: str, label_column: str, out: Path, fmt: str | None, no_header: bool, seed: int,
          test_size: float, name: str | None, floor: float, trained_on: str | None, source: str, licence: str,
          attribution: str, intended_use: str) -> None:  # fmt: skip
    """Train a model on labelled DATA (CSV, TSV or JSONL) and write it to --out.

    Features are hashed character 1-4-grams (any script), the model is logistic
    regression, and a stratified share of each label is held out to measure precision,
    recall, F1 and calibration (Brier score, reliability table), written to card.json.
    The same data, seed and --trained-on give the same bytes. Copy the directory to
    RULEBOOK/models/NAME/ and use it in rules as `classifier: NAME.LABEL`.
    """
    about = {
        "trained_on": trained_on or datetime.now(UTC).strftime("%Y-%m-%d"),
        "intended_use": intended_use,
        "source": source,
        "licence": licence,
        "attribution": attribution,
    }
    config = TrainingConfig(name=name or out.resolve().name, seed=seed, test_size=test_size, floor=floor, about=about)
    try:
        examples = read_examples(
            data,
            text_column=text_column,
            label_column=label_column,
            fmt=fmt or guess_format(data),
            header=not no_header,
        )
        files = train_model(examples, config, data_sha256=sha256_of(data.read_bytes()))
    except TrainingError as error:
        _fail(str(error))
    write_model(out, files)
    card = json.loads(files["card.json"])
    click.echo(f"wrote {out} ({card['version']}): {card['training']['train_rows']} training rows, "
               f"{card['training']['test_rows']} held out, accuracy {card['metrics']['accuracy']}")  # fmt: skip


def _load(directory: Path) -> Model:
    try:
        return read_model(directory)
    except (ModelError, TrainingError) as error:
        _fail(str(error))
        raise


@classifier.command("score")
@click.argument("model_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("texts", nargs=-1)
@click.option("--file", "file", type=click.File("r", encoding="utf-8"), help="Score each line of FILE ('-' for stdin).")
def score(model_dir: Path, texts: tuple[str, ...], file: IO[str] | None) -> None:
    """Print each label's probability for each TEXT (or each line of --file), one JSON line per text."""
    model = _load(model_dir)
    items = list(texts) + ([line.rstrip("\n") for line in file] if file is not None else [])
    if not items:
        _fail("give TEXT arguments or --file")
    for text, row in zip(items, model.scores(items), strict=True):
        scores = {label: round(float(p), 6) for label, p in zip(model.labels, row, strict=True)}
        sys.stdout.write(
            json.dumps({"text": text, "model": model.version, "scores": scores}, ensure_ascii=False) + "\n"
        )


@classifier.command("card")
@click.argument("model_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def card(model_dir: Path) -> None:
    """Print the model card of MODEL_DIR (training data, licence, date, metrics, intended use) as JSON."""
    model = _load(model_dir)
    click.echo(json.dumps({**model.card, "version": model.version}, indent=2, ensure_ascii=False))
