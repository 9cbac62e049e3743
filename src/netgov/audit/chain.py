"""The audit log's hash chain: each event carries the hash of the one before it.

Editing, deleting or reordering rows directly in the database breaks a link, and
``verify_chain`` names the first event that is wrong. Rewriting the newest events (or
dropping them) leaves a chain that is consistent by itself; signed checkpoints of the head
(``netgov.audit.checkpoints``) catch that.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime

import msgspec

GENESIS = "0" * 64
# Bumped if the encoding ever changes, so that old and new hashes can never be confused.
EVENT_TAG = "netgov-audit-event-v1"

DetailValue = str | int | float | bool | None


class AuditEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One entry of the audit log: who (``actor``) did what (``action``) to what
    (``object``), when and why; ``hash`` covers all of it and ``prev_hash``."""

    seq: int
    at: datetime
    actor: str
    action: str
    object: str
    reason: str
    details: dict[str, DetailValue] = {}
    prev_hash: str
    hash: str


class ChainHead(msgspec.Struct, frozen=True):
    """The newest event's seq and hash: everything a verifier must remember between runs."""

    seq: int
    hash: str


EMPTY_HEAD = ChainHead(0, GENESIS)


class ChainBreak(msgspec.Struct, frozen=True, kw_only=True):
    """The first place the chain is wrong. ``kind`` is one of "changed", "deleted",
    "inserted", "reordered" or "duplicate"; ``message`` says it in a sentence."""

    seq: int
    kind: str
    message: str


class ChainReport(msgspec.Struct, frozen=True, kw_only=True):
    """The outcome of ``verify_chain``. ``head`` is the last event known to be good, and
    ``checked`` counts the events up to it (so a later run can resume from ``head``)."""

    ok: bool
    checked: int
    head: ChainHead
    problem: ChainBreak | None


def _utc(at: datetime) -> datetime:
    # Guessing a naive time's zone would make the hash depend on the machine computing it.
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"audit times must be timezone-aware, got naive {at.isoformat()}")
    return at.astimezone(UTC)


def canonical_time(at: datetime) -> str:
    """``at`` in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (always six fractional digits);
    naive datetimes raise ValueError."""
    return _utc(at).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _canonical_value(key: str, value: DetailValue) -> object:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"details[{key!r}] is {value}; audit details must be finite numbers")
        # repr() is Python's stable shortest round-trip form and valid JSON for finite floats;
        # pinning it keeps hashes independent of msgspec's own float formatting.
        return msgspec.Raw(repr(value).encode())
    return value


def event_hash(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    object: str,
    reason: str,
    details: Mapping[str, DetailValue],
    prev_hash: str,
) -> str:
    """The SHA-256 of an event, as 64 lower-case hex digits.

    The hash is taken over the UTF-8 bytes of one compact JSON array (no whitespace at all)::

        ["netgov-audit-event-v1",seq,at,actor,action,object,reason,details,prev_hash]

    - ``seq`` is a JSON integer; ``actor``, ``action``, ``object``, ``reason`` and
      ``prev_hash`` are JSON strings.
    - ``at`` is a string: the instant in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``, always
      with six fractional digits (``2026-06-01T12:00:00.000000Z``).
    - ``details`` is a JSON object whose keys are sorted by Unicode code point (not by
      UTF-16 unit). Values are strings, integers (plain decimal, any size), ``true``,
      ``false``, ``null``, or floats. A float is written as Python's ``repr()`` writes it:
      the shortest digits that read back as the same IEEE-754 double, in fixed notation
      with at least one fractional digit when 1e-4 <= |x| < 1e16 (``1.0``, ``0.0001``,
      ``-0.0``), otherwise as mantissa, ``e``, sign and at least two exponent digits
      (``1e-05``, ``1.5e+16``). NaN and infinities are rejected (ValueError).
    - Strings are written as UTF-8 verbatim except that ``"`` becomes ``\\"``, ``\\``
      becomes ``\\\\``, and U+0000..U+001F become ``\\b \\t \\n \\f \\r`` where those
      exist and ``\\u00xx`` (lower-case hex) otherwise; nothing else is escaped.
    """
    canonical_details = {key: _canonical_value(key, details[key]) for key in sorted(details)}
    fields = [EVENT_TAG, seq, canonical_time(at), actor, action, object, reason, canonical_details, prev_hash]
    return hashlib.sha256(msgspec.json.encode(fields)).hexdigest()


def recomputed_hash(event: AuditEvent) -> str:
    """The hash ``event``'s content should have; differs from ``event.hash`` if it was edited."""
    return event_hash(
        seq=event.seq,
        at=event.at,
        actor=event.actor,
        action=event.action,
        object=event.object,
        reason=event.reason,
        details=event.details,
        prev_hash=event.prev_hash,
    )


