"""The bodies of the appeals API: ``AppealCreate`` (a platform appeals for its account),
``AppealPublic`` (what it reads back) and ``AppealStats`` (overturn rates per decider)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from netgov.api.schemas.storable import NO_NUL, NOT_BLANK, storable
from netgov.governance.appeals import DeciderRate
from netgov.service.appeal_views import AppealView
from netgov.service.appeals import MAX_REASON

StatementId = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=NO_NUL), AfterValidator(storable)]
Reason = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_REASON, pattern=NOT_BLANK), AfterValidator(storable)
]


class AppealCreate(BaseModel):
    """An appeal the platform files for its account against a statement of reasons."""

    model_config = ConfigDict(extra="forbid")

    statement_id: StatementId = Field(description="The statement of reasons appealed, e.g. `sor_3f…`")
    reason: Reason = Field(description="Why the decision is wrong, as the account puts it")


class AppealPublic(BaseModel):
    id: str
    appellant: str = Field(description="`affected_account` or `notifier`")
    status: str = Field(description="`filed`, `upheld`, `overturned` or `closed` (closed before a decision)")
    platform_id: str
    content_id: str
    statement_id: str | None
    notice_id: str | None
    notice_seq: int | None
    case_id: str | None = Field(description="The case a human who did not take the decision works")
    reason: str
    outcome_reason: str | None = Field(description="The reviewer's reasons, once decided")
    filed_at: datetime
    decided_at: datetime | None

    @classmethod
    def of(cls, view: AppealView) -> AppealPublic:
        return cls(**{name: getattr(view, name) for name in view.__struct_fields__})


class DeciderRatePublic(BaseModel):
    decider: str = Field(description="`rule:<id>` or `staff:<username>`: who took the decisions appealed")
    appeals: int
    decided: int = Field(description="Appeals decided (upheld or overturned)")
    overturned: int
    share: float | None = Field(description="Overturned out of decided; null before any was decided")

    @classmethod
    def of(cls, rate: DeciderRate) -> DeciderRatePublic:
        return cls(
            decider=rate.decider,
            appeals=rate.appeals,
            decided=rate.decided,
            overturned=rate.overturned,
            share=rate.share,
        )


class AppealStats(BaseModel):
    deciders: list[DeciderRatePublic] = Field(description="Most overturned share first")
