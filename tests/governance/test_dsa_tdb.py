"""The DSA Transparency Database mapping: every value netgov can hold maps to one the
database accepts, every statement produced follows the published field rules, and a
statement that breaks one is refused with the field named."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from netgov.core.actions import Action
from netgov.core.decision import Automation, LegalGround, Source, StatementOfReasons
from netgov.core.statement import REDRESS
from netgov.core.taxonomy import Category
from netgov.errors import ConflictError
from netgov.governance.dsa_tdb import (
    EEA_STATES,
    EU_STATES,
    UNKNOWN_CONTENT,
    TdbSource,
    batches,
    content_language,
    eea_states,
    tdb_statement,
)
from netgov.service.tdb_export import iso_639_1, schema, validate

AT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
RESTRICTIVE = [action for action in Action if action.is_restrictive]


def ground(jurisdiction: str = "de", **changes: str) -> LegalGround:
    values = {
        "regulation": "NetzDG",
        "regulation_title": "Network Enforcement Act",
        "version": "2021",
        "authority": "Federal Office of Justice",
        "jurisdiction": jurisdiction,
        "article": "3",
        "article_title": "Handling of complaints",
        "article_text": "Providers shall remove manifestly unlawful content.",
    }
    return LegalGround(**(values | changes))


def sor(**changes: Any) -> StatementOfReasons:
    values: dict[str, Any] = {
        "decision_id": "dec_1",
        "content_id": "p-1",
        "platform": "chirp",
        "measure": Action.REMOVE,
        "category": Category.SCAMS_AND_FRAUD,
        "territorial_scope": ("de",),
        "duration_until": None,
        "facts": "The post offers to double any cryptocurrency sent to it.",
        "source": Source.OWN_INITIATIVE,
        "automated_detection": True,
        "automated_decision": Automation.FULLY,
        "legal_grounds": (ground(),),
        "explanation": "Because rule 'scam' applies NetzDG Art. 3, the content was removed.",
        "redress": REDRESS,
        "issued_at": AT,
    }
    return StatementOfReasons(**(values | changes))


def source(statement: StatementOfReasons | None = None, **changes: Any) -> TdbSource:
    values: dict[str, Any] = {
        "statement_id": "sor_abc",
        "statement": statement or sor(),
        "jurisdiction": None,
        "has_text": True,
        "media_kinds": (),
        "content_known": True,
        "content_date": date(2026, 3, 1),
        "content_language": "EN",
    }
    return TdbSource(**(values | changes))


def mapped(statement: StatementOfReasons | None = None, **changes: Any) -> dict[str, Any]:
    result = tdb_statement(source(statement, **changes))
    validate("sor_abc", result)
    return result


@pytest.mark.parametrize(
    ("measure", "field", "value"),
    [
        (Action.LABEL, "decision_visibility", ["DECISION_VISIBILITY_CONTENT_LABELLED"]),
        (Action.RESTRICT_VISIBILITY, "decision_visibility", ["DECISION_VISIBILITY_CONTENT_DEMOTED"]),
        (Action.HOLD_FOR_REVIEW, "decision_visibility", ["DECISION_VISIBILITY_CONTENT_DISABLED"]),
        (Action.REMOVE, "decision_visibility", ["DECISION_VISIBILITY_CONTENT_REMOVED"]),
        (Action.SUSPEND_ACCOUNT, "decision_account", "DECISION_ACCOUNT_SUSPENDED"),
    ],
)
def test_every_measure_maps_to_its_decision_field(measure: Action, field: str, value: Any) -> None:
    assert mapped(sor(measure=measure))[field] == value


def test_every_restrictive_measure_is_mapped() -> None:
    assert {mapped(sor(measure=m))["puid"] for m in RESTRICTIVE} == {"p-1-sor_abc"}


def test_allow_has_no_statement_to_export() -> None:
    with pytest.raises(ValueError, match="restricts nothing"):
        tdb_statement(source(sor(measure=Action.ALLOW)))


@pytest.mark.parametrize(
    ("measure", "field"),
    [
        (Action.RESTRICT_VISIBILITY, "end_date_visibility_restriction"),
        (Action.SUSPEND_ACCOUNT, "end_date_account_restriction"),
    ],
)
def test_a_temporary_measure_carries_its_end_date(measure: Action, field: str) -> None:
    result = mapped(sor(measure=measure, duration_until=AT + timedelta(days=30)))
    assert result[field] == "2026-04-01"


@pytest.mark.parametrize(
    ("origin", "expected"),
    [
        (Source.OWN_INITIATIVE, "SOURCE_VOLUNTARY"),
        (Source.NOTICE, "SOURCE_ARTICLE_16"),
        (Source.TRUSTED_FLAGGER, "SOURCE_TRUSTED_FLAGGER"),
        (Source.AUTHORITY_ORDER, "SOURCE_TYPE_OTHER_NOTIFICATION"),
    ],
)
def test_every_source_maps_to_a_source_type(origin: Source, expected: str) -> None:
    result = mapped(sor(source=origin))
    assert result["source_type"] == expected
    assert ("source_identity" in result) is (origin is Source.AUTHORITY_ORDER)


@pytest.mark.parametrize(
    ("automation", "expected"),
    [
        (Automation.FULLY, "AUTOMATED_DECISION_FULLY"),
        (Automation.PARTIALLY, "AUTOMATED_DECISION_PARTIALLY"),
        (Automation.NOT_AUTOMATED, "AUTOMATED_DECISION_NOT_AUTOMATED"),
    ],
)
def test_every_automation_maps_to_an_automated_decision(automation: Automation, expected: str) -> None:
    assert mapped(sor(automated_decision=automation))["automated_decision"] == expected


@pytest.mark.parametrize("detected", [True, False])
def test_automated_detection_is_yes_or_no(detected: bool) -> None:
    assert mapped(sor(automated_detection=detected))["automated_detection"] == ("Yes" if detected else "No")


@pytest.mark.parametrize("category", list(Category))
def test_every_category_is_a_database_category(category: Category) -> None:
    assert mapped(sor(category=category))["category"] == f"STATEMENT_CATEGORY_{category.value}"


def test_the_schema_lists_exactly_netgovs_categories() -> None:
    assert set(schema()["properties"]["category"]["enum"]) == {c.dsa_name for c in Category}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, ["CONTENT_TYPE_TEXT"]),
        ({"media_kinds": ("image", "video")}, ["CONTENT_TYPE_IMAGE", "CONTENT_TYPE_TEXT", "CONTENT_TYPE_VIDEO"]),
        ({"has_text": False, "media_kinds": ("audio",)}, ["CONTENT_TYPE_AUDIO"]),
    ],
)
def test_content_types_follow_the_text_and_media(changes: dict[str, Any], expected: list[str]) -> None:
    result = mapped(**changes)
    assert result["content_type"] == expected
    assert "content_type_other" not in result


def test_content_the_platform_never_submitted_is_other_with_a_reason() -> None:
    result = mapped(content_known=False)
    assert (result["content_type"], result["content_type_other"]) == (["CONTENT_TYPE_OTHER"], UNKNOWN_CONTENT)


def test_an_unknown_media_kind_is_other_named() -> None:
    result = mapped(media_kinds=("sticker",))
    assert result["content_type"] == ["CONTENT_TYPE_OTHER", "CONTENT_TYPE_TEXT"]
    assert result["content_type_other"] == "sticker"


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (["de", "de.by.muc"], ("DE",)),
        (["eu"], EU_STATES),
        (["eea"], EEA_STATES),
        (["eu.fr.ara"], ("FR",)),
        (["no", "is.1"], ("IS", "NO")),
        (["gr"], ("GR",)),
        (["XX", "ex.north", "us.ca", "ch"], ()),
    ],
)
def test_jurisdictions_rooted_at_an_eea_state_give_its_code(codes: list[str], expected: tuple[str, ...]) -> None:
    assert eea_states(codes) == tuple(sorted(expected))


def test_without_an_eea_ground_the_contents_jurisdiction_gives_the_scope() -> None:
    result = mapped(sor(territorial_scope=("XX",), legal_grounds=(ground("XX"),)), jurisdiction="fr.ara.01")
    assert result["territorial_scope"] == ["FR"]


def test_a_statement_with_no_eea_territory_fails_its_territorial_scope() -> None:
    result = tdb_statement(source(sor(territorial_scope=("XX",), legal_grounds=(ground("XX"),))))
    with pytest.raises(ConflictError, match="territorial_scope"):
        validate("sor_abc", result)


@pytest.mark.parametrize(
    ("tag", "expected"), [("en-GB", "EN"), ("pt_BR", "PT"), ("de", "DE"), ("zz", None), (None, None)]
)
def test_content_language_is_the_primary_iso_639_1_subtag(tag: str | None, expected: str | None) -> None:
    assert content_language(tag, iso_639_1()) == expected


def test_the_schemas_languages_are_iso_639_1() -> None:
    assert set(schema()["properties"]["content_language"]["enum"]) == iso_639_1()


def test_long_texts_are_cut_to_the_databases_limits() -> None:
    result = mapped(sor(facts="x" * 6000, explanation="y " * 2000))
    assert len(result["decision_facts"]) == 5000
    assert len(result["illegal_content_explanation"]) <= 2000
    assert result["decision_facts"].endswith("…")


def test_the_legal_ground_names_regulation_version_authority_and_article() -> None:
    assert mapped()["illegal_content_legal_ground"] == (
        "Network Enforcement Act (NetzDG 2021, Federal Office of Justice), Art. 3: Handling of complaints"
    )


def test_nothing_outside_the_databases_fields_is_exported() -> None:
    result = mapped(sor(source=Source.AUTHORITY_ORDER, duration_until=AT + timedelta(days=1)))
    assert set(result) <= set(schema()["properties"])


REQUIRED = schema()["required"]


@pytest.mark.parametrize("field", REQUIRED)
def test_a_statement_missing_a_required_field_is_refused_naming_it(field: str) -> None:
    result = tdb_statement(source())
    del result[field]
    with pytest.raises(ConflictError, match=f"statement sor_abc .*: {field}: "):
        validate("sor_abc", result)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "STATEMENT_CATEGORY_GOSSIP"}, "category"),
        ({"puid": "p:1/sor_abc"}, "puid"),
        ({"content_date": "1999-12-31"}, "content_date"),
        ({"application_date": "2026-02-30"}, "application_date"),
        ({"territorial_scope": ["CH"]}, "territorial_scope"),
        ({"content_type": ["CONTENT_TYPE_OTHER"]}, "content_type_other"),
        ({"account_id": "u-1"}, "account_id"),
        ({"automated_detection": True}, "automated_detection"),
        ({"decision_visibility_other": "shadow ban"}, "decision_visibility_other"),
        ({"source_identity": "a reporter"}, "source_identity"),
        ({"incompatible_content_ground": "terms 4.2"}, "incompatible_content_ground"),
    ],
)
def test_a_statement_breaking_a_rule_is_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ConflictError, match=f": {field}: "):
        validate("sor_abc", tdb_statement(source()) | changes)


def test_a_statement_with_no_restriction_at_all_is_refused() -> None:
    result = tdb_statement(source())
    del result["decision_visibility"]
    with pytest.raises(ConflictError, match="decision_visibility"):
        validate("sor_abc", result)


def test_batches_hold_at_most_one_hundred_statements() -> None:
    sizes = [len(body["statements"]) for body in batches({"n": n} for n in range(250))]
    assert sizes == [100, 100, 50]


def test_a_batch_larger_than_the_endpoint_takes_is_refused() -> None:
    with pytest.raises(ValueError, match="1 to 100"):
        list(batches([], size=101))


def test_a_field_the_other_choices_exclude_is_refused_as_not_allowed() -> None:
    with pytest.raises(ConflictError, match="source_identity: not allowed with the statement's other fields"):
        validate("sor_abc", tdb_statement(source()) | {"source_identity": "a reporter"})