def append(
    head: ChainHead,
    *,
    at: datetime,
    actor: str,
    action: str,
    object: str,
    reason: str,
    details: Mapping[str, DetailValue] | None = None,
) -> AuditEvent:
    """The event that follows ``head``; the caller stores it and keeps ``head_of`` it."""
    unhashed = AuditEvent(
        seq=head.seq + 1,
        at=_utc(at),
        actor=actor,
        action=action,
        object=object,
        reason=reason,
        details=dict(details or {}),
        prev_hash=head.hash,
        hash="",
    )
    return msgspec.structs.replace(unhashed, hash=recomputed_hash(unhashed))


def head_of(event: AuditEvent) -> ChainHead:
    return ChainHead(event.seq, event.hash)


def verify_chain(events: Iterable[AuditEvent], *, start: ChainHead = EMPTY_HEAD) -> ChainReport:
    """Check ``events`` (the ones after ``start``, in seq order) and stop at the first break.

    Reads each event once, holding only its neighbours, so a log of any length streams
    through. A break is blamed on the first event that is wrong: an event whose stored hash
    does not match its content was "changed"; a gap in seq means rows were "deleted"; an
    event whose hash was recomputed after an edit shows as the next event still linking to
    its original hash, so the edited one is named. ``start`` is trusted (e.g. a verified
    checkpoint's head), so the first event must link to it. An event with a naive ``at``
    raises ValueError: the store must hand times back timezone-aware.
    """
    head, before = start, None
    checked = 0
    for event, following in _with_next(events):
        problem = _find_break(event, following, head, before)
        if problem is not None:
            # The blame can fall on the event just accepted; it is then no longer known good.
            if problem.seq == head.seq and before is not None:
                head, checked = before, checked - 1
            return ChainReport(ok=False, checked=checked, head=head, problem=problem)
        head, before = head_of(event), head
        checked += 1
    return ChainReport(ok=True, checked=checked, head=head, problem=None)


def _with_next(events: Iterable[AuditEvent]) -> Iterator[tuple[AuditEvent, AuditEvent | None]]:
    # One event of lookahead tells a deletion from a reordering, and an edited event from its neighbour.
    iterator = iter(events)
    current = next(iterator, None)
    while current is not None:
        following = next(iterator, None)
        yield current, following
        current = following


def _find_break(
    event: AuditEvent, following: AuditEvent | None, head: ChainHead, before: ChainHead | None
) -> ChainBreak | None:
    expected = head.seq + 1
    if event.seq != expected:
        return _sequence_break(event, following, head)
    if recomputed_hash(event) != event.hash:
        message = f"event {expected} was changed: its stored hash does not match its content"
        return ChainBreak(seq=expected, kind="changed", message=message)
    if event.prev_hash != head.hash:
        return _link_break(event, following, head, before)
    return None


def _sequence_break(event: AuditEvent, following: AuditEvent | None, head: ChainHead) -> ChainBreak:
    seq, expected = event.seq, head.seq + 1
    if seq == head.seq:
        return ChainBreak(seq=seq, kind="duplicate", message=f"event {seq} appears twice: two rows claim seq {seq}")
    if seq < head.seq:
        message = f"event {seq} comes after event {head.seq}: the events are out of order"
        return ChainBreak(seq=seq, kind="reordered", message=message)
    if following is not None and following.seq < seq:
        message = f"event {seq} comes before event {expected}: the events are out of order"
        return ChainBreak(seq=expected, kind="reordered", message=message)
    missing = f"event {expected} was" if seq == expected + 1 else f"events {expected} to {seq - 1} were"
    place = f"event {seq} follows event {head.seq}" if head.seq else f"the log starts at event {seq}"
    return ChainBreak(seq=expected, kind="deleted", message=f"{missing} deleted: {place}")


def _link_break(
    event: AuditEvent, following: AuditEvent | None, head: ChainHead, before: ChainHead | None
) -> ChainBreak:
    # The event is intact but does not link to the one before it; its neighbours say why.
    seq = event.seq
    if before is not None and event.prev_hash == before.hash:
        message = f"event {head.seq} was inserted: event {seq} links to {_name(before.seq)}, the one before it"
        return ChainBreak(seq=head.seq, kind="inserted", message=message)
    if following is not None and following.prev_hash == head.hash:
        message = f"events {seq} and {following.seq} were swapped: event {following.seq} links to {_name(head.seq)}"
        return ChainBreak(seq=seq, kind="reordered", message=message)
    if before is None or _disowned(event, following):
        message = f"event {seq} was changed and its hash recomputed: it does not link to {_name(head.seq)}"
        return ChainBreak(seq=seq, kind="changed", message=message)
    message = f"event {head.seq} was changed and its hash recomputed: event {seq} still links to its original hash"
    return ChainBreak(seq=head.seq, kind="changed", message=message)


def _disowned(event: AuditEvent, following: AuditEvent | None) -> bool:
    """Whether the next event is intact yet links to a different version of ``event``: then
    both of ``event``'s links are broken and it is the one that was rewritten."""
    if following is None or following.seq != event.seq + 1 or following.prev_hash == event.hash:
        return False
    return recomputed_hash(following) == following.hash


def _name(seq: int) -> str:
    return f"event {seq}" if seq else "the start of the log"
