"""Notices (DSA Art. 16): what a valid one says, and the key that reports on the same content share.

    items = check_notice(draft, max_items=50)      # InvalidRequestError naming every bad field
    items[0].target                                  # "id:123" or "url:https://example.org/p?a=1"

A notice names one platform, a category, an explanation of why the content is illegal, one or
more exact locations (a URL and/or the platform's content id) and a good-faith statement; the
reporter's name and email are optional (Art. 16(2)(c)). The good-faith statement is required
from everyone, trusted flaggers included: Art. 22(1) has their notices go through the Art. 16
mechanism, and Art. 16(2)(d) asks every notice for it.

Pure domain code: no I/O, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

import msgspec

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError
from netgov.governance.locations import normalise_url

EXPLANATION_MIN = 10
EXPLANATION_MAX = 10_000
NAME_MAX = 200
EMAIL_MAX = 320
ID_MAX = 200
URL_MAX = 2000
# Local part, "@", then dot-separated labels of letters, digits and hyphens ending in a
# top-level label of two letters or more. Not RFC 5322 in full: a sanity check that catches
# typos, since the address is only ever used to tell the reporter the outcome.
_EMAIL = re.compile(r"[^@\s\x00-\x1f]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")


class Addressee(StrEnum):
    PLATFORM = "platform"  # the hosting service handles it and answers it
    REGULATOR = "regulator"  # an office opens (or joins) a case per item


class NoticeStatus(StrEnum):
    RECEIVED = "received"  # addressed to a platform, not answered yet
    FORWARDED = "forwarded"  # a regulator handed it to the platform concerned
    IN_REVIEW = "in_review"  # a case is open on at least one of its items
    DECIDED = "decided"  # every item has an outcome


class ItemOutcome(StrEnum):
    ACTION_TAKEN = "action_taken"
    NO_ACTION = "no_action"
    # The content had been decided before this notice came: answered with that decision.
    EXISTING_DECISION = "existing_decision"


class NoticeItem(msgspec.Struct, frozen=True, kw_only=True):
    """One exact location as the reporter gave it (Art. 16(2)(b))."""

    url: str | None = None
    content_id: str | None = None
    account_id: str | None = None


class NoticeDraft(msgspec.Struct, frozen=True, kw_only=True):
    addressee: Addressee
    platform: str
    category: Category
    explanation: str
    good_faith: bool
    items: tuple[NoticeItem, ...]
    jurisdiction: str | None = None
    reporter_name: str | None = None
    reporter_email: str | None = None


class CheckedItem(msgspec.Struct, frozen=True, kw_only=True):
    seq: int  # 1-based, as the reporter numbered them
    url: str | None
    content_id: str | None
    account_id: str | None
    target: str


def check_notice(draft: NoticeDraft, *, max_items: int) -> tuple[CheckedItem, ...]:
    """The notice's items with their targets; InvalidRequestError listing every problem."""
    problems = _notice_problems(draft, max_items=max_items)
    items: list[CheckedItem] = []
    if len(draft.items) <= max_items:
        for seq, item in enumerate(draft.items, start=1):
            checked = _checked_item(seq, item, problems)
            if checked is not None:
                items.append(checked)
    if problems:
        raise InvalidRequestError("; ".join(problems))
    return tuple(items)


def check_email(email: str) -> str:
    """The address, trimmed; InvalidRequestError when it cannot be one."""
    text = email.strip()
    if len(text) > EMAIL_MAX or not _EMAIL.fullmatch(text):
        raise InvalidRequestError("reporter_email: not an email address (expected name@example.org)")
    return text


def item_target(*, content_id: str | None, url: str | None) -> str:
    """What reports on the same content share: the platform's content id when given, else
    the normalised URL. The prefix keeps a content id that looks like a URL apart from one."""
    if content_id is not None and content_id.strip():
        return f"id:{content_id.strip()}"
    if url is None:
        raise ValueError("an item needs a content id or a URL")
    return f"url:{normalise_url(url)}"


def _notice_problems(draft: NoticeDraft, *, max_items: int) -> list[str]:
    problems: list[str] = []
    if not draft.platform.strip():
        problems.append("platform: name the platform the content is on")
    explanation = draft.explanation.strip()
    if len(explanation) < EXPLANATION_MIN:
        problems.append(f"explanation: say why the content is illegal, in at least {EXPLANATION_MIN} characters")
    elif len(explanation) > EXPLANATION_MAX:
        problems.append(f"explanation: at most {EXPLANATION_MAX} characters, not {len(explanation)}")
    if not draft.good_faith:
        problems.append("good_faith: confirm that you believe, in good faith, the information is accurate and complete")
    if not draft.items:
        problems.append("items: name at least one location (a URL or the platform's content id)")
    elif len(draft.items) > max_items:
        problems.append(f"items: at most {max_items} locations in one notice, not {len(draft.items)}")
    if draft.reporter_name is not None and len(draft.reporter_name.strip()) > NAME_MAX:
        problems.append(f"reporter_name: at most {NAME_MAX} characters")
    if draft.reporter_email is not None and draft.reporter_email.strip():
        try:
            check_email(draft.reporter_email)
        except InvalidRequestError as error:
            problems.append(str(error))
    return problems


def _checked_item(seq: int, item: NoticeItem, problems: list[str]) -> CheckedItem | None:
    where = f"items[{seq - 1}]"
    url = _blank_to_none(item.url)
    content_id = _blank_to_none(item.content_id)
    account_id = _blank_to_none(item.account_id)
    count = len(problems)
    if url is None and content_id is None:
        problems.append(f"{where}: give the content's URL, its id on the platform, or both")
    for name, value, limit in (
        ("url", url, URL_MAX),
        ("content_id", content_id, ID_MAX),
        ("account_id", account_id, ID_MAX),
    ):
        if value is not None and len(value) > limit:
            problems.append(f"{where}.{name}: at most {limit} characters, not {len(value)}")
    if len(problems) > count:
        return None
    try:
        target = item_target(content_id=content_id, url=url)
        if url is not None and content_id is not None:
            normalise_url(url)  # a URL given beside an id must still be one
    except ValueError as error:
        problems.append(f"{where}.url: {error}")
        return None
    return CheckedItem(seq=seq, url=url, content_id=content_id, account_id=account_id, target=target)


def _blank_to_none(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return value.strip()


def notice_status(*, outcomes: Sequence[str | None], in_review: bool, forwarded: bool) -> NoticeStatus:
    """Where a notice stands, from its items: decided once every item has an outcome."""
    if outcomes and all(outcome is not None for outcome in outcomes):
        return NoticeStatus.DECIDED
    if forwarded:
        return NoticeStatus.FORWARDED
    return NoticeStatus.IN_REVIEW if in_review else NoticeStatus.RECEIVED
