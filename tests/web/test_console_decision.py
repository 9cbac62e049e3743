"""One decision's page, and reading the post's text with a reason (audited, masked, escaped)."""

from __future__ import annotations

import pytest

from netgov.audit.chain import AuditEvent, verify_chain
from tests.service_world import World
from tests.web.console_client import csrf_token, signed_in
from tests.web.seeding import CARD, EMAIL, PHONE


def _reads(world: World) -> list[AuditEvent]:
    with world.runtime.uow() as uow:
        return [event for event in uow.audit.events() if event.action == "decision.read_content"]


def _reveal(world: World, username: str, decision_id: str, reason: str = "reviewing appeal A-1042") -> str:
    client = signed_in(world, username)
    answer = client.post(
        f"/console/decisions/{decision_id}/text", data={"reason": reason, "csrf_token": csrf_token(client)}
    )
    assert answer.status_code == 200, answer.text
    return answer.text


def test_the_page_shows_each_rule_with_its_legal_basis(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "admin").get(f"/console/decisions/{seeded['card_west']}").text
    assert "<code>privacy.payment-card</code>" in page
    assert "Legal basis:" in page
    assert "Art. " in page
    assert '<blockquote class="article">' in page


def test_the_page_shows_the_statement_of_reasons_and_redress(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "admin").get(f"/console/decisions/{seeded['card_west']}").text
    assert "Statement of reasons" in page
    assert "the content was removed" in page
    assert "Internal complaint" in page


def test_the_page_summarises_signals_with_personal_data_masked(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "admin").get(f"/console/decisions/{seeded['doxx_east']}").text
    assert "<code>pii/phone</code>" in page
    assert '<span class="masked">‹phone #' in page
    assert PHONE not in page


def test_an_allowed_post_has_no_rules_and_no_statement(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "admin").get(f"/console/decisions/{seeded['harmless_west']}").text
    assert "No rule fired: the content was allowed." in page
    assert "no statement of reasons was issued" in page


def test_the_text_is_not_shown_until_a_reason_is_given(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "admin").get(f"/console/decisions/{seeded['scam_east']}").text
    assert "send me the codes" not in page
    assert '<label for="reason">Reason for reading this post</label>' in page
    assert _reads(world) == []


def test_reading_the_text_writes_the_reason_to_the_audit_log(world: World, seeded: dict[str, str]) -> None:
    _reveal(world, "reviewer_harbour", seeded["scam_east"], reason="reviewing appeal A-1042")
    (event,) = _reads(world)
    assert event.actor == "staff:reviewer_harbour"
    assert event.object == f"decision:{seeded['scam_east']}"
    assert event.reason == "reviewing appeal A-1042"
    with world.runtime.uow() as uow:
        assert verify_chain(uow.audit.events()).ok


def test_the_revealed_text_marks_the_evidence(world: World, seeded: dict[str, str]) -> None:
    page = _reveal(world, "admin", seeded["scam_east"])
    assert "Hi mum <mark>this is my new number</mark>, <mark>I dropped my phone</mark>. Can you buy" in page
    assert "Shown for the reason “reviewing appeal A-1042”" in page


def test_personal_data_in_the_text_is_masked(world: World, seeded: dict[str, str]) -> None:
    page = _reveal(world, "admin", seeded["doxx_east"])
    assert PHONE not in page
    assert EMAIL not in page
    assert "7946" not in page
    assert 'Found him. Email <mark class="masked" title="personal data, masked">‹email #' in page
    assert "‹phone #" in page


def test_a_payment_card_is_masked(world: World, seeded: dict[str, str]) -> None:
    page = _reveal(world, "admin", seeded["card_west"])
    assert CARD not in page
    assert "‹payment_card #" in page


def test_markup_in_a_post_is_shown_as_text(world: World, seeded: dict[str, str]) -> None:
    page = _reveal(world, "admin", seeded["scam_east"])
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in page


def test_an_htmx_reveal_returns_only_the_text(world: World, seeded: dict[str, str]) -> None:
    client = signed_in(world, "admin")
    answer = client.post(
        f"/console/decisions/{seeded['scam_east']}/text",
        data={"reason": "checking a report"},
        headers={"HX-Request": "true", "X-CSRF-Token": csrf_token(client)},
    )
    assert answer.status_code == 200
    assert answer.text.startswith('<p class="audit-note">')
    assert "<html" not in answer.text


