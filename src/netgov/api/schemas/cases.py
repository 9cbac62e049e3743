"""Request and response bodies of the case API: ``XCreate`` / ``XUpdate`` in, ``XPublic`` out.

Responses mirror the service's msgspec views (``netgov.service.case_views``) field for field,
so the API, the console and the CLI show the same case. Unknown request fields are refused.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from netgov.api.schemas.storable import NO_NUL, NOT_BLANK, storable
from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.governance.deadlines import DeadlineStatus
from netgov.governance.referrals import SUGGESTED_AGENCIES, ReferralStatus

Ref = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NOT_BLANK), AfterValidator(storable)]
Article = Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=NOT_BLANK), AfterValidator(storable)]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NOT_BLANK), AfterValidator(storable)]
Summary = Annotated[str, StringConstraints(max_length=4000, pattern=NO_NUL), AfterValidator(storable)]
OfficeId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
Username = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.@-]{1,100}$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CaseCreate(_Body):
    """A case opened by hand (a report, an inspection, an order...); routed like any other."""

    source: CaseSource
    source_ref: Ref = Field(description="What started the case within its source: a notice id, an order id...")
    jurisdiction: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*$", max_length=200)]
    category: Category
    severity: Severity
    regulation: Ref
    article: Article
    platform_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")] | None = None
    content_id: Ref | None = None
    decision_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")] | None = None
    rule_id: Ref | None = None
    summary: Summary = ""
    trusted_flagger: bool = False


class TransitionCreate(_Body):
    to: CaseState
    reason: Reason
    outcome: CaseOutcome | None = Field(
        default=None, description="Needed when deciding, and when closing before a decision"
    )


class AssignmentCreate(_Body):
    staff: Username | None = Field(default=None, description="A username in the case's office; none: by workload")
    reason: Reason


class ReasonCreate(_Body):
    reason: Reason


class OfficeMove(_Body):
    office: OfficeId
    reason: Reason


class ReferralCreate(_Body):
    agency: Article = Field(description=f"Free text; the usual ones: {', '.join(SUGGESTED_AGENCIES)}")
    reason: Reason


class ReferralUpdate(_Body):
    status: ReferralStatus
    reference: Ref | None = Field(default=None, description="The agency's own reference, once it gives one")
    reason: Reason


class DeadlinePolicyUpdate(_Body):
    working_hours: float = Field(gt=0, le=10_000, allow_inf_nan=False)
    warn_hours: float = Field(ge=0, le=10_000, allow_inf_nan=False)
    reason: Reason


class CaseSummaryPublic(BaseModel):
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
    assignee: str | None
    assignee_name: str | None
    opened_at: datetime
    deadline_at: datetime | None
    deadline_status: DeadlineStatus | None = Field(description="None once the deadline stops: decided or closed")
    escalations: int
    platform_id: str | None
    content_id: str | None


class CaseEventPublic(BaseModel):
    at: datetime
    kind: str
    actor: str
    reason: str
    from_state: str | None
    to_state: str | None
    from_office: str | None
    to_office: str | None
    staff: str | None
    details: dict[str, Any]


class ReferralPublic(BaseModel):
    id: str
    agency: str
    status: ReferralStatus
    reference: str | None
    reason: str
    created_by: str
    created_at: datetime
    updated_at: datetime
    allowed_next: list[ReferralStatus]


class NextStepPublic(BaseModel):
    to: CaseState
    outcomes: list[str]


class CaseOrderPublic(BaseModel):
    id: str
    status: str


class CaseDetailPublic(CaseSummaryPublic):
    regulation: str
    article: str
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
    next_steps: list[NextStepPublic]
    timeline: list[CaseEventPublic]
    referrals: list[ReferralPublic]
    orders: list[CaseOrderPublic]


class CasePagePublic(BaseModel):
    cases: list[CaseSummaryPublic]
    total: int
    next_offset: int | None
    next: str | None = Field(description="The URL of the next page; null on the last")


class DeadlinePolicyPublic(BaseModel):
    category: str
    source: str
    working_hours: float
    warn_hours: float
    origin: Literal["built-in", "configured"]


def public(model: type[BaseModel], view: msgspec.Struct) -> Any:
    """The response model of a service view (through builtins, so enums and times keep their JSON form)."""
    return model.model_validate(msgspec.to_builtins(view))
