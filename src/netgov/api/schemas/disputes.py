"""The bodies of the disputes API (DSA Art. 21): recording a dispute and its outcome."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from netgov.api.schemas.content import Time
from netgov.api.schemas.storable import NO_NUL, NOT_BLANK, storable
from netgov.governance.disputes import DisputeOutcome
from netgov.service.disputes import DisputeRequest, DisputeView

Key = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=NO_NUL), AfterValidator(storable)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=NOT_BLANK), AfterValidator(storable)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000, pattern=NOT_BLANK), AfterValidator(storable)]


class DisputeCreate(BaseModel):
    """A dispute referred to a certified out-of-court settlement body."""

    model_config = ConfigDict(extra="forbid")

    platform: Annotated[
        str, StringConstraints(min_length=1, max_length=64, pattern=NO_NUL), AfterValidator(storable)
    ] = Field(description="The platform whose decision is disputed")
    body: Name = Field(description="The settlement body")
    body_reference: (
        Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NO_NUL), AfterValidator(storable)] | None
    ) = Field(default=None, description="The body's own reference for the dispute")
    complex: bool = Field(default=False, description="A complex dispute is due in 180 days instead of 90")
    appeal_id: Key | None = Field(default=None, description="The appeal the dispute follows, if any")
    statement_id: Key | None = Field(default=None, description="The statement disputed (default: the appeal's)")
    filed_at: Time | None = Field(default=None, description="When it was filed with the body; default: now")

    def to_request(self) -> DisputeRequest:
        return DisputeRequest(
            platform_id=self.platform,
            body=self.body,
            body_reference=self.body_reference,
            complex=self.complex,
            appeal_id=self.appeal_id,
            statement_id=self.statement_id,
            filed_at=self.filed_at,
        )


class DisputeOutcomeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: DisputeOutcome = Field(description="`in_favour_of_recipient` reverts the decision disputed")
    details: Text = Field(description="What the body decided and why")


class DisputePublic(BaseModel):
    id: str
    platform: str
    body: str
    body_reference: str | None
    complex: bool
    appeal_id: str | None
    statement_id: str | None
    filed_at: datetime
    deadline_at: datetime = Field(description="90 days after filing, 180 when complex (Art. 21(4))")
    overdue: bool = Field(description="Open past its deadline, as of now")
    outcome: DisputeOutcome | None
    outcome_details: str | None
    closed_at: datetime | None

    @classmethod
    def of(cls, view: DisputeView) -> DisputePublic:
        return cls(
            id=view.id,
            platform=view.platform_id,
            body=view.body,
            body_reference=view.body_reference,
            complex=view.complex,
            appeal_id=view.appeal_id,
            statement_id=view.statement_id,
            filed_at=view.filed_at,
            deadline_at=view.deadline_at,
            overdue=view.overdue,
            outcome=None if view.outcome is None else DisputeOutcome(view.outcome),
            outcome_details=view.outcome_details,
            closed_at=view.closed_at,
        )


class DisputeList(BaseModel):
    disputes: list[DisputePublic]
    limit: int
    offset: int