def test_reading_without_a_reason_is_refused_and_not_audited(world: World, seeded: dict[str, str]) -> None:
    client = signed_in(world, "admin")
    answer = client.post(
        f"/console/decisions/{seeded['scam_east']}/text", data={"reason": "   ", "csrf_token": csrf_token(client)}
    )
    assert answer.status_code == 422
    assert "needs a reason" in answer.text
    assert _reads(world) == []


def test_a_refused_htmx_request_shows_its_reason_in_the_alert_area(world: World, seeded: dict[str, str]) -> None:
    client = signed_in(world, "admin")
    answer = client.post(
        f"/console/decisions/{seeded['scam_east']}/text",
        data={"reason": ""},
        headers={"HX-Request": "true", "X-CSRF-Token": csrf_token(client)},
    )
    assert answer.status_code == 422
    assert answer.headers["HX-Retarget"] == "#alerts"
    assert answer.text.startswith('<p class="error">')


def test_reading_without_the_csrf_token_is_refused_and_not_audited(world: World, seeded: dict[str, str]) -> None:
    client = signed_in(world, "admin")
    answer = client.post(f"/console/decisions/{seeded['scam_east']}/text", data={"reason": "curious"})
    assert answer.status_code == 403
    assert _reads(world) == []


@pytest.mark.parametrize("reason", ["x" * 501, "two\nlines", "nul\x00byte"])
def test_a_reason_that_is_not_one_short_line_is_refused(world: World, seeded: dict[str, str], reason: str) -> None:
    client = signed_in(world, "admin")
    answer = client.post(
        f"/console/decisions/{seeded['scam_east']}/text", data={"reason": reason, "csrf_token": csrf_token(client)}
    )
    assert answer.status_code == 422
    assert "The reason must be one line of at most 500 characters." in answer.text
    assert _reads(world) == []


def test_the_revealed_page_is_never_cached(world: World, seeded: dict[str, str]) -> None:
    client = signed_in(world, "admin")
    answer = client.post(
        f"/console/decisions/{seeded['scam_east']}/text", data={"reason": "checking", "csrf_token": csrf_token(client)}
    )
    assert answer.headers["cache-control"] == "no-store"


def test_an_auditor_is_not_offered_the_text(world: World, seeded: dict[str, str]) -> None:
    page = signed_in(world, "auditor").get(f"/console/decisions/{seeded['scam_east']}").text
    assert "Your roles do not include reading the text of posts" in page
    assert 'name="reason"' not in page


def test_an_auditor_who_asks_anyway_is_refused_with_the_reason(world: World, seeded: dict[str, str]) -> None:
    client = signed_in(world, "auditor")
    answer = client.post(
        f"/console/decisions/{seeded['scam_east']}/text", data={"reason": "curious", "csrf_token": csrf_token(client)}
    )
    assert answer.status_code == 403
    assert "Auditor holds no role that may decision.read_content" in answer.text
    assert _reads(world) == []


def test_another_county_s_decision_is_refused_with_the_reason(world: World, seeded: dict[str, str]) -> None:
    answer = signed_in(world, "officer_east").get(f"/console/decisions/{seeded['card_west']}")
    assert answer.status_code == 403
    assert '<h1 id="error-heading">Permission denied</h1>' in answer.text
    assert (
        "Officer East may decision.read only as regulator officer for jurisdiction ex.north.harbour.east, "
        "not on decision"
    ) in answer.text


def test_an_unknown_decision_is_a_404_page(world: World) -> None:
    answer = signed_in(world, "admin").get("/console/decisions/dec_000000000000000000000000")
    assert answer.status_code == 404
    assert "No decision &#39;dec_000000000000000000000000&#39;." in answer.text
    assert '<a href="/console/">Back to the overview</a>' in answer.text


def test_an_unprintable_decision_id_is_a_404_page(world: World) -> None:
    answer = signed_in(world, "admin").get("/console/decisions/dec%00x")
    assert answer.status_code == 404


def test_an_unknown_console_page_is_a_404_page(world: World) -> None:
    answer = signed_in(world, "admin").get("/console/nowhere")
    assert answer.status_code == 404
    assert "The console has no page at /console/nowhere." in answer.text
    assert answer.headers["content-type"].startswith("text/html")
