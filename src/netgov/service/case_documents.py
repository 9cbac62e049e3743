"""The shapes staff read cases in: a queue filter, a case's summary, and its whole page.

msgspec structs, so the API, the console and the CLI encode the same fields;
``netgov.service.case_views`` builds them and re-exports them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from netgov.core.taxonomy import Category
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.governance.deadlines import DeadlineStatus
from netgov.governance.referrals import ReferralStatus


class CaseFilter(msgspec.Struct, frozen=True, kw_only=True):
    """``assignee``: ``me``, a username, or ``none`` (the unassigned cases)."""

    office: str | None = None
    states: tuple[CaseState, ...] = ()
    assignee: str | None = None
    category: Category | None = None
    source: CaseSource | None = None
    overdue: bool = False


class CaseSummary(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    state: CaseState
    source: CaseSource
    category: str
    severity: str
    priority: int
    trusted_flagger: bool
    office_id: str
    office_name: str
    jurisdiction: str
    assignee: str | None  # username
    assignee_name: str | None
    opened_at: datetime
    deadline_at: datetime | None
    # None once the deadline stops running (decided and after, or closed).
    deadline_status: DeadlineStatus | None
    escalations: int
    platform_id: str | None
    content_id: str | None


class CaseEvent(msgspec.Struct, frozen=True, kw_only=True):
    at: datetime
    kind: str
    actor: str
    reason: str
    from_state: str | None
    to_state: str | None
    from_office: str | None
    to_office: str | None
    staff: str | None  # username
    details: dict[str, Any]


class CaseReferral(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    agency: str
    status: ReferralStatus
    reference: str | None
    reason: str
    created_by: str
    created_at: datetime
    updated_at: datetime
    allowed_next: list[ReferralStatus]


class CaseOrder(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    status: str


class NextStep(msgspec.Struct, frozen=True, kw_only=True):
    """A step the case may take now, and the outcomes it needs one of (none: no outcome)."""

    to: CaseState
    outcomes: list[str]


class CaseDetail(CaseSummary, frozen=True, kw_only=True):
    regulation: str
    article: str
    # From the rulebook in force, when the regulation and article are in it.
    article_title: str | None
    article_text: str | None
    rule_id: str | None
    decision_id: str | None
    source_ref: str
    summary: str
    outcome: str | None
    updated_at: datetime
    warned_at: datetime | None
    closed_at: datetime | None
    next_steps: list[NextStep]
    timeline: list[CaseEvent]
    referrals: list[CaseReferral]
    orders: list[CaseOrder]


class CasePage(msgspec.Struct, frozen=True, kw_only=True):
    cases: list[CaseSummary]
    total: int
    next_offset: int | None  # pass as ``offset`` for the next page; None on the last
