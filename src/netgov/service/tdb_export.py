"""The DSA Transparency Database export: every statement mapped, checked against the
database's field rules, and written as request bodies of at most 100 statements.

    check = check_tdb(export_rows(uow, request, media=True))   # raises before anything is written
    for line in tdb_lines(export_rows(uow, request, media=True), checked=True):
        ...   # b'{"statements": [...]}\\n', one request body of the multi-statement endpoint a line

A statement that breaks a rule stops the export (ConflictError naming the statement and
the field); nothing invalid is ever written. Statements whose measure applies in no EU/EEA
state are not the database's business: they are left out and counted (``TdbCheck.outside``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import msgspec
import pycountry
from jsonschema.exceptions import ValidationError

from netgov.errors import ConflictError
from netgov.governance.dsa_tdb import TdbSource, batches, content_language, tdb_statement, territorial_scope
from netgov.service.statement_exports import ExportRow

SCHEMA_FILE = "dsa_tdb_statement.json"


class TdbCheck(msgspec.Struct, frozen=True, kw_only=True):
    """What a check found: statements that will be exported, and those outside the EEA left out."""

    exported: int
    outside: int
    outside_examples: tuple[str, ...]


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one statement, shipped with netgov."""
    text = resources.files("netgov.governance").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@cache
def iso_639_1() -> frozenset[str]:
    """The two-letter language codes the database takes (uppercase ISO 639-1)."""
    return frozenset(language.alpha_2.upper() for language in pycountry.languages if hasattr(language, "alpha_2"))


def validate(statement_id: str, statement: dict[str, Any]) -> None:
    """Return when ``statement`` follows the database's rules; else ConflictError naming the field."""
    validator = _validator()
    if validator.is_valid(statement):
        return
    error = jsonschema.exceptions.best_match(validator.iter_errors(statement))
    if error is not None:
        # The schema forbids a field the statement's other choices exclude with {"not": {}}.
        message = "not allowed with the statement's other fields" if error.validator_value == {} else error.message
        raise ConflictError(
            f"statement {statement_id} cannot go to the DSA Transparency Database: {failing_field(error)}: {message}"
        )


def failing_field(error: ValidationError) -> str:
    """The top-level field an error is about (a missing one for ``required``)."""
    if error.absolute_path:
        return str(error.absolute_path[0])
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        if missing:
            return str(missing[0])
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if extra:
            return str(extra[0])
    context = [failing_field(sub) for sub in error.context or ()]
    return context[0] if context else "(statement)"


def source_of(row: ExportRow) -> TdbSource:
    """What the mapping needs of a stored statement; the content's date falls back to when netgov received it."""
    posted = row.content_created_at or row.content_received_at or row.statement.issued_at
    return TdbSource(
        statement_id=row.statement_id,
        statement=row.statement,
        jurisdiction=row.jurisdiction,
        has_text=row.content_has_text,
        media_kinds=row.content_media,
        content_known=row.content_known,
        content_date=posted.date(),
        content_language=content_language(row.content_language, iso_639_1()),
    )


def check_tdb(rows: Iterable[ExportRow]) -> TdbCheck:
    """Map and validate every row without writing anything; raises at the first invalid one."""
    exported = outside = 0
    examples: list[str] = []
    for row in rows:
        if _mapped(row) is None:
            outside += 1
            if len(examples) < 5:
                examples.append(row.statement_id)
        else:
            exported += 1
    return TdbCheck(exported=exported, outside=outside, outside_examples=tuple(examples))


def tdb_lines(rows: Iterable[ExportRow], *, checked: bool) -> Iterator[bytes]:
    """One JSON line per request body ``{"statements": [...]}`` of at most 100 statements.

    ``checked``: ``check_tdb`` passed over the same rows, so each is not validated again
    (a statement, its content and the mapping never change; the rows of an export are
    those issued before it started). Validation is most of the cost."""
    mapped = (statement for row in rows if (statement := _mapped(row, validated=not checked)) is not None)
    for body in batches(mapped):
        yield msgspec.json.encode(body) + b"\n"


def _mapped(row: ExportRow, *, validated: bool = True) -> dict[str, Any] | None:
    if not territorial_scope(row.statement, row.jurisdiction):
        return None
    statement = tdb_statement(source_of(row))
    if validated:
        validate(row.statement_id, statement)
    return statement
