"""Notices as pure rules: what a valid notice carries, and the status its items give it."""

from __future__ import annotations

import contextlib

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgov.core.taxonomy import Category
from netgov.errors import InvalidRequestError
from netgov.governance.notices import (
    EXPLANATION_MAX,
    Addressee,
    NoticeDraft,
    NoticeItem,
    NoticeStatus,
    check_email,
    check_notice,
    notice_status,
)

DRAFT = NoticeDraft(
    addressee=Addressee.PLATFORM,
    platform="chirp",
    category=Category.SCAMS_AND_FRAUD,
    explanation="This post asks for money up front for a prize that does not exist.",
    good_faith=True,
    items=(NoticeItem(url="https://chirp.example/p/1"),),
)


def draft(**changes: object) -> NoticeDraft:
    return msgspec.structs.replace(DRAFT, **changes)


def refusal(notice: NoticeDraft, *, max_items: int = 5) -> str:
    with pytest.raises(InvalidRequestError) as refused:
        check_notice(notice, max_items=max_items)
    return str(refused.value)


def test_a_complete_notice_gives_each_item_its_target() -> None:
    items = check_notice(
        draft(items=(NoticeItem(url="https://Chirp.example/p/1#top"), NoticeItem(content_id=" 42 "))), max_items=5
    )
    assert [(i.seq, i.target) for i in items] == [(1, "url:https://chirp.example/p/1"), (2, "id:42")]


def test_a_content_id_is_the_target_even_beside_a_url() -> None:
    (item,) = check_notice(draft(items=(NoticeItem(url="https://chirp.example/p/1", content_id="p1"),)), max_items=5)
    assert item.target == "id:p1"
    assert item.url == "https://chirp.example/p/1"


def test_the_explanation_is_required() -> None:
    assert "explanation: say why the content is illegal" in refusal(draft(explanation="   "))


def test_the_explanation_is_bounded() -> None:
    assert f"explanation: at most {EXPLANATION_MAX} characters" in refusal(
        draft(explanation="x" * (EXPLANATION_MAX + 1))
    )


def test_the_good_faith_statement_must_be_made() -> None:
    assert "good_faith: confirm" in refusal(draft(good_faith=False))


def test_a_notice_names_at_least_one_location() -> None:
    assert "items: name at least one location" in refusal(draft(items=()))


def test_a_notice_names_at_most_the_configured_number_of_locations() -> None:
    many = tuple(NoticeItem(content_id=str(n)) for n in range(6))
    assert "items: at most 5 locations in one notice, not 6" in refusal(draft(items=many))


def test_an_item_needs_a_url_or_a_content_id() -> None:
    assert "items[1]: give the content's URL, its id on the platform, or both" in refusal(
        draft(items=(NoticeItem(content_id="1"), NoticeItem(account_id="someone")))
    )


def test_an_item_url_must_be_http() -> None:
    assert "items[0].url: must be an http:// or https:// URL" in refusal(draft(items=(NoticeItem(url="ftp://x/y"),)))


def test_a_url_beside_a_content_id_is_checked_too() -> None:
    assert "items[0].url:" in refusal(draft(items=(NoticeItem(url="javascript:alert(1)", content_id="1"),)))


def test_every_problem_is_named_at_once() -> None:
    message = refusal(draft(explanation="", good_faith=False, items=()))
    assert "explanation:" in message
    assert "good_faith:" in message
    assert "items:" in message


@pytest.mark.parametrize("email", ["ana@example.org", "a.b+tag@mail.example.co.uk", " Ana@Example.org "])
def test_plausible_email_addresses_pass(email: str) -> None:
    assert check_email(email) == email.strip()


@pytest.mark.parametrize("email", ["ana", "ana@", "@example.org", "ana@example", "ana @example.org", "ana@ex..org"])
def test_implausible_email_addresses_are_refused(email: str) -> None:
    with pytest.raises(InvalidRequestError, match="reporter_email: not an email address"):
        check_email(email)


def test_a_bad_email_is_named_in_the_notice() -> None:
    assert "reporter_email: not an email address" in refusal(draft(reporter_email="not-an-address"))


def test_an_empty_email_is_no_email() -> None:
    assert check_notice(draft(reporter_email="  "), max_items=5)


@given(st.text(max_size=40))
def test_checking_never_fails_other_than_by_refusing(text: str) -> None:
    notice = draft(explanation=text * 3, items=(NoticeItem(url=text, content_id=text or None),))
    with contextlib.suppress(InvalidRequestError):
        check_notice(notice, max_items=5)


def test_a_notice_is_decided_once_every_item_has_an_outcome() -> None:
    assert (
        notice_status(outcomes=["no_action", "action_taken"], in_review=True, forwarded=False) is NoticeStatus.DECIDED
    )
    assert notice_status(outcomes=["no_action", None], in_review=True, forwarded=False) is NoticeStatus.IN_REVIEW


def test_a_forwarded_notice_says_so_until_decided() -> None:
    assert notice_status(outcomes=[None], in_review=True, forwarded=True) is NoticeStatus.FORWARDED


def test_a_notice_nobody_took_up_is_received() -> None:
    assert notice_status(outcomes=[None], in_review=False, forwarded=False) is NoticeStatus.RECEIVED
