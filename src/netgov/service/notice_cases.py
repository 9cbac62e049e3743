"""A notice to a regulator becomes casework: one case per reported content, however many report it.

Each item opens the case for its content, or joins the one already open: the case's source
is ``report`` and its ``source_ref`` a hash of the platform and the item's target, so the
unique key on (source, source_ref) merges every report on the same content into one case,
even when two arrive at once. A report on content whose case was already decided is
answered at once with that decision (item outcome ``existing_decision``); the case is not
reopened. Each report is a line on the case's timeline, with the count so far.

The case goes to the office covering the notice's jurisdiction (the platform's seat when the
reporter named none). Its category is the notice's; its legal basis and severity come from
the rulebook: the most severe enforced rule of that category, else the first article of a
regulation in force (the scope article of the bundled one), which the officer replaces with
the article the decision rests on.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime

import msgspec
from sqlalchemy import select

from netgov.core.actions import Mode, Severity
from netgov.core.rulebook.model import Rulebook
from netgov.core.taxonomy import Category
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.governance.notices import ItemOutcome
from netgov.governance.routing import priority
from netgov.identity.principal import Principal
from netgov.service.case_opening import NewCase, open_case_once
from netgov.service.case_routing import CaseNetwork
from netgov.service.case_timeline import note
from netgov.service.permissions import SYSTEM
from netgov.store.tables import CaseRow, NoticeItemRow, NoticeRow, StatementRow
from netgov.store.unit_of_work import UnitOfWork

# States in which a case's outcome stands: a case back under review will decide again.
SETTLED_STATES = (CaseState.DECIDED, CaseState.SERVED, CaseState.EXECUTED, CaseState.CLOSED)
_SUMMARY_EXPLANATION = 600


class Basis(msgspec.Struct, frozen=True, kw_only=True):
    regulation: str
    article: str
    severity: Severity


class Casework(msgspec.Struct, frozen=True, kw_only=True):
    """What the notice's reporter is, for the case: trusted (in its expertise) raises priority."""

    reporter: Principal
    trusted: bool


def notice_basis(rulebook: Rulebook, category: Category, *, at: datetime) -> Basis:
    """The legal basis and severity a case opened from a notice of ``category`` starts with."""
    rules = [rule for rule in rulebook.rules if rule.category is category and rule.mode is Mode.ENFORCE]
    if rules:
        severity = max((rule.severity for rule in rules), key=lambda level: level.rank)
        cited = Counter((r.basis.regulation, r.basis.article) for r in rules if r.severity is severity)
        (regulation, article), _ = min(cited.items(), key=lambda pair: (-pair[1], pair[0]))
        return Basis(regulation=regulation, article=article, severity=severity)
    for version in sorted(rulebook.regulations, key=lambda regulation: regulation.id):
        for clause in version.articles:
            if version.in_force(clause, at):
                return Basis(regulation=version.id, article=clause.number, severity=Severity.MEDIUM)
    return Basis(regulation="DSA", article="16", severity=Severity.MEDIUM)


