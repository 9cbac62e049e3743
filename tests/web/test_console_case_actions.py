"""The case page's forms, each posted as a browser would (with the page's CSRF token): what
they change, what the timeline and the audit log say, and how a refusal comes back."""

from __future__ import annotations

import re

import httpx2 as httpx
from fastapi.testclient import TestClient

from netgov.governance.case_states import CaseState
from netgov.identity import Grant, Role
from netgov.service.permissions import SYSTEM
from netgov.service.staff import create_staff
from tests.service.cases_support import audited, case_row, opened, timeline, username_of
from tests.service_world import PASSWORD, World
from tests.web.console_client import hidden_value, signed_in

EAST = "ex.north.harbour.east"


def submit(client: TestClient, case_id: str, action: str, **data: str) -> httpx.Response:
    """Load the case page and post one of its forms with the page's CSRF token."""
    page = client.get(f"/console/cases/{case_id}")
    assert page.status_code == 200, page.text
    return client.post(
        f"/console/cases/{case_id}/{action}", data={"csrf_token": hidden_value(page.text, "csrf_token"), **data}
    )


def done(client: TestClient, answer: httpx.Response, case_id: str, message: str) -> str:
    """Follow the redirect of a form that worked; the page it lands on says what was done."""
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"].startswith(f"/console/cases/{case_id}?done=")
    page = client.get(answer.headers["location"])
    assert f'<p class="done" role="status">{message}</p>' in page.text
    return page.text


def refused(answer: httpx.Response, status: int, message: str) -> None:
    """A refusal is the case page again, with the service's message and its status."""
    assert answer.status_code == status, answer.text
    assert '<p class="error" role="alert">' in answer.text
    assert message in answer.text
    assert '<h2 id="timeline">Timeline</h2>' in answer.text


def seat(world: World, username: str, office: str, jurisdiction: str, role: Role) -> None:
    with world.runtime.uow(write=True) as uow:
        create_staff(
            uow,
            actor=SYSTEM,
            username=username,
            display_name=username.replace("_", " ").title(),
            password=PASSWORD,
            grants=(Grant(role=role, jurisdiction=jurisdiction),),
            passwords=world.runtime.passwords,
            at=world.clock(),
            office=office,
        )
        uow.commit()


def test_an_officer_steps_a_case_to_a_decision_and_each_refusal_says_why(world: World) -> None:
    case = opened(world, EAST)
    client = signed_in(world, "officer_east")
    done(
        client,
        submit(client, case.id, "step", to="investigating", reason="triaged the notice"),
        case.id,
        "The case moved to its next step.",
    )
    refused(
        submit(client, case.id, "step", to="decided", outcome="violation", reason="too fast"),
        409,
        "it cannot move to decided. Allowed from investigating: under_review, closed",
    )
    refused(submit(client, case.id, "step", to="under_review", reason=" "), 422, "Reason: a step needs a reason")
    refused(
        submit(client, case.id, "step", to="under_review", reason="a\x00b"),
        422,
        "Reason: text only, without control characters",
    )
    refused(submit(client, case.id, "step", to="limbo", reason="x"), 422, "To: choose the step to take")
    done(
        client,
        submit(client, case.id, "step", to="under_review", reason="evidence complete"),
        case.id,
        "The case moved to its next step.",
    )
    refused(
        submit(client, case.id, "step", to="decided", reason="clear breach"),
        422,
        "needs one of violation, partial_violation, no_violation; none was given",
    )
    page = done(
        client,
        submit(client, case.id, "step", to="decided", outcome="violation", reason="clear breach"),
        case.id,
        "The case moved to its next step.",
    )
    assert "<strong>decided</strong>, outcome violation" in page
    assert case_row(world, case.id).state == CaseState.DECIDED
    steps = [(e.from_state, e.to_state, e.reason) for e in timeline(world, case.id) if e.kind == "transition"]
    assert steps == [
        ("filed", "investigating", "triaged the notice"),
        ("investigating", "under_review", "evidence complete"),
        ("under_review", "decided", "clear breach"),
    ]
    assert audited(world, case.id).count("case.transition") == 3
    assert "transition (violation)" in page
    assert "under review → decided" in page


def test_a_new_officer_takes_an_unassigned_case_from_the_office_queue(world: World) -> None:
    # Nobody was seated in the South Province office when the case came in.
    case = opened(world, "ex.south")
    assert case.assignee_id is None
    seat(world, "officer_south", "office-south", "ex.south", Role.REGULATOR_OFFICER)
    client = signed_in(world, "officer_south")
    assert "Nobody is working on this case yet." in client.get(f"/console/cases/{case.id}").text
    page = done(client, submit(client, case.id, "take"), case.id, "You took the case.")
    assert username_of(world, case_row(world, case.id).assignee_id) == "officer_south"
    assert 'action="/console/cases/' + case.id + '/take"' not in page
    assert "taken by Officer South" in page


