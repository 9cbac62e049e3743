"""The demo's notices and redress: what the public reports, what offices decide, what is appealed.

    story = seed_redress(runtime, now=now)

Chirp posts a few things in Harbour East County (through the content intake, as a platform
would), and then, through the same services as the portal, the API and the console:

- the national office grants trusted-flagger status to Examplia Consumer Watch;
- three notices report one post (one from the flagger, two from the public, one of whom
  left a name and email): one case merging them waits in the county office's queue;
- a burst of notices from first-time reporters on another post is flagged a possible brigade;
- three reported posts are decided violations by the county officer, each with its statement
  of reasons and the removal sent to Chirp; their accounts appeal:
  one appeal waits with the city's reviewer (the officer is recused), one was overturned
  (Chirp is told to restore the post), one upheld and taken to an out-of-court body. The
  flagger reported the last post too, so its accuracy has a decided notice to count.

Everything happens in the hours before ``now``, a few minutes apart, so timelines and the audit
log read in order. Seeding twice changes nothing: a database that already holds the story
(its trusted flagger) is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import msgspec
from sqlalchemy import select

from netgov.core.content import Account, Content
from netgov.core.taxonomy import Category
from netgov.governance.case_outcomes import CaseOutcome
from netgov.governance.case_states import CaseState
from netgov.governance.flaggers import FlaggerGrant
from netgov.governance.notices import Addressee, NoticeDraft, NoticeItem
from netgov.identity.principal import Principal
from netgov.service.appeals import ByAffectedAccount, file_appeal
from netgov.service.cases import step_case, take_case
from netgov.service.disputes import DisputeRequest, record_dispute
from netgov.service.flaggers import grant_flagger
from netgov.service.intake_batch import Item
from netgov.service.notice_filing import Filer, file_notice
from netgov.service.runtime import Runtime
from netgov.service.staff import principal_of
from netgov.store.tables import NoticeItemRow, StatementRow, TrustedFlaggerRow
from netgov.store.unit_of_work import UnitOfWork

PLATFORM = "chirp"
COUNTY = "ex.north.harbour.east"
FLAGGER = "Examplia Consumer Watch"
OFFICER, REVIEWER, SUPERVISOR, PLATFORM_ADMIN = "officer_harbour_east", "reviewer_harbour", "supervisor", "chirp_admin"
# Posts the engine lets through: only the reports bring them to an office.
POSTS = {
    "redress-merged": "Investment club: guaranteed 40% a month, DM me to join before Friday",
    "redress-burst": "My honest review of the new harbour ferry: late again, and the coffee is cold",
    "redress-waiting": "Reselling concert tickets at face value, pay by gift card only",
    "redress-overturned": "Our savings circle meets Thursday; bring your passbook",
    "redress-upheld": "Lottery win guaranteed: send a processing fee and I send your prize",
}
EXPLANATION = "The post solicits payments for returns that do not exist: an advance-fee fraud."
FLAGGER_EXPLANATION = (
    "A Ponzi scheme: fixed monthly returns of 40% are paid from new members' money. Our case file "
    "CW-2026-118 lists 14 victims in Harbour East who paid the 'membership fee' by bank transfer."
)
PUBLIC_EXPLANATION = "My neighbour lost her savings to this club. Nobody can pay 40% a month."
# Personal data the notice may carry (Art. 16(2)(c)): staff read it only with a reason.
REPORTER = ("Robin Example", "robin@example.org")
DISPUTE_BODY = "Examplia Online Disputes Board"


class RedressStory(msgspec.Struct, frozen=True, kw_only=True):
    """What ``netgov demo`` prints of the story; ``seeded`` False when the database held it already."""

    seeded: bool
    flagger: str | None = None
    merged_case: str | None = None
    brigade_case: str | None = None
    waiting_appeal_case: str | None = None
    overturned_appeal: str | None = None
    dispute: str | None = None
    notices: int = 0


class _Clock:
    """The story's moments: from ``start``, a few minutes apart."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def tick(self, minutes: float = 4) -> datetime:
        self.at += timedelta(minutes=minutes)
        return self.at


