"""A statement of reasons as the DSA Transparency Database API takes it (its API v2).

    tdb = tdb_statement(TdbSource(statement_id="sor_…", statement=sor, jurisdiction="de.by",
                                  media_kinds=("image",), has_text=True, content_date=..., ...))

One statement in, one JSON object out, with the field names and enumeration values of the
Transparency Database (``POST /api/v1/statements`` takes up to 100 of them as
``{"statements": [...]}``). ``schemas/dsa_tdb_statement.json`` states the database's field
rules; the export validates every statement against it before writing anything.

What the database receives is what a platform may publish: the measure, the grounds, the
category, dates, the source type and the automation flags. Nothing personal is mapped: no
account id, no post text, no reporter, no staff member. ``puid`` is built from the
platform's content id and the statement id; the content id must not be personal data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import msgspec

from netgov.core.actions import Action
from netgov.core.decision import Automation, LegalGround, Source, StatementOfReasons

BATCH_MAX = 100
"""The most statements one call of the database's multi-statement endpoint takes."""

EU_STATES = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)  # fmt: skip
EEA_STATES = tuple(sorted((*EU_STATES, "IS", "LI", "NO")))
"""The codes ``territorial_scope`` accepts: ISO 3166-1 alpha-2 (Greece is GR, not EL)."""

# A jurisdiction rooted at one of these covers every state of the union it names.
_UNIONS = {"eu": EU_STATES, "eea": EEA_STATES}

_VISIBILITY = {
    Action.LABEL: "DECISION_VISIBILITY_CONTENT_LABELLED",
    Action.RESTRICT_VISIBILITY: "DECISION_VISIBILITY_CONTENT_DEMOTED",
    # Withheld until a person reviews it: access to the content is disabled meanwhile.
    Action.HOLD_FOR_REVIEW: "DECISION_VISIBILITY_CONTENT_DISABLED",
    Action.REMOVE: "DECISION_VISIBILITY_CONTENT_REMOVED",
}
_SOURCE_TYPE = {
    Source.OWN_INITIATIVE: "SOURCE_VOLUNTARY",
    Source.NOTICE: "SOURCE_ARTICLE_16",
    Source.TRUSTED_FLAGGER: "SOURCE_TRUSTED_FLAGGER",
    Source.AUTHORITY_ORDER: "SOURCE_TYPE_OTHER_NOTIFICATION",
}
_AUTOMATED_DECISION = {
    Automation.FULLY: "AUTOMATED_DECISION_FULLY",
    Automation.PARTIALLY: "AUTOMATED_DECISION_PARTIALLY",
    Automation.NOT_AUTOMATED: "AUTOMATED_DECISION_NOT_AUTOMATED",
}
_CONTENT_TYPE = {"image": "CONTENT_TYPE_IMAGE", "video": "CONTENT_TYPE_VIDEO", "audio": "CONTENT_TYPE_AUDIO"}
UNKNOWN_CONTENT = "Content not submitted to the moderation system; known by its identifier only"
ORDER_SOURCE = "Order of a competent authority (DSA Art. 9)"

LIMITS = {
    "illegal_content_legal_ground": 500,
    "illegal_content_explanation": 2000,
    "decision_facts": 5000,
    "content_type_other": 500,
    "source_identity": 500,
}


class TdbSource(msgspec.Struct, frozen=True, kw_only=True):
    """A stored statement with what the database asks about its content."""

    statement_id: str
    statement: StatementOfReasons
    # Where the content (or the case about it) is: the territory when no ground names one.
    jurisdiction: str | None
    has_text: bool
    media_kinds: tuple[str, ...]
    # False when the platform never submitted the content (a notice named it by id or URL).
    content_known: bool
    content_date: date
    # An uppercase ISO 639-1 code, or None when the content's language is unknown or not one.
    content_language: str | None


def tdb_statement(source: TdbSource) -> dict[str, Any]:
    """The statement in the database's fields; only fields with a value are present."""
    sor = source.statement
    fields: dict[str, Any] = {
        **_decision(sor),
        "decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT",
        "illegal_content_legal_ground": _clip(_grounds(sor.legal_grounds), "illegal_content_legal_ground"),
        "illegal_content_explanation": _clip(sor.explanation, "illegal_content_explanation"),
        **_content_type(source),
        "category": sor.category.dsa_name,
        "territorial_scope": list(territorial_scope(sor, source.jurisdiction)),
        "content_date": source.content_date.isoformat(),
        "application_date": sor.issued_at.date().isoformat(),
        "decision_facts": _clip(sor.facts, "decision_facts"),
        "source_type": _SOURCE_TYPE[sor.source],
        "automated_detection": "Yes" if sor.automated_detection else "No",
        "automated_decision": _AUTOMATED_DECISION[sor.automated_decision],
        "puid": puid(sor.content_id, source.statement_id),
    }
    if sor.source is Source.AUTHORITY_ORDER:
        fields["source_identity"] = ORDER_SOURCE
    if source.content_language is not None:
        fields["content_language"] = source.content_language
    return fields


