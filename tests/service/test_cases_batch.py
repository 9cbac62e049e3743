"""Opening cases in a batch gives exactly what opening them one at a time gives: the same
offices, assignees, deadlines and priorities, the same timelines, and the same audit events
in the same order, on a chain that verifies. An item that has a case already (opened by
another transaction, or named twice in the batch) returns that case."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from netgov.audit.chain import AuditEvent, verify_chain
from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.governance.cases import CaseSource
from netgov.service.case_batch import CaseBatch
from netgov.service.case_opening import NewCase, OpenedRef, open_cases
from netgov.service.cases import open_case
from netgov.service.permissions import SYSTEM
from netgov.service.sweep import run_sweep
from netgov.store.tables import CaseRow
from netgov.store.unit_of_work import UnitOfWork
from tests.databases import database_url
from tests.service import cases_country
from tests.service.cases_country import EAST, WEST, Country, make_country
from tests.service.support import SCAM, item, submit
from tests.service_world import World, open_world

country = cases_country.country

# (place, category, severity, source, trusted flagger): every office of the country, the
# short deadlines, an office where nobody is eligible (the south), every source.
_MIX = [
    (EAST, Category.SCAMS_AND_FRAUD, Severity.MEDIUM, CaseSource.REPORT, False),
    (WEST, Category.SCAMS_AND_FRAUD, Severity.HIGH, CaseSource.HOLD, False),
    (".south", Category.VIOLENCE, Severity.LOW, CaseSource.HOLD, False),
    ("", Category.PROTECTION_OF_MINORS, Severity.CRITICAL, CaseSource.ORDER, True),
    (EAST, Category.SELF_HARM, Severity.HIGH, CaseSource.APPEAL, False),
    (".north", Category.SCAMS_AND_FRAUD, Severity.MEDIUM, CaseSource.INSPECTION, False),
]
ITEMS = 24


def _new_cases(country: Country) -> list[NewCase]:
    cases = []
    for n in range(ITEMS):
        place, category, severity, source, trusted = _MIX[n % len(_MIX)]
        cases.append(
            NewCase(
                source=source,
                source_ref=f"{country.code}-item-{n}",
                jurisdiction=country.place(place),
                category=category,
                severity=severity,
                regulation="dsa",
                article="16",
                summary=f"item {n}",
                trusted_flagger=trusted,
            )
        )
    return cases


def _staffed(country: Country) -> Country:
    """The country with a second east member of capacity 1, whom workload routing picks
    first (the officer has a case already, so no tie is broken by the random staff ids)."""
    country.open(EAST)
    country.seat("reviewer_east", "east", EAST, capacity=1)
    return country


def _fields(new: NewCase) -> dict[str, Any]:
    return {name: getattr(new, name) for name in new.__struct_fields__ if name != "jurisdiction"}


def _one_at_a_time(country: Country) -> None:
    for new in _new_cases(country):
        with country.world.runtime.uow(write=True) as uow:
            open_case(uow, actor=SYSTEM, jurisdiction=new.jurisdiction, at=country.at, **_fields(new))
            uow.commit()


def _as_a_batch(country: Country, cases: list[NewCase]) -> list[OpenedRef]:
    with country.world.runtime.uow(write=True) as uow:
        opened = open_cases(CaseBatch.load(uow), actor=SYSTEM, cases=cases, at=country.at)
        uow.commit()
    return opened


class Names:
    """Writes ids as what they name (a case as its reference, staff by username), so two
    runs that opened the same cases under other ids read alike."""

    def __init__(self, uow: UnitOfWork, names: dict[str, str], *, country: str = "") -> None:
        self._names = names | {member.id: member.username for member, _ in uow.identity.seated_staff()}
        self._country = country

    def __call__(self, value: object) -> object:
        if not isinstance(value, str):
            return value
        for raw, name in self._names.items():
            value = value.replace(raw, name)
        return value.replace(self._country, "C") if self._country else value

    def events(self, events: Iterable[AuditEvent]) -> list[tuple[Any, ...]]:
        return [
            (e.action, e.actor, self(e.object), self(e.reason), e.at, {k: self(v) for k, v in e.details.items()})
            for e in events
        ]


def _story(country: Country) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The country's cases with their timelines, and the audit events about them in chain order."""
    with country.world.runtime.uow() as uow:
        rows = uow.session.scalars(select(CaseRow).where(CaseRow.source_ref.startswith(f"{country.code}-item-")))
        cases = sorted(rows, key=lambda row: int(row.source_ref.rsplit("-", 1)[1]))
        plain = Names(uow, {case.id: case.source_ref for case in cases}, country=country.code)
        told = [(*_row(case, plain), _timeline(uow, case.id, plain)) for case in cases]
        objects = {f"case:{case.id}" for case in cases}
        audited = plain.events(e for e in uow.audit.events() if e.object in objects)
        assert verify_chain(uow.audit.events()).ok
    return told, audited