def target_ref(platform_id: str, target: str) -> str:
    """The case's source_ref for reports on ``target``: a hash, as targets run to 2,000 characters."""
    digest = hashlib.sha256(f"{platform_id}\n{target}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"content:{digest}"


def open_item_cases(
    uow: UnitOfWork,
    *,
    notice: NoticeRow,
    items: list[NoticeItemRow],
    work: Casework,
    rulebook: Rulebook,
    at: datetime,
) -> None:
    """Open, join or answer at once a case for every item of a notice to a regulator."""
    assert notice.platform_id is not None, "checked when filed"
    assert notice.jurisdiction is not None, "checked when filed"
    network = CaseNetwork.load(uow)
    basis = notice_basis(rulebook, Category(notice.category), at=at)
    for item in items:
        ref = target_ref(notice.platform_id, item.target)
        decided = _settled_case(uow, notice.platform_id, item, ref)
        if decided is not None:
            answer_with_decision(uow, item, decided, at=at)
            continue
        new = _new_case(notice, item, ref, basis, trusted=work.trusted)
        opened = open_case_once(uow, actor=SYSTEM, new=new, at=at, network=network)
        item.case_id = opened.case.id
        uow.session.flush()
        _note_report(uow, opened.case, notice, item, work=work, at=at)


def answer_with_decision(uow: UnitOfWork, item: NoticeItemRow, case: CaseRow, *, at: datetime) -> None:
    item.case_id = case.id
    item.outcome = ItemOutcome.EXISTING_DECISION.value
    item.outcome_reason = f"This content was already decided ({_label(case.outcome)}): {_decision_reason(uow, case)}"
    item.statement_id = statement_of(uow, case.id)
    item.decided_at = at


def statement_of(uow: UnitOfWork, case_id: str) -> str | None:
    """The latest statement of reasons issued for the case's decision, if any."""
    query = (
        select(StatementRow.id)
        .where(StatementRow.case_id == case_id)
        .order_by(StatementRow.issued_at.desc(), StatementRow.id)
    )
    return uow.session.scalars(query.limit(1)).first()


def _settled_case(uow: UnitOfWork, platform_id: str, item: NoticeItemRow, ref: str) -> CaseRow | None:
    states = [state.value for state in SETTLED_STATES]
    case = uow.cases.by_source(CaseSource.REPORT.value, ref)
    if case is not None:
        return case if case.outcome is not None and case.state in states else None
    if item.content_id is None:
        return None
    return uow.notices.decided_case(platform_id, item.content_id, states=states)


def _new_case(notice: NoticeRow, item: NoticeItemRow, ref: str, basis: Basis, *, trusted: bool) -> NewCase:
    assert notice.platform_id is not None
    assert notice.jurisdiction is not None
    where = item.content_id or item.url or item.target
    explanation = notice.explanation.strip()
    if len(explanation) > _SUMMARY_EXPLANATION:
        explanation = explanation[:_SUMMARY_EXPLANATION] + "…"
    return NewCase(
        source=CaseSource.REPORT,
        source_ref=ref,
        jurisdiction=notice.jurisdiction,
        category=Category(notice.category),
        severity=basis.severity,
        regulation=basis.regulation,
        article=basis.article,
        platform_id=notice.platform_id,
        content_id=item.content_id,
        summary=f"reported on {notice.platform_id}: {where}. {explanation}",
        trusted_flagger=trusted,
    )


def _note_report(
    uow: UnitOfWork, case: CaseRow, notice: NoticeRow, item: NoticeItemRow, *, work: Casework, at: datetime
) -> None:
    reports = uow.notices.reports_on_case([case.id]).get(case.id, 1)
    who = "a trusted flagger" if work.trusted else "a notice"
    why = f"{who} reports this content: notice {notice.id}, item {item.seq} ({reports} report(s) on this case)"
    note(uow, case, kind="reported", action="case.report", actor=work.reporter, reason=why, at=at)
    if work.trusted and not case.trusted_flagger:
        case.trusted_flagger = True
        case.priority = priority(Severity(case.severity), case.source, True)
        why = f"a trusted flagger's notice ({notice.id}) in its area of expertise raises the case's priority"
        note(uow, case, kind="prioritised", action="case.prioritise", actor=work.reporter, reason=why, at=at)


def _decision_reason(uow: UnitOfWork, case: CaseRow) -> str:
    """The reason given with the step that recorded the case's outcome."""
    for event in reversed(list(uow.cases.events(case.id))):
        settling = event.to_state in (CaseState.DECIDED.value, CaseState.CLOSED.value)
        if event.kind == "transition" and settling and '"outcome"' in (event.details or ""):
            return event.reason
    return "see the decision of case " + case.id


def _label(outcome: str | None) -> str:
    return (outcome or "decided").replace("_", " ")