def seed_redress(runtime: Runtime, *, now: datetime) -> RedressStory:
    """Write the story into a seeded demo world (its places, staff and platforms); see the module."""
    with runtime.uow() as uow:
        if uow.session.scalar(select(TrustedFlaggerRow.id).where(TrustedFlaggerRow.name == FLAGGER)) is not None:
            return RedressStory(seeded=False)
    clock = _Clock(now - timedelta(hours=6))
    _submit_posts(runtime, clock.at)
    flagger_key, flagger_id = _grant(runtime, clock.tick())
    notices = _Notices(runtime, clock)
    merged = notices.case_of(
        [
            notices.file("redress-merged", key=flagger_key, explanation=FLAGGER_EXPLANATION),
            notices.file("redress-merged", address="203.0.113.11", explanation=PUBLIC_EXPLANATION),
            notices.file("redress-merged", address="203.0.113.12", reporter=REPORTER),
        ]
    )
    brigade = notices.case_of(
        [notices.file("redress-burst", address=f"198.51.100.{n}", minutes=1) for n in _burst(runtime)]
    )
    waiting = _Appealed(runtime, clock, notices.file("redress-waiting"))
    waiting.assign_reviewer()
    overturned = _Appealed(runtime, clock, notices.file("redress-overturned"))
    overturned.decide(CaseOutcome.OVERTURNED, "The post invites nobody to pay: a savings circle, not a fraud.")
    upheld = _Appealed(runtime, clock, notices.file("redress-upheld", key=flagger_key))
    upheld.decide(CaseOutcome.UPHELD, "The post asks for a fee before a prize: the fraud the article prohibits.")
    return RedressStory(
        seeded=True,
        flagger=flagger_id,
        merged_case=merged,
        brigade_case=brigade,
        waiting_appeal_case=waiting.case_id,
        overturned_appeal=overturned.appeal_id,
        dispute=_dispute(runtime, upheld.appeal_id, clock.tick()),
        notices=notices.count,
    )


def _submit_posts(runtime: Runtime, at: datetime) -> None:
    account_since = at - timedelta(days=400)
    items = [
        Item(
            content=Content(
                id=post_id,
                platform=PLATFORM,
                text=text,
                account=Account(id=f"u-{post_id}", created_at=account_since),
                jurisdiction=COUNTY,
                created_at=at,
                language="en",
            ),
            jurisdiction=COUNTY,
            actor=f"platform:{PLATFORM}",
        )
        for post_id, text in POSTS.items()
    ]
    runtime.intake.submit(items).result(timeout=60)


def _grant(runtime: Runtime, at: datetime) -> tuple[str, str]:
    grant = FlaggerGrant(
        name=FLAGGER,
        expertise=(Category.SCAMS_AND_FRAUD, Category.CONSUMER_INFORMATION),
        expires_at=at + timedelta(days=365),
        contact="notices@consumerwatch.example",
    )
    with runtime.uow(write=True) as uow:
        granted = grant_flagger(uow, actor=_staff(uow, SUPERVISOR), grant=grant, office=None, at=at)
    return granted.key, granted.flagger.row.id


def _burst(runtime: Runtime) -> Iterator[int]:
    """Enough first-time reporters for the brigade rule in force to fire."""
    return iter(range(1, runtime.notice_gate.brigade.min_notices + 2))


