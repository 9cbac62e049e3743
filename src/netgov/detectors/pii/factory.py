"""The ``pii`` detector family: validated personal data, for doxxing rules.

Options (``BuildContext.options``, from the composition root; the detector reads no
environment): ``pii.salt`` salts the digests of values (default: empty, so set one);
``pii.phone_regions`` lists the regions national phone numbers are tried in after the
content's own (default ``US,GB,CN,DE,FR,IN``).
"""

from __future__ import annotations

from collections.abc import Sequence

from netgov.core.detection import BuildContext, Built, DetectorExample
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.detectors.pii.candidates import CandidateScanner
from netgov.detectors.pii.context import ContextWords
from netgov.detectors.pii.detector import DetectorParts, PiiDetector
from netgov.detectors.pii.finder import SHAPES, EntityFinder
from netgov.detectors.pii.phones import unknown_regions
from netgov.detectors.pii.spans import Folding

ENTITY_LABELS = frozenset(SHAPES)
LABELS = ENTITY_LABELS | {"any"}
DEFAULT_PHONE_REGIONS = "US,GB,CN,DE,FR,IN"


class PiiFactory:
    name = "pii"
    description = "Personal data, validated by checksum and format, with context words."

    def labels(self, context: BuildContext) -> frozenset[str]:
        return LABELS

    def build(self, context: BuildContext, labels: frozenset[str]) -> Built:
        wanted = labels & LABELS
        if not wanted:
            return Built(None)
        written = context.options.get("pii.phone_regions", DEFAULT_PHONE_REGIONS)
        regions = tuple(region.strip().upper() for region in written.split(",") if region.strip())
        unknown = unknown_regions(regions)
        if unknown:
            message = f"option pii.phone_regions: unknown region(s) {', '.join(unknown)}; use codes like US,GB,CN"
            return Built(None, [Diagnostic("<options>", 1, 1, message)])
        entities = ENTITY_LABELS if "any" in wanted else wanted
        parts = DetectorParts(
            scanner=CandidateScanner(frozenset().union(*(SHAPES[label] for label in entities))),
            finder=EntityFinder(entities, regions),
            words=ContextWords.build(context.normalizer),
            folding=Folding(context.normalizer),
        )
        return Built(PiiDetector(wanted, parts, context.options.get("pii.salt", "")))

    def examples(self) -> Sequence[DetectorExample]:
        from netgov.detectors.pii.examples import EXAMPLES

        return EXAMPLES
