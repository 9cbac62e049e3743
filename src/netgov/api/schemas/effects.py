"""The bodies of the effects API: what a platform must carry out, in order, and its acknowledgement."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from netgov.governance.effects import EffectKind
from netgov.store.tables import PlatformEffectRow


class EffectPublic(BaseModel):
    seq: int = Field(description="The effect's place in the platform's feed; read on with `after=seq`")
    id: str
    kind: EffectKind
    content_id: str | None
    account_id: str | None
    statement_id: str | None
    appeal_id: str | None
    case_id: str | None
    reason: str
    created_at: datetime
    acknowledged: bool
    acknowledged_at: datetime | None

    @classmethod
    def of(cls, row: PlatformEffectRow) -> EffectPublic:
        return cls(
            seq=row.seq,
            id=row.id,
            kind=EffectKind(row.kind),
            content_id=row.content_id,
            account_id=row.account_id,
            statement_id=row.statement_id,
            appeal_id=row.appeal_id,
            case_id=row.case_id,
            reason=row.reason,
            created_at=row.created_at,
            acknowledged=row.acknowledged_at is not None,
            acknowledged_at=row.acknowledged_at,
        )


class EffectList(BaseModel):
    platform: str
    effects: list[EffectPublic]
    next_after: int = Field(description="Pass as `after` to read on; the same value when nothing is new")
