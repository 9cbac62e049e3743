"""Deciding and storing one batch of submitted content in one transaction.

Idempotent by platform and content id: an item already stored returns its stored
decision; the same id with different content is a conflict; a new item is decided by the
engine, stored with its decision and recorded in the audit chain, all in one commit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import msgspec

from netgov.core.content import Content
from netgov.core.decision import Decision, decision_to_json
from netgov.core.engine import Engine
from netgov.core.observations import Observations
from netgov.service.audit_trail import Entry, record
from netgov.service.statements import IssuedStatement, new_statement_id, statement_row, strike_row
from netgov.store.repositories.decisions import Stored
from netgov.store.unit_of_work import UnitOfWork
from netgov.waves.tracker import WaveTracker


class Outcome(msgspec.Struct, frozen=True, kw_only=True):
    """What one submitted item got: its decision (new or stored) or a conflict."""

    content_id: str
    decision_id: str = ""
    document: bytes = b""
    created: bool = False
    conflict: str | None = None


class Item(msgspec.Struct, frozen=True, kw_only=True):
    content: Content
    jurisdiction: str | None
    actor: str


class _Encoded(msgspec.Struct, frozen=True):
    """An item encoded once: its digest (the idempotency check) and the document stored."""

    digest: str
    document: bytes


def _encode(content: Content) -> _Encoded:
    encoded = msgspec.json.encode(content)
    digest = hashlib.sha256(encoded).hexdigest()
    if not any(media.data for media in content.media):
        return _Encoded(digest, encoded)
    # Media bytes count for the digest (a retry must resend the same item) but are not kept.
    kept = msgspec.structs.replace(content, media=tuple(msgspec.structs.replace(m, data=None) for m in content.media))
    return _Encoded(digest, msgspec.json.encode(kept))


def store_batch(
    uow: UnitOfWork,
    items: Sequence[Item],
    *,
    engine: Engine,
    now: datetime,
    tracker: WaveTracker | None,
    strike_days: float,
) -> list[Outcome]:
    encoded = [_encode(item.content) for item in items]
    digests = [e.digest for e in encoded]
    stored = _existing(uow, items)
    fresh: dict[tuple[str, str], int] = {}
    for index, item in enumerate(items):
        key = (item.content.platform, item.content.id)
        if key not in stored and key not in fresh:
            fresh[key] = index
    new_items = [items[i] for i in fresh.values()]
    decisions = _decide(uow, engine, [item.content for item in new_items], now, tracker)
    documents = [decision_to_json(decision) for decision in decisions]
    _insert(uow, new_items, [encoded[i] for i in fresh.values()], decisions, documents, now, strike_days)
    for item, decision, document, index in zip(new_items, decisions, documents, fresh.values(), strict=True):
        key = (item.content.platform, item.content.id)
        stored[key] = Stored(item.content.id, digests[index], decision.id, document)
    created = set(fresh.values())
    return [
        _outcome(stored[(i.content.platform, i.content.id)], d, n in created)
        for n, (i, d) in enumerate(zip(items, digests, strict=True))
    ]


def _existing(uow: UnitOfWork, items: Sequence[Item]) -> dict[tuple[str, str], Stored]:
    by_platform: dict[str, list[str]] = {}
    for item in items:
        by_platform.setdefault(item.content.platform, []).append(item.content.id)
    found: dict[tuple[str, str], Stored] = {}
    for platform, ids in by_platform.items():
        for content_id, row in uow.decisions.existing(platform, ids).items():
            found[(platform, content_id)] = row
    return found


def _decide(
    uow: UnitOfWork, engine: Engine, contents: list[Content], now: datetime, tracker: WaveTracker | None
) -> list[Decision]:
    if not contents:
        return []
    contents = _with_live_strikes(uow, contents, now)
    observations: list[Observations | None] | None = None
    if tracker is not None:
        tracked = tracker.track(contents, now=now)
        contents, observations = list(tracked.contents), list(tracked.observations)
    return engine.decide_many(contents, now=now, observations=observations)


def _with_live_strikes(uow: UnitOfWork, contents: list[Content], now: datetime) -> list[Content]:
    """The contents with ``account.prior_strikes`` raised to the live strikes netgov holds
    for each account (one query for the batch), so rules can escalate for repeat offenders.

    The engine sees the larger of the platform's count and netgov's: the platform may know of
    strikes netgov never saw (its own moderation, history from before netgov), and netgov
    knows every strike it issued, so sending 0 cannot wipe an account's record; adding the
    two would count twice the strikes a platform mirrors from netgov's statements. Posts of
    one account in the same batch are decided together, so none counts the others' strikes."""
    accounts = {(content.platform, content.account.id) for content in contents if content.account is not None}
    live = uow.redress.live_strikes(accounts, at=now) if accounts else {}
    if not live:
        return contents
    return [_struck(content, live) for content in contents]