def territorial_scope(sor: StatementOfReasons, jurisdiction: str | None) -> tuple[str, ...]:
    """The EEA states the measure applies in: those of its legal grounds' jurisdictions, else
    that of the content's jurisdiction; empty when neither lies in the EEA."""
    from_grounds = eea_states(sor.territorial_scope)
    if from_grounds:
        return from_grounds
    return eea_states([jurisdiction] if jurisdiction else [])


def eea_states(jurisdictions: Iterable[str]) -> tuple[str, ...]:
    """The EEA states of dotted jurisdiction codes: a code rooted at a state's ISO 3166-1
    alpha-2 code (``de``, ``de.by``) is that state; ``eu``/``eea`` cover their members, or
    the state below them (``eu.fr.ara`` is FR)."""
    found: set[str] = set()
    for code in jurisdictions:
        parts = code.lower().split(".")
        if parts[0] in _UNIONS:
            union = _UNIONS[parts[0]]
            if len(parts) == 1:
                found.update(union)
            elif parts[1].upper() in union:
                found.add(parts[1].upper())
        elif parts[0].upper() in EEA_STATES:
            found.add(parts[0].upper())
    return tuple(sorted(found))


def puid(content_id: str, statement_id: str) -> str:
    """Unique per statement within the platform, and the platform finds its content by it."""
    return f"{content_id}-{statement_id}"


def content_language(language: str | None, known: frozenset[str]) -> str | None:
    """The primary subtag of a BCP 47 tag (``en-GB`` → ``EN``) when it is an ISO 639-1 code in ``known``."""
    if not language:
        return None
    primary = re.split(r"[-_]", language, maxsplit=1)[0].upper()
    return primary if primary in known else None


def batches(statements: Iterable[dict[str, Any]], size: int = BATCH_MAX) -> Iterable[dict[str, Any]]:
    """Request bodies of the multi-statement endpoint: ``{"statements": [...]}``, at most ``size`` each."""
    if not 1 <= size <= BATCH_MAX:
        raise ValueError(f"a batch holds 1 to {BATCH_MAX} statements, not {size}")
    batch: list[dict[str, Any]] = []
    for statement in statements:
        batch.append(statement)
        if len(batch) == size:
            yield {"statements": batch}
            batch = []
    if batch:
        yield {"statements": batch}


def _decision(sor: StatementOfReasons) -> dict[str, Any]:
    end = sor.duration_until.date().isoformat() if sor.duration_until else None
    if sor.measure is Action.SUSPEND_ACCOUNT:
        fields: dict[str, Any] = {"decision_account": "DECISION_ACCOUNT_SUSPENDED"}
        return fields | ({"end_date_account_restriction": end} if end else {})
    if sor.measure not in _VISIBILITY:
        raise ValueError(f"{sor.measure.value!r} restricts nothing; it has no statement to export")
    fields = {"decision_visibility": [_VISIBILITY[sor.measure]]}
    return fields | ({"end_date_visibility_restriction": end} if end else {})


def _content_type(source: TdbSource) -> dict[str, Any]:
    if not source.content_known:
        return {"content_type": ["CONTENT_TYPE_OTHER"], "content_type_other": UNKNOWN_CONTENT}
    kinds = {"CONTENT_TYPE_TEXT"} if source.has_text else set()
    others = {kind.strip() for kind in source.media_kinds if kind not in _CONTENT_TYPE}
    kinds.update(_CONTENT_TYPE[kind] for kind in source.media_kinds if kind in _CONTENT_TYPE)
    if others or not kinds:
        kinds.add("CONTENT_TYPE_OTHER")
        named = ", ".join(sorted(kind for kind in others if kind)) or "media of an unnamed kind"
        described = named if others else "an item without text or media"
        return {"content_type": sorted(kinds), "content_type_other": _clip(described, "content_type_other")}
    return {"content_type": sorted(kinds)}


def _grounds(grounds: Iterable[LegalGround]) -> str:
    return "; ".join(
        f"{g.regulation_title} ({g.regulation} {g.version}, {g.authority}), Art. {g.article}: {g.article_title}"
        for g in grounds
    )


def _clip(text: str, field: str) -> str:
    """``text`` within the field's limit: cut at the limit with an ellipsis, whitespace trimmed."""
    limit = LIMITS[field]
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
