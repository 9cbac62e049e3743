"""Trusted flaggers in the console: everyone who reads notices sees the list with accuracy;
a supervisor grants the status (the key shown once) and revokes it with a reason; others
get no form and are refused."""

from __future__ import annotations

import re
from datetime import timedelta

from netgov.governance.case_outcomes import CaseOutcome
from netgov.service.flaggers import authenticate_flagger
from tests.service.notice_support import case_of, decide, grant
from tests.service.support import audit_actions
from tests.service_world import World
from tests.web.console_client import csrf_token, signed_in
from tests.web.redress_support import fresh_post, report, shared_world

__all__ = ["shared_world"]


def _grant_form(world: World, **fields: str | list[str]) -> dict[str, str | list[str]]:
    expires = (world.clock() + timedelta(days=365)).date().isoformat()
    return {
        "name": "Harbour Consumer Watch",
        "office": "office-ex",
        "expertise": ["SCAMS_AND_FRAUD"],
        "expires_on": expires,
        "contact": "desk@watch.example",
        **fields,
    }


def _post_grant(world: World, username: str, **fields: str | list[str]) -> tuple[int, str]:
    client = signed_in(world, username)
    answer = client.post("/console/flaggers", data={**_grant_form(world, **fields), "csrf_token": csrf_token(client)})
    return answer.status_code, answer.text


def test_a_supervisor_grants_the_status_and_sees_the_key_once(shared_world: World) -> None:
    status, page = _post_grant(shared_world, "supervisor", name="Key Once Watch")
    assert status == 200, page
    found = re.search(r'<code class="key" id="flagger-key">(ngf_[A-Za-z0-9_-]+)</code>', page)
    assert found is not None
    with shared_world.runtime.uow() as uow:
        assert authenticate_flagger(uow, found.group(1), at=shared_world.clock()).name == "Key Once Watch"
    again = signed_in(shared_world, "supervisor").get("/console/flaggers").text
    assert "Key Once Watch" in again
    assert found.group(1) not in again


def test_the_list_shows_office_expertise_term_and_accuracy(shared_world: World) -> None:
    granted = grant(shared_world)
    for _ in range(2):
        notice = report(shared_world, fresh_post(), key=granted.key)
    decide(shared_world, case_of(shared_world, notice).id, CaseOutcome.VIOLATION)
    page = signed_in(shared_world, "officer_east").get("/console/flaggers").text
    row = page[page.index(granted.flagger.row.id) :]
    row = row[: row.index("</tr>")]
    assert "National Online Content Office" in row
    assert "scams and fraud" in row
    cells = re.findall(r'<td class="number">([^<]*)</td>', row)
    assert cells == ["2", "1", "1", "100%"]


def test_the_contact_is_shown_only_to_those_who_manage_flaggers(shared_world: World) -> None:
    _post_grant(shared_world, "supervisor", name="Contact Watch", contact="hidden@watch.example")
    assert "hidden@watch.example" in signed_in(shared_world, "supervisor").get("/console/flaggers").text
    assert "hidden@watch.example" not in signed_in(shared_world, "officer_east").get("/console/flaggers").text


def test_an_officer_sees_the_list_but_no_grant_form_and_is_refused(shared_world: World) -> None:
    page = signed_in(shared_world, "officer_east").get("/console/flaggers").text
    assert "Grant the status" not in page
    assert "Revoke" not in page
    status, _ = _post_grant(shared_world, "officer_east", office="office-east", name="Sneaky Watch")
    assert status == 403
    assert "Sneaky Watch" not in signed_in(shared_world, "supervisor").get("/console/flaggers").text


def test_a_grant_without_expertise_comes_back_with_the_reason_and_what_was_typed(shared_world: World) -> None:
    status, page = _post_grant(shared_world, "supervisor", name="No Expertise Watch", expertise=[])
    assert status == 422
    assert "name at least one category" in page
    assert 'value="No Expertise Watch"' in page
    assert 'id="flagger-key"' not in page


def test_a_term_in_the_past_is_refused(shared_world: World) -> None:
    status, page = _post_grant(shared_world, "supervisor", expires_on="2020-01-01")
    assert status == 422
    assert "the term must end in the future" in page


def test_a_supervisor_revokes_with_a_reason(shared_world: World) -> None:
    granted = grant(shared_world)
    client = signed_in(shared_world, "supervisor")
    path = f"/console/flaggers/{granted.flagger.row.id}/revocation"
    answer = client.post(path, data={"reason": "too many wrong notices", "csrf_token": csrf_token(client)})
    assert answer.status_code == 303
    page = client.get(answer.headers["location"]).text
    assert "The trusted-flagger status was revoked" in page
    assert "too many wrong notices" in page
    assert f"flagger:{granted.flagger.row.id}" in audit_actions(shared_world, "flagger.revoke")


def test_revoking_without_a_reason_is_refused_and_nothing_changes(shared_world: World) -> None:
    granted = grant(shared_world)
    client = signed_in(shared_world, "supervisor")
    path = f"/console/flaggers/{granted.flagger.row.id}/revocation"
    answer = client.post(path, data={"reason": " ", "csrf_token": csrf_token(client)})
    assert answer.status_code == 422
    assert "say why the status is revoked" in answer.text
    assert f"flagger:{granted.flagger.row.id}" not in audit_actions(shared_world, "flagger.revoke")


def test_granting_without_the_csrf_token_is_refused(shared_world: World) -> None:
    client = signed_in(shared_world, "supervisor")
    answer = client.post("/console/flaggers", data=_grant_form(shared_world, name="Forged Watch"))
    assert answer.status_code == 403
    assert "Forged Watch" not in client.get("/console/flaggers").text
