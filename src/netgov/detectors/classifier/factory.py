"""The ``classifier`` family: models shipped in the rulebook under ``models/NAME/``.

Rules name a label as ``MODEL.LABEL`` (``classifier: sms-spam.spam``): always qualified,
so adding a second model with a label of the same name never changes what a rule means.
"""

from __future__ import annotations

from collections.abc import Sequence

from netgov.core.detection import BuildContext, Built, DetectorExample
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.detectors.classifier.detector import ClassifierDetector, Scored
from netgov.detectors.classifier.model import Model, ModelError, load_model, model_names


class ClassifierFactory:
    name = "classifier"
    description = "Per-label probabilities from offline models (hashed character n-grams, logistic regression)."

    def labels(self, context: BuildContext) -> frozenset[str]:
        models, _ = _load_all(context)
        return frozenset(f"{m.name}.{label}" for m in models for label in m.labels)

    def build(self, context: BuildContext, labels: frozenset[str]) -> Built:
        """Every model is parsed, used or not, so a broken model file is always reported."""
        models, problems = _load_all(context)
        scored = [_scored(model, labels) for model in models]
        wanted = [s for s in scored if s.columns]
        if problems or not wanted:
            return Built(None, problems)
        return Built(ClassifierDetector(wanted), problems)

    def examples(self) -> Sequence[DetectorExample]:
        from netgov.detectors.classifier.examples import EXAMPLES

        return EXAMPLES


def _load_all(context: BuildContext) -> tuple[list[Model], list[Diagnostic]]:
    models: list[Model] = []
    problems: list[Diagnostic] = []
    for name in model_names(context.files):
        try:
            models.append(load_model(name, context.files))
        except ModelError as error:
            problems.append(Diagnostic(error.path, 1, 1, f"model {name!r} cannot be loaded: {error.message}"))
    return models, problems


def _scored(model: Model, labels: frozenset[str]) -> Scored:
    columns = tuple(i for i, label in enumerate(model.labels) if f"{model.name}.{label}" in labels)
    return Scored(model, columns)
