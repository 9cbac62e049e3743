"""The content intake writes the statement of reasons (and strike) of every restrictive
engine decision in the same commit as the decision."""

from __future__ import annotations

import msgspec
from sqlalchemy import select

from netgov.core.content import Account, Content
from netgov.core.decision import StatementOfReasons, decision_from_json
from netgov.service.intake_batch import Item, Outcome
from netgov.store.tables import StatementRow, StrikeRow
from tests.service.support import CALM, EAST, SCAM, submit
from tests.service_world import World

CRYPTO_DOUBLING = "We are giving back: send any amount between 0.1 and 20 SOL and we will send back double."
FOLLOWERS = "Buy followers cheap! 20k real active followers, instant delivery."


def _post(world: World, content_id: str, text: str, *, account: str | None = "u-1") -> Outcome:
    content = Content(
        id=content_id, platform="chirp", text=text, account=Account(id=account) if account is not None else None
    )
    (outcome,) = submit(world, Item(content=content, jurisdiction=EAST, actor="platform:chirp"))
    return outcome


def _statement(world: World, decision_id: str) -> StatementRow | None:
    with world.runtime.uow() as uow:
        return uow.session.scalars(select(StatementRow).where(StatementRow.decision_id == decision_id)).one_or_none()


def _strikes(world: World, statement_id: str) -> list[StrikeRow]:
    with world.runtime.uow() as uow:
        return list(uow.session.scalars(select(StrikeRow).where(StrikeRow.statement_id == statement_id)))


def test_a_removal_gets_its_statement_naming_the_deciding_rule_account_and_place(shared_world: World) -> None:
    outcome = _post(shared_world, "sor-remove", CRYPTO_DOUBLING)
    row = _statement(shared_world, outcome.decision_id)
    assert row is not None
    assert (row.decided_by, row.account_id, row.jurisdiction) == ("rule:scam.crypto-doubling", "u-1", EAST)
    assert (row.measure, row.source, row.automated_decision, row.status) == (
        "remove",
        "own_initiative",
        "fully",
        "active",
    )
    stored = msgspec.json.decode(row.document, type=StatementOfReasons)
    assert stored == decision_from_json(outcome.document).statement


def test_a_removal_adds_a_strike_of_its_weight_to_the_account(shared_world: World) -> None:
    outcome = _post(shared_world, "sor-strike", CRYPTO_DOUBLING, account="u-strike")
    row = _statement(shared_world, outcome.decision_id)
    assert row is not None
    (strike,) = _strikes(shared_world, row.id)
    assert (strike.account_id, strike.weight, strike.platform_id) == ("u-strike", 2, "chirp")
    assert (strike.expires_at - strike.issued_at).days == shared_world.runtime.settings.strike_days


def test_a_restriction_of_visibility_adds_a_strike_of_one(shared_world: World) -> None:
    row = _statement(shared_world, _post(shared_world, "sor-restrict", FOLLOWERS).decision_id)
    assert row is not None
    assert row.measure == "restrict_visibility"
    assert [s.weight for s in _strikes(shared_world, row.id)] == [1]


def test_a_hold_gets_a_statement_but_no_strike_until_a_person_confirms_it(shared_world: World) -> None:
    row = _statement(shared_world, _post(shared_world, "sor-hold", SCAM).decision_id)
    assert row is not None
    assert (row.measure, row.automated_decision) == ("hold_for_review", "partially")
    assert _strikes(shared_world, row.id) == []


def test_content_without_an_account_gets_a_statement_and_no_strike(shared_world: World) -> None:
    row = _statement(shared_world, _post(shared_world, "sor-anon", CRYPTO_DOUBLING, account=None).decision_id)
    assert row is not None
    assert row.account_id is None
    assert _strikes(shared_world, row.id) == []


def test_an_allowed_post_gets_no_statement(shared_world: World) -> None:
    assert _statement(shared_world, _post(shared_world, "sor-calm", CALM).decision_id) is None


def test_a_retry_writes_no_second_statement(shared_world: World) -> None:
    first = _post(shared_world, "sor-retry", CRYPTO_DOUBLING)
    again = _post(shared_world, "sor-retry", CRYPTO_DOUBLING)
    assert (again.created, again.decision_id) == (False, first.decision_id)
    with shared_world.runtime.uow() as uow:
        rows = uow.session.scalars(select(StatementRow).where(StatementRow.content_id == "sor-retry")).all()
    assert len(rows) == 1


def test_the_decisions_audit_event_names_its_statement(shared_world: World) -> None:
    outcome = _post(shared_world, "sor-audit", CRYPTO_DOUBLING)
    row = _statement(shared_world, outcome.decision_id)
    assert row is not None
    with shared_world.runtime.uow() as uow:
        (event,) = [e for e in uow.audit.events() if e.object == f"decision:{outcome.decision_id}"]
    assert event.details["statement"] == row.id