def _row(case: CaseRow, plain: Names) -> tuple[Any, ...]:
    return (
        plain(case.source_ref),
        plain(case.jurisdiction_code),
        plain(case.office_id),
        plain(case.assignee_id),
        (case.source, case.category, case.severity, case.priority, case.trusted_flagger, case.summary),
        (case.state, case.opened_at, case.updated_at, case.deadline_at, case.escalations),
    )


def _timeline(uow: UnitOfWork, case_id: str, plain: Names) -> list[tuple[Any, ...]]:
    return [
        (e.kind, e.actor, plain(e.reason), plain(e.to_office), plain(e.staff_id), e.at, e.details)
        for e in uow.cases.events(case_id)
    ]


def test_a_batch_opens_what_one_case_at_a_time_opens(shared_world: World) -> None:
    single, batch = _staffed(make_country(shared_world)), _staffed(make_country(shared_world))
    _one_at_a_time(single)
    opened = _as_a_batch(batch, _new_cases(batch))
    assert all(ref.created for ref in opened)
    cases, audited = _story(batch)
    one_by_one, audited_one_by_one = _story(single)
    for mine, theirs in zip(cases, one_by_one, strict=True):
        assert mine == theirs
    assert audited == audited_one_by_one
    # What the comparison covered: workload between two members, one of them filled to
    # capacity; an office where nobody is eligible; two audit events a case.
    east = [case[3] for case in cases if case[2] == "C-office-east"]
    assert east[0] == "C_reviewer_east"
    assert set(east[1:]) == {"C_officer_east"}
    assert any(case[3] is None for case in cases)
    assert [event[0] for event in audited[:2]] == ["case.open", "case.assign"]
    assert len(audited) == 2 * ITEMS


def test_an_item_with_a_case_returns_it_and_the_rest_of_the_batch_opens(country: Country) -> None:
    existing = country.open(EAST, source_ref=f"{country.code}-item-0")
    first, second = _new_cases(country)[:2]
    opened = _as_a_batch(country, [first, second, second])
    assert opened[0] == OpenedRef(existing.id, False)
    assert opened[1].created
    assert opened[2] == OpenedRef(opened[1].case_id, False)
    assert len(country.timeline(existing.id)) == 2  # untouched
    assert [e.kind for e in country.timeline(opened[1].case_id)] == ["opened", "assigned"]
    assert country.audited(opened[1].case_id) == ["case.open", "case.assign"]
    with country.world.runtime.uow() as uow:
        assert verify_chain(uow.audit.events()).ok


@pytest.fixture
def twin(database: str, tmp_path: Path) -> Iterator[World]:
    """A second test world, on the backend of ``world``."""
    folder = tmp_path / "twin"
    folder.mkdir()
    for url in database_url("sqlite" if database.startswith("sqlite") else "postgresql", folder):
        yield from open_world(url, folder)


# Held posts across the world's offices: a county's own, one above a county without an office,
# the province, the country, and a seat where nobody may work cases (Marketly's, the south).
_HELD = [
    ("chirp", "ex.north.harbour.east"),
    ("chirp", "ex.north.harbour.west"),
    ("marketly", None),
    ("chirp", "ex.north"),
    ("chirp", "ex"),
    ("chirp", "ex.north.harbour.east"),
]


def test_the_sweep_opens_in_one_batch_what_it_opens_one_hold_at_a_time(world: World, twin: World) -> None:
    for each in (world, twin):
        for n, (platform, place) in enumerate(_HELD):
            each.clock.advance(seconds=1)  # the sweep takes holds oldest first: one order in both
            submit(each, item(f"held-{n}", SCAM, platform=platform, jurisdiction=place))
    heads = [_head(each) for each in (world, twin)]
    while _sweep(world, batch=1)["cases_opened"]:
        pass
    assert _sweep(twin, batch=500)["cases_opened"] == len(_HELD)
    assert _sweep(twin, batch=500)["cases_opened"] == 0
    one_by_one, batched = _swept(world, heads[0]), _swept(twin, heads[1])
    assert batched == one_by_one
    assert len(batched[1]) == 2 * len(_HELD)


def _head(world: World) -> int:
    with world.runtime.uow() as uow:
        return uow.audit.head().seq


def _sweep(world: World, *, batch: int) -> dict[str, int]:
    report = run_sweep(world.runtime.database, rulebook=world.runtime.rulebook, at=world.clock(), batch=batch)
    assert report.failed == ()
    return report.counts


def _swept(world: World, head: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The hold cases with their timelines, and the audit events written since ``head``."""
    with world.runtime.uow() as uow:
        cases = sorted(uow.session.scalars(select(CaseRow).where(CaseRow.source == "hold")), key=lambda c: c.source_ref)
        names = {case.id: f"case of {case.content_id}" for case in cases}
        plain = Names(uow, names | {case.source_ref: f"decision of {case.content_id}" for case in cases})
        told = [(*_row(case, plain), case.rule_id, case.article, _timeline(uow, case.id, plain)) for case in cases]
        audited = plain.events(uow.audit.events(start=head + 1))
        assert verify_chain(uow.audit.events()).ok
    return sorted(told, key=lambda case: str(case[0])), audited
