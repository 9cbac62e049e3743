"""What a platform submits: ``ContentSubmission`` (one post) and ``BatchSubmission``.

Unknown fields are refused (``extra="forbid"``) so a misspelt field fails loudly instead
of being silently ignored. Every string is checked for what the stores cannot keep (NUL,
lone surrogates) and every time made aware UTC, so bad input is a 422, never a 500.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from netgov.api.schemas.storable import storable
from netgov.core.content import Account, Content, MediaRef


def as_utc(value: datetime) -> datetime:
    """Aware UTC; a time without an offset is taken as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("is out of range once converted to UTC") from None


def _lower(value: str) -> str:
    return value.lower()


Id = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(storable)]
PostText = Annotated[str, StringConstraints(max_length=100_000), AfterValidator(storable)]
Language = Annotated[str, StringConstraints(min_length=1, max_length=20), AfterValidator(storable)]
Url = Annotated[str, StringConstraints(min_length=1, max_length=2048), AfterValidator(storable)]
Time = Annotated[datetime, AfterValidator(as_utc)]
Count = Annotated[int, Field(ge=0, le=1_000_000_000)]
MetadataKey = Annotated[str, StringConstraints(min_length=1, max_length=100), AfterValidator(storable)]
MetadataScalar = (
    Annotated[str, StringConstraints(max_length=1000), AfterValidator(storable)]
    | Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
    | Annotated[float, Field(allow_inf_nan=False)]
    | bool
    | None
)
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{64}$"), AfterValidator(_lower)]
Md5 = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{32}$"), AfterValidator(_lower)]


class SubmittedAccount(BaseModel):
    """The posting account, as far as rules may ask about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    created_at: Time | None = None
    verified: bool = False
    prior_strikes: Count = 0
    posts_last_minute: Count | None = None
    posts_last_hour: Count | None = None

    def to_account(self) -> Account:
        return Account(
            id=self.id,
            created_at=self.created_at,
            verified=self.verified,
            prior_strikes=self.prior_strikes,
            posts_last_minute=self.posts_last_minute,
            posts_last_hour=self.posts_last_hour,
        )


class SubmittedMedia(BaseModel):
    """An image or video, by its hashes; netgov never fetches the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["image", "video"] = "image"
    uri: Url | None = None
    sha256: Sha256 | None = Field(default=None, description="SHA-256 of the file: 64 hexadecimal digits")
    md5: Md5 | None = Field(default=None, description="MD5 of the file: 32 hexadecimal digits")
    pdq: Sha256 | None = Field(default=None, description="PDQ perceptual hash: 64 hexadecimal digits (256 bits)")

    def to_media(self) -> MediaRef:
        return MediaRef(kind=self.kind, uri=self.uri, sha256=self.sha256, md5=self.md5, pdq=self.pdq)


EXAMPLE: dict[str, Any] = {
    "id": "post-1001",
    "text": "Send a release fee of $250 to claim your prize, reply with your bank login.",
    "account": {"id": "u-42", "created_at": "2026-05-30T08:00:00Z", "verified": False, "prior_strikes": 0},
    "urls": ["https://example.com/claim"],
    "language": "en",
    "created_at": "2026-06-01T09:00:00Z",
    "metadata": {"surface": "reply"},
}


class ContentSubmission(BaseModel):
    """One post to decide. Only ``id`` is required; the platform is the API key's."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"examples": [EXAMPLE]})

    id: Id = Field(description="The platform's id for the post; a retry with the same id returns the same decision")
    text: PostText = ""
    account: SubmittedAccount | None = None
    urls: Annotated[list[Url], Field(max_length=100)] = []
    media: Annotated[list[SubmittedMedia], Field(max_length=20)] = []
    language: Language | None = None
    jurisdiction: Id | None = Field(
        default=None, description="A jurisdiction code known to this installation; default: the platform's seat"
    )
    created_at: Time | None = None
    metadata: Annotated[dict[MetadataKey, MetadataScalar], Field(max_length=50)] = {}

    def to_content(self, platform: str) -> Content:
        return Content(
            id=self.id,
            platform=platform,
            account=None if self.account is None else self.account.to_account(),
            text=self.text,
            urls=tuple(self.urls),
            media=tuple(media.to_media() for media in self.media),
            language=self.language,
            jurisdiction=self.jurisdiction,
            created_at=self.created_at,
            metadata=self.metadata,
        )


class BatchSubmission(BaseModel):
    """Several posts decided in one request (and one commit); at most ``max_batch_items``."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"examples": [{"items": [EXAMPLE]}]})

    items: Annotated[list[ContentSubmission], Field(min_length=1)]
