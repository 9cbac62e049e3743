"""The body of the strikes API: an account's strikes and the live total rules see."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from netgov.service.strikes import StrikeRecord


class StrikePublic(BaseModel):
    statement_id: str | None
    weight: int
    issued_at: datetime
    expires_at: datetime
    lifted_at: datetime | None = Field(description="When an overturn or a dispute lifted it")
    lift_reason: str | None
    live: bool = Field(description="Counts now: not expired, not lifted")


class StrikeRecordPublic(BaseModel):
    platform: str
    account_id: str
    live_total: int = Field(description="The weight of the live strikes: `account.prior_strikes` at least this")
    strikes: list[StrikePublic] = Field(description="Newest first")

    @classmethod
    def of(cls, record: StrikeRecord) -> StrikeRecordPublic:
        strikes = [StrikePublic(**{name: getattr(s, name) for name in s.__struct_fields__}) for s in record.strikes]
        return cls(
            platform=record.platform, account_id=record.account_id, live_total=record.live_total, strikes=strikes
        )