class _Notices:
    """Files the story's notices as the portal does, and finds the cases they opened."""

    def __init__(self, runtime: Runtime, clock: _Clock) -> None:
        self.runtime, self.clock, self.count = runtime, clock, 0

    def file(
        self,
        post: str,
        *,
        address: str = "203.0.113.10",
        key: str | None = None,
        minutes: float = 4,
        explanation: str = EXPLANATION,
        reporter: tuple[str, str] | None = None,
    ) -> str:
        draft = NoticeDraft(
            addressee=Addressee.REGULATOR,
            platform=PLATFORM,
            category=Category.SCAMS_AND_FRAUD,
            explanation=explanation,
            good_faith=True,
            items=(NoticeItem(url=f"https://chirp.example/p/{post}", content_id=post),),
            jurisdiction=COUNTY,
            reporter_name=reporter[0] if reporter else None,
            reporter_email=reporter[1] if reporter else None,
        )
        with self.runtime.uow(write=True) as uow:
            receipt = file_notice(
                uow,
                draft=draft,
                filer=Filer(address=address, flagger_key=key),
                gate=self.runtime.notice_gate,
                rulebook=self.runtime.rulebook,
                at=self.clock.tick(minutes),
            )
        self.count += 1
        return receipt.notice_id

    def case_of(self, notice_ids: list[str]) -> str:
        with self.runtime.uow() as uow:
            found = uow.session.scalar(select(NoticeItemRow.case_id).where(NoticeItemRow.notice_id == notice_ids[0]))
        assert found is not None, "a notice to the regulator opens or joins a case"
        return found


class _Appealed:
    """A reported post decided a violation by the county officer, and its account's appeal."""

    def __init__(self, runtime: Runtime, clock: _Clock, notice_id: str) -> None:
        self.runtime, self.clock = runtime, clock
        report_case = _Notices(runtime, clock).case_of([notice_id])
        self._work(OFFICER, report_case, CaseOutcome.VIOLATION, "The post asks for money up front: " + EXPLANATION)
        with runtime.uow(write=True) as uow:
            statement = uow.session.scalars(select(StatementRow).where(StatementRow.case_id == report_case)).one()
            appeal = file_appeal(
                uow,
                by=ByAffectedAccount(statement_id=statement.id, token=statement.access_token),
                reason="The post was a joke among friends; nobody was asked to pay anything.",
                at=clock.tick(30),
                window_days=runtime.settings.appeal_window_days,
                rulebook=runtime.rulebook,
            )
            uow.commit()
        assert appeal.case_id is not None, "an appeal opens its case"
        self.appeal_id, self.case_id = appeal.id, appeal.case_id

    def assign_reviewer(self) -> None:
        """The city's reviewer takes the appeal: the county officer who decided is recused."""
        with self.runtime.uow(write=True) as uow:
            take_case(uow, actor=_staff(uow, REVIEWER), case_id=self.case_id, at=self.clock.tick())
            uow.commit()

    def decide(self, outcome: CaseOutcome, reason: str) -> None:
        self._work(REVIEWER, self.case_id, outcome, reason)

    def _work(self, username: str, case_id: str, outcome: CaseOutcome, reason: str) -> None:
        with self.runtime.uow(write=True) as uow:
            actor = _staff(uow, username)
            case = uow.cases.case(case_id)
            if case is None or case.assignee_id is None:
                take_case(uow, actor=actor, case_id=case_id, at=self.clock.tick())
            for to in (CaseState.INVESTIGATING, CaseState.UNDER_REVIEW):
                step_case(uow, actor=actor, case_id=case_id, to=to, reason="reading the post", at=self.clock.tick())
            policy, at = self.runtime.statement_policy, self.clock.tick()
            step_case(
                uow,
                actor=actor,
                case_id=case_id,
                to=CaseState.DECIDED,
                reason=reason,
                outcome=outcome,
                at=at,
                policy=policy,
            )
            uow.commit()


def _dispute(runtime: Runtime, appeal_id: str, at: datetime) -> str:
    with runtime.uow(write=True) as uow:
        request = DisputeRequest(
            platform_id=PLATFORM, body=DISPUTE_BODY, appeal_id=appeal_id, body_reference="ODB-2291"
        )
        row = record_dispute(uow, actor=_staff(uow, PLATFORM_ADMIN), request=request, at=at)
        uow.commit()
        return row.id


def _staff(uow: UnitOfWork, username: str) -> Principal:
    member = uow.identity.staff_by_username(username)
    if member is None:
        raise RuntimeError(f"the demo world has no staff account {username!r}")
    return principal_of(uow, member)
