"""The bodies of the trusted-flaggers API: ``FlaggerCreate`` (an office awards the status),
``RevocationCreate``, and ``FlaggerPublic`` with its accuracy."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from netgov.api.schemas.content import Time
from netgov.api.schemas.storable import NO_NUL, storable
from netgov.core.taxonomy import Category
from netgov.governance.flaggers import FlaggerGrant, FlaggerStatus
from netgov.service.flaggers import FlaggerView

Key = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NO_NUL), AfterValidator(storable)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=NO_NUL), AfterValidator(storable)]
Contact = Annotated[str, StringConstraints(max_length=320, pattern=NO_NUL), AfterValidator(storable)]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NO_NUL), AfterValidator(storable)]


class FlaggerCreate(BaseModel):
    """Award the trusted-flagger status (DSA Art. 22) to an organisation, for its expertise and a term."""

    model_config = ConfigDict(extra="forbid")

    name: Name = Field(description="The organisation")
    expertise: list[Category] = Field(min_length=1, max_length=20, description="The categories the status covers")
    expires_at: Time = Field(description="When the term ends (at most five years ahead)")
    contact: Contact | None = Field(default=None, description="How the office reaches the flagger")
    office: Key | None = Field(default=None, description="The granting office; default: the office you sit in")

    def to_grant(self) -> FlaggerGrant:
        return FlaggerGrant(
            name=self.name, expertise=tuple(self.expertise), expires_at=self.expires_at, contact=self.contact
        )


class RevocationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason = Field(description="Why the status ends now; told to the flagger when it uses its key")


class AccuracyPublic(BaseModel):
    notices: int
    decided: int
    upheld: int = Field(description="Decided notices on which action was taken (or the content was found illegal)")
    share: float | None = Field(description="upheld / decided; null until a notice is decided")


class FlaggerPublic(BaseModel):
    id: str
    name: str
    office: str
    expertise: list[Category]
    status: FlaggerStatus
    granted_at: datetime
    granted_by: str
    expires_at: datetime
    revoked_at: datetime | None
    revocation_reason: str | None
    contact: str | None = Field(description="Shown to those who may manage the flagger")
    accuracy: AccuracyPublic

    @classmethod
    def of(cls, view: FlaggerView) -> FlaggerPublic:
        row, accuracy = view.row, view.accuracy
        return cls(
            id=row.id,
            name=row.name,
            office=row.office_id,
            expertise=list(view.expertise),
            status=view.status,
            granted_at=row.granted_at,
            granted_by=row.granted_by,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
            revocation_reason=row.revocation_reason,
            contact=view.contact,
            accuracy=AccuracyPublic(
                notices=accuracy.notices, decided=accuracy.decided, upheld=accuracy.upheld, share=accuracy.share
            ),
        )


class FlaggerGranted(BaseModel):
    flagger: FlaggerPublic
    key: str = Field(description="The submission key, shown once: send it as `Authorization: Bearer` with notices")


class FlaggerList(BaseModel):
    flaggers: list[FlaggerPublic]