def _struck(content: Content, live: dict[tuple[str, str], int]) -> Content:
    account = content.account
    stored = 0 if account is None else live.get((content.platform, account.id), 0)
    if account is None or stored <= account.prior_strikes:
        return content
    return msgspec.structs.replace(content, account=msgspec.structs.replace(account, prior_strikes=stored))


def _insert(
    uow: UnitOfWork,
    items: list[Item],
    encoded: list[_Encoded],
    decisions: list[Decision],
    documents: list[bytes],
    now: datetime,
    strike_days: float,
) -> None:
    if not items:
        return
    contents = [_content_row(item, e, now) for item, e in zip(items, encoded, strict=True)]
    rows = [_decision_row(i, d, doc) for i, d, doc in zip(items, decisions, documents, strict=True)]
    uow.decisions.insert(contents, rows)
    statements = _statements(items, decisions, strike_days)
    uow.statements.insert_many([s for s, _ in statements.values()], [k for _, k in statements.values() if k])
    entries = [
        Entry(
            actor=item.actor,
            action="decision.create",
            object=f"decision:{decision.id}",
            reason="automated decision on submitted content",
            details=_audited(item, decision, statements),
        )
        for item, decision in zip(items, decisions, strict=True)
    ]
    record(uow, entries, at=now)


_Rows = tuple[dict[str, Any], dict[str, Any] | None]


def _statements(items: list[Item], decisions: list[Decision], strike_days: float) -> dict[str, _Rows]:
    """By decision id, the statement row (and strike row, if any) of each restrictive decision."""
    found: dict[str, _Rows] = {}
    for item, decision in zip(items, decisions, strict=True):
        if decision.statement is None:
            continue
        account = item.content.account
        issued = IssuedStatement(
            statement=decision.statement,
            decided_by=f"rule:{_deciding_rule(decision)}",
            account_id=account.id if account else None,
            decision_id=decision.id,
            jurisdiction=item.jurisdiction,
        )
        statement_id = new_statement_id()
        strike = strike_row(issued, statement_id=statement_id, strike_days=strike_days)
        found[decision.id] = (statement_row(issued, statement_id=statement_id), strike)
    return found


def _deciding_rule(decision: Decision) -> str:
    """The enforced rule that chose the action, picked as the engine picks it."""
    return max(decision.enforced, key=lambda hit: (hit.action.rank, hit.severity.rank)).rule


def _audited(item: Item, decision: Decision, statements: dict[str, _Rows]) -> dict[str, Any]:
    details = {"platform": item.content.platform, "content": item.content.id, "action": decision.action.value}
    issued = statements.get(decision.id)
    # The statement is part of the decision's event: one audit line per post keeps the intake fast.
    return details if issued is None else details | {"statement": issued[0]["id"]}


def _content_row(item: Item, encoded: _Encoded, now: datetime) -> dict[str, Any]:
    content = item.content
    return {
        "platform_id": content.platform,
        "content_id": content.id,
        "digest": encoded.digest,
        "text": content.text,
        "account_id": content.account.id if content.account else None,
        "jurisdiction": item.jurisdiction,
        "language": content.language,
        "created_at": content.created_at,
        "received_at": now,
        "document": encoded.document,
    }


def _decision_row(item: Item, decision: Decision, document: bytes) -> dict[str, Any]:
    return {
        "id": decision.id,
        "platform_id": decision.platform,
        "content_id": decision.content_id,
        "jurisdiction": item.jurisdiction,
        "action": decision.action.value,
        "category": decision.category.value if decision.category else None,
        "rules": " " + " ".join(hit.rule for hit in decision.rules) + " " if decision.rules else "",
        "automated": decision.automated,
        "rulebook_version": decision.rulebook_version,
        "decided_at": decision.decided_at,
        "document": document,
    }


def _outcome(stored: Stored, submitted_digest: str, created: bool) -> Outcome:
    if stored.digest != submitted_digest:
        return Outcome(
            content_id=stored.content_id,
            decision_id=stored.decision_id,
            conflict=(
                f"content id {stored.content_id!r} was already decided for different content; "
                "a retry must resend the same item, and an edited item needs a new id"
            ),
        )
    return Outcome(
        content_id=stored.content_id, decision_id=stored.decision_id, document=stored.document, created=created
    )