def test_a_supervisor_assigns_within_the_office_and_an_unseated_name_is_refused(world: World) -> None:
    seat(world, "reviewer_east", "office-east", EAST, Role.REVIEWER)
    case = opened(world, EAST)
    client = signed_in(world, "supervisor")
    assert '<option value="reviewer_east">' in client.get(f"/console/cases/{case.id}").text
    refused(
        submit(client, case.id, "assign", staff="officer_north", reason="help out"),
        422,
        "officer_north is not seated in office-east",
    )
    refused(submit(client, case.id, "assign", staff="reviewer_east", reason=""), 422, "an assignment needs a reason")
    page = done(
        client,
        submit(client, case.id, "assign", staff="reviewer_east", reason="language skills"),
        case.id,
        "The case was assigned.",
    )
    assert username_of(world, case_row(world, case.id).assignee_id) == "reviewer_east"
    assert "to reviewer_east" in page
    # An officer is no supervisor: no assign form, and the post is refused.
    officer = signed_in(world, "officer_east")
    assert 'action="/console/cases/' + case.id + '/assign"' not in officer.get(f"/console/cases/{case.id}").text
    refused(submit(officer, case.id, "assign", staff="", reason="mine"), 403, "holds no role that may case.assign")


def test_take_over_transfer_and_designate_move_the_case_between_offices(world: World) -> None:
    case = opened(world, EAST)
    north = signed_in(world, "officer_north")
    done(
        north,
        submit(north, case.id, "take-over", reason="part of a provincial fraud ring"),
        case.id,
        "Your office took the case over.",
    )
    assert case_row(world, case.id).office_id == "office-north"
    page = done(
        north,
        submit(north, case.id, "transfer", office="office-harbour", reason="the city leads"),
        case.id,
        "The case was transferred.",
    )
    assert "office-north → office-harbour" in page
    assert case_row(world, case.id).office_id == "office-harbour"
    supervisor = signed_in(world, "supervisor")
    refused(
        submit(supervisor, case.id, "designate", office="office-harbour", reason="stay"),
        422,
        "is already held by office-harbour",
    )
    done(
        supervisor,
        submit(supervisor, case.id, "designate", office="office-east", reason="back to the county"),
        case.id,
        "The case was designated to the office you chose.",
    )
    assert case_row(world, case.id).office_id == "office-east"
    moves = [(e.kind, e.from_office, e.to_office) for e in timeline(world, case.id) if e.from_office]
    assert moves == [
        ("taken_over", "office-east", "office-north"),
        ("transferred", "office-north", "office-harbour"),
        ("designated", "office-harbour", "office-east"),
    ]
    assert {"case.take_over", "case.transfer", "case.designate"} <= set(audited(world, case.id))


def test_a_referral_is_sent_and_its_status_tracked(world: World) -> None:
    case = opened(world, EAST)
    other = opened(world, EAST)
    client = signed_in(world, "officer_east")
    page = done(
        client,
        submit(client, case.id, "referrals", agency="police", reason="organised fraud"),
        case.id,
        "The case was referred.",
    )
    assert '<th scope="row">police</th>' in page
    referral = re.search(r'action="/console/cases/[^/]+/referrals/(ref_[0-9a-f]+)"', page)
    assert referral is not None
    path = f"referrals/{referral.group(1)}"
    page = done(
        client,
        submit(client, case.id, path, status="acknowledged", reference="P-2291", reason="police replied"),
        case.id,
        "The referral was updated.",
    )
    assert "<td>acknowledged</td>" in page
    assert "<td>P-2291</td>" in page
    refused(submit(client, case.id, path, status="sent", reason="undo"), 409, "it cannot move to sent")
    refused(submit(client, case.id, path, status="bogus", reason="x"), 422, "Status: &#39;bogus&#39; is not one of")
    refused(submit(client, case.id, "referrals", agency="", reason="x"), 422, "Agency: name the agency")
    # A referral is updated from its own case's page only.
    refused(
        submit(client, other.id, path, status="in_progress", reason="wrong page"),
        404,
        f"{other.id} has no referral",
    )
    kinds = [e.kind for e in timeline(world, case.id)]
    assert kinds.count("referred") == 1
    assert kinds.count("referral_updated") == 1
    assert {"referral.create", "referral.update"} <= set(audited(world, case.id))
