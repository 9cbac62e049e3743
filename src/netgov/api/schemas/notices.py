"""The bodies of the notices API: ``NoticeCreate`` (anyone files), ``NoticeReceipt`` and
``NoticeStatusPublic`` (what the reporter sees), ``NoticePublic`` / ``NoticeList`` (staff and
platforms), ``AnswerCreate`` and ``ForwardCreate`` (the steps after filing).

Strings are checked for what the stores cannot keep (NUL, lone surrogates), so bad input is
a 422 naming the field. The rules a notice must follow (an explanation, a location per item,
the good-faith statement, at most ``notice_max_items`` items) are the service's: its 422
names each field that breaks one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from netgov.api.schemas.content import Time
from netgov.api.schemas.storable import NO_NUL, storable
from netgov.core.actions import Action
from netgov.core.taxonomy import Category
from netgov.governance.notices import Addressee, NoticeDraft, NoticeItem, NoticeStatus
from netgov.service.notice_answers import NoticeAnswer
from netgov.service.notice_filing import Receipt
from netgov.service.notice_views import NoticeView, PublicStatus

Key = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=NO_NUL), AfterValidator(storable)]
Line = Annotated[str, StringConstraints(max_length=320, pattern=NO_NUL), AfterValidator(storable)]
Text = Annotated[str, StringConstraints(max_length=20_000, pattern=NO_NUL), AfterValidator(storable)]
Link = Annotated[str, StringConstraints(max_length=2000, pattern=NO_NUL), AfterValidator(storable)]
# The hard ceiling of the schema; the installation's own limit (``notice_max_items``) is lower.
MAX_ITEMS = 1000


class NoticeItemIn(BaseModel):
    """One exact location: the content's URL, its id on the platform, or both; and the
    account that posted it, if known (brigades against an account are detected too)."""

    model_config = ConfigDict(extra="forbid")

    url: Link | None = Field(default=None, description="The content's http(s) URL")
    content_id: Key | None = Field(default=None, description="The content's id on the platform")
    account_id: Key | None = Field(default=None, description="The account that posted it")


class NoticeCreate(BaseModel):
    """A notice of illegal content (DSA Art. 16)."""

    model_config = ConfigDict(extra="forbid")

    addressee: Addressee = Field(description="`platform`: the platform answers it; `regulator`: an office reviews it")
    platform: Key = Field(description="The platform the content is on, e.g. `chirp`")
    category: Category = Field(description="What kind of illegality (the DSA Transparency Database categories)")
    explanation: Text = Field(description="Why the content is illegal: at least 10 characters, at most 10,000")
    items: list[NoticeItemIn] = Field(max_length=MAX_ITEMS, description="The exact locations; at least one")
    good_faith: bool = Field(description="You believe, in good faith, that the notice is accurate and complete")
    jurisdiction: Key | None = Field(
        default=None, description="Where the content is illegal (a jurisdiction code); default: the platform's seat"
    )
    reporter_name: Line | None = Field(default=None, description="Your name (optional)")
    reporter_email: Line | None = Field(default=None, description="Your email, to be told the outcome (optional)")

    def to_draft(self) -> NoticeDraft:
        return NoticeDraft(
            addressee=self.addressee,
            platform=self.platform,
            category=self.category,
            explanation=self.explanation,
            good_faith=self.good_faith,
            items=tuple(NoticeItem(url=i.url, content_id=i.content_id, account_id=i.account_id) for i in self.items),
            jurisdiction=self.jurisdiction,
            reporter_name=self.reporter_name,
            reporter_email=self.reporter_email,
        )


class ItemReceiptPublic(BaseModel):
    seq: int = Field(description="The item's number, from 1, in the order given")
    status: str = Field(description="received, forwarded, in_review or decided")
    outcome: str | None = Field(description="action_taken, no_action or existing_decision, once decided")
    message: str = Field(description="What happened to the item, in words")


class NoticeReceipt(BaseModel):
    """The receipt: keep the query code, it is shown once and is the only way to follow the notice."""

    notice_id: str
    query_code: str = Field(description="Follow the notice with it at GET /v1/notices/status/{query_code}")
    status_url: str = Field(description="The portal page that shows the notice's status")
    status: NoticeStatus
    submitted_at: datetime
    trusted_flagger: bool = Field(description="Filed by a trusted flagger within its expertise (prioritised)")
    items: list[ItemReceiptPublic]

    @classmethod
    def of(cls, receipt: Receipt, *, status_url: str) -> NoticeReceipt:
        return cls(
            notice_id=receipt.notice_id,
            query_code=receipt.query_code,
            status_url=status_url,
            status=receipt.status,
            submitted_at=receipt.submitted_at,
            trusted_flagger=receipt.trusted_flagger,
            items=[
                ItemReceiptPublic(seq=i.seq, status=i.status, outcome=i.outcome, message=i.message)
                for i in receipt.items
            ],
        )


class ItemAppealPublic(BaseModel):
    id: str
    status: str = Field(description="filed, upheld or overturned")
    filed_at: datetime
    decided_at: datetime | None
    outcome_reason: str | None


class ItemStatusPublic(BaseModel):
    seq: int
    location: str = Field(description="The location as you gave it")
    status: str = Field(description="received, forwarded, in_review or decided")
    outcome: str | None
    reasons: str | None = Field(description="The reasons given with the outcome")
    decided_at: datetime | None
    statement_issued: bool = Field(description="A statement of reasons went to the affected account")
    appealable: bool = Field(description="A decision not to act, which you may appeal (once)")
    appeal: ItemAppealPublic | None = Field(default=None, description="Your appeal of this item's decision, if any")


class NoticeStatusPublic(BaseModel):
    """What the holder of the query code may see; nothing about other reporters."""

    status: NoticeStatus
    submitted_at: datetime
    platform: str | None
    category: str
    items: list[ItemStatusPublic]

    @classmethod
    def of(cls, status: PublicStatus) -> NoticeStatusPublic:
        return cls(
            status=status.status,
            submitted_at=status.submitted_at,
            platform=status.platform,
            category=status.category,
            items=[ItemStatusPublic.model_validate(item, from_attributes=True) for item in status.items],
        )


class NoticeItemPublic(BaseModel):
    seq: int
    url: str | None
    content_id: str | None
    account_id: str | None
    target: str = Field(description="What reports on the same content share: `id:…` or `url:…` (normalised)")
    case_id: str | None
    reports_on_case: int = Field(description="How many notice items the case merges (0 without a case)")
    brigade: bool = Field(description="Part of a possible brigade: a signal for review, it decides nothing")
    outcome: str | None
    outcome_reason: str | None
    statement_id: str | None
    decided_at: datetime | None


class ReporterPublic(BaseModel):
    name: str | None
    email: str | None


class NoticeSummaryPublic(BaseModel):
    """A notice as lists show it."""

    id: str
    addressee: Addressee
    platform: str | None
    jurisdiction: str | None
    category: str
    status: NoticeStatus
    submitted_at: datetime
    forwarded_at: datetime | None
    decided_at: datetime | None
    flagger_id: str | None
    flagger: str | None = Field(description="The trusted flagger that filed it, by name")
    item_count: int
    brigade: bool = Field(description="At least one item is part of a possible brigade")
    case_ids: list[str]

    @classmethod
    def of(cls, view: NoticeView) -> NoticeSummaryPublic:
        row = view.row
        return cls(
            id=row.id,
            addressee=Addressee(row.addressee),
            platform=row.platform_id,
            jurisdiction=row.jurisdiction,
            category=row.category,
            status=NoticeStatus(row.status),
            submitted_at=row.submitted_at,
            forwarded_at=row.forwarded_at,
            decided_at=row.decided_at,
            flagger_id=row.flagger_id,
            flagger=view.flagger_name,
            item_count=len(view.items),
            brigade=any(item.brigade for item in view.items),
            case_ids=sorted({item.case_id for item in view.items if item.case_id is not None}),
        )


class NoticePublic(NoticeSummaryPublic):
    """Everything a notice says, its items with their cases, and (asked for, with a reason) who sent it."""

    explanation: str
    good_faith: bool
    items: list[NoticeItemPublic]
    reporter: ReporterPublic | None = Field(
        description="Who reported: only when asked for with `reporter_reason`, to readers who may see it"
    )

    @classmethod
    def of(cls, view: NoticeView) -> NoticePublic:
        summary = NoticeSummaryPublic.of(view)
        reporter = None if view.reporter is None else ReporterPublic(name=view.reporter.name, email=view.reporter.email)
        details = [
            NoticeItemPublic(
                seq=i.seq,
                url=i.url,
                content_id=i.content_id,
                account_id=i.account_id,
                target=i.target,
                case_id=i.case_id,
                reports_on_case=view.reports.get(i.case_id, 0) if i.case_id is not None else 0,
                brigade=i.brigade,
                outcome=i.outcome,
                outcome_reason=i.outcome_reason,
                statement_id=i.statement_id,
                decided_at=i.decided_at,
            )
            for i in view.items
        ]
        return cls(
            **summary.model_dump(),
            explanation=view.row.explanation,
            good_faith=view.row.good_faith,
            items=details,
            reporter=reporter,
        )


class NoticeList(BaseModel):
    """A page of notices, newest first; pass `next_cursor` as `cursor` for the next."""

    notices: list[NoticeSummaryPublic]
    next_cursor: str | None
    total: int = Field(description="Notices matching the filters, across pages")


class AnswerCreate(BaseModel):
    """The platform's answer to one item. `acted: true` needs the measure and the legal basis;
    a statement of reasons then goes to the affected account."""

    model_config = ConfigDict(extra="forbid")

    acted: bool = Field(description="Whether you acted against the content")
    reasons: Text = Field(description="Your reasons; the reporter is told them")
    measure: Action | None = Field(default=None, description="What you did (acting only)")
    regulation: Key | None = Field(default=None, description="The legal basis: a regulation of the rulebook")
    article: Annotated[str, StringConstraints(max_length=80, pattern=NO_NUL), AfterValidator(storable)] | None = Field(
        default=None, description="The legal basis: the article's number"
    )
    facts: Text | None = Field(default=None, description="The facts the decision relies on; default: the reasons")
    content_id: Key | None = Field(default=None, description="The content acted on, when the notice gave only a URL")
    account_id: Key | None = Field(default=None, description="The affected account, for its statement and strikes")
    ends_at: Time | None = Field(default=None, description="When a temporary measure ends")

    def to_answer(self) -> NoticeAnswer:
        return NoticeAnswer(
            acted=self.acted,
            reasons=self.reasons,
            measure=self.measure,
            regulation=self.regulation,
            article=self.article,
            facts=self.facts,
            content_id=self.content_id,
            account_id=self.account_id,
            ends_at=self.ends_at,
        )


class ForwardCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[
        str, StringConstraints(min_length=1, max_length=2000, pattern=NO_NUL), AfterValidator(storable)
    ] = Field(description="Why the office hands the notice to the platform")
