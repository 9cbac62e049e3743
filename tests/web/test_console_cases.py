"""The case queue, ``/console/cases``: scope, filters, both sorts, paging, HTMX and refusals."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from netgov.core.actions import Severity
from netgov.core.taxonomy import Category
from netgov.governance.case_states import CaseState
from netgov.governance.cases import CaseSource
from netgov.service.cases import open_case
from netgov.service.permissions import SYSTEM
from netgov.store.tables import CaseRow
from tests.databases import BACKENDS, database_url
from tests.service.cases_support import opened, step
from tests.service.support import staff
from tests.service_world import World, open_world
from tests.web.console_client import signed_in

EAST, NORTH, SOUTH = "ex.north.harbour.east", "ex.north", "ex.south"

Sign = Callable[[str], TestClient]


class Queue:
    """Cases in three offices, opened days apart so that deadlines and priorities disagree."""

    def __init__(self, world: World) -> None:
        # Opened first, so due first, but of low severity: first by deadline, last by priority.
        self.old_low = opened(world, EAST, severity=Severity.LOW, category=Category.SCAMS_AND_FRAUD)
        world.clock.advance(days=30)
        self.urgent = opened(world, EAST, severity=Severity.CRITICAL, category=Category.ILLEGAL_OR_HARMFUL_SPEECH)
        self.flagged = opened(world, EAST, severity=Severity.MEDIUM, trusted_flagger=True, source=CaseSource.APPEAL)
        self.north = opened(world, NORTH, severity=Severity.HIGH)
        # Nobody is seated in the South Province office: this one waits unassigned.
        self.south = opened(world, SOUTH, severity=Severity.MEDIUM)
        step(world, staff(world, "officer_east"), self.urgent.id, CaseState.INVESTIGATING)


@pytest.fixture(scope="module", params=BACKENDS)
def queued(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, Queue]]:
    """One world per backend for the module: these tests only read the queue."""
    data_dir = tmp_path_factory.mktemp("case-queue")
    for url in database_url(request.param, data_dir):
        for world in open_world(url, data_dir):
            yield world, Queue(world)


@pytest.fixture
def world(queued: tuple[World, Queue]) -> World:
    return queued[0]


@pytest.fixture
def queue(queued: tuple[World, Queue]) -> Queue:
    return queued[1]


@pytest.fixture(scope="module")
def clients(queued: tuple[World, Queue]) -> dict[str, TestClient]:
    """Signed-in clients by username, each signed in once for the module."""
    return {}


@pytest.fixture
def sign(queued: tuple[World, Queue], clients: dict[str, TestClient]) -> Sign:
    def client(username: str) -> TestClient:
        if username not in clients:
            clients[username] = signed_in(queued[0], username)
        return clients[username]

    return client


def listed(html: str) -> list[str]:
    """The case ids in the queue's table, in the order shown."""
    return re.findall(r'<a class="case-link" href="/console/cases/(case_[0-9a-f]+)">', html)


def ids(*cases: CaseRow) -> set[str]:
    return {case.id for case in cases}


def test_an_officer_sees_the_cases_of_their_own_subtree_only(sign: Sign, queue: Queue) -> None:
    page = sign("officer_east").get("/console/cases")
    assert page.status_code == 200
    assert set(listed(page.text)) == ids(queue.old_low, queue.urgent, queue.flagged)
    assert "3 cases within your scope." in page.text
    # Nothing of office-north's case reaches the page, not even its id.
    assert queue.north.id not in page.text


def test_a_national_auditor_sees_every_office_and_a_platform_is_refused(sign: Sign, queue: Queue) -> None:
    auditor = sign("auditor").get("/console/cases")
    assert set(listed(auditor.text)) == ids(queue.old_low, queue.urgent, queue.flagged, queue.north, queue.south)
    moderator = sign("chirp_moderator")
    refused = moderator.get("/console/cases")
    assert refused.status_code == 403
    assert "holds no role that may case.read" in refused.text
    assert 'href="/console/cases"' not in moderator.get("/console/").text


def test_the_menu_offers_cases_to_those_who_may_read_them(sign: Sign) -> None:
    assert '<a href="/console/cases">Cases</a>' in sign("officer_east").get("/console/").text
    assert '<a href="/console/cases">Cases</a>' in sign("auditor").get("/console/").text


def test_sorting_by_deadline_and_by_priority(sign: Sign, queue: Queue) -> None:
    client = sign("supervisor")
    by_deadline = listed(client.get("/console/cases?office=office-east").text)
    by_priority = listed(client.get("/console/cases?office=office-east&sort=priority").text)
    # The old low-severity case is due first but matters least; a trusted flagger comes
    # before any severity.
    assert by_deadline[0] == queue.old_low.id
    assert by_priority == [queue.flagged.id, queue.urgent.id, queue.old_low.id]
    assert sorted(by_deadline) == sorted(by_priority)


def test_the_sort_links_keep_the_filters(sign: Sign, queue: Queue) -> None:
    page = sign("supervisor").get("/console/cases?office=office-east&state=filed&overdue=1")
    assert 'href="/console/cases?office=office-east&amp;state=filed&amp;overdue=1&amp;sort=priority"' in page.text
    # The current order is a label with aria-sort, not a link.
    assert 'aria-sort="ascending"' in page.text
    assert "sort=deadline" not in page.text.split("<tbody>")[0].split("<thead>")[1]


def test_state_filter_takes_several_states(sign: Sign, queue: Queue) -> None:
    client = sign("officer_east")
    assert listed(client.get("/console/cases?state=investigating").text) == [queue.urgent.id]
    both = client.get("/console/cases?state=investigating&state=filed").text
    assert set(listed(both)) == ids(queue.old_low, queue.urgent, queue.flagged)
    assert listed(client.get("/console/cases?state=closed").text) == []
    assert 'value="investigating" checked' in both


def test_assignee_office_category_source_and_overdue_filters(sign: Sign, queue: Queue) -> None:
    client = sign("supervisor")
    assert listed(client.get("/console/cases?assignee=none").text) == [queue.south.id]
    assert set(listed(client.get("/console/cases?office=office-east").text)) == ids(
        queue.old_low, queue.urgent, queue.flagged
    )
    speech = client.get("/console/cases?category=ILLEGAL_OR_HARMFUL_SPEECH").text
    assert listed(speech) == [queue.urgent.id]
    assert listed(client.get("/console/cases?source=appeal").text) == [queue.flagged.id]
    overdue = client.get("/console/cases?overdue=1").text
    assert listed(overdue) == [queue.old_low.id]
    assert "1 case matches these filters." in overdue


def test_me_means_the_signed_in_officer(sign: Sign, queue: Queue) -> None:
    mine = sign("officer_north").get("/console/cases?assignee=me").text
    assert listed(mine) == [queue.north.id]
    # The supervisor is assigned nothing.
    assert listed(sign("supervisor").get("/console/cases?assignee=me").text) == []


def test_rows_show_priority_flag_office_assignee_state_and_deadline_status(sign: Sign, queue: Queue) -> None:
    page = sign("officer_east").get("/console/cases").text
    row = dict(_rows(page))
    flagged = row[queue.flagged.id]
    assert "trusted flagger" in flagged
    for shown in ("appeal", "Harbour East County Office", "Officer East"):
        assert shown in flagged
    # The status is written out as well as styled: never colour alone.
    assert '<span class="deadline deadline-breached">breached</span>' in row[queue.old_low.id]
    assert '<span class="deadline deadline-ok">ok</span>' in flagged
    assert "investigating" in row[queue.urgent.id]


def _rows(html: str) -> list[tuple[str, str]]:
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return [(listed(cells)[0], cells) for cells in rows]


def test_htmx_gets_the_table_alone_with_the_sort_out_of_band(sign: Sign, queue: Queue) -> None:
    answer = sign("officer_east").get(
        "/console/cases?office=&state=filed&assignee=&sort=priority", headers={"HX-Request": "true"}
    )
    assert answer.status_code == 200
    assert "<html" not in answer.text
    assert 'id="q-sort" name="sort" value="priority" form="queue-filters" hx-swap-oob="true"' in answer.text
    # The address bar gets the tidy query: no empty fields.
    assert answer.headers["HX-Push-Url"] == "/console/cases?state=filed&sort=priority"
    assert answer.headers["Vary"] == "HX-Request, HX-History-Restore-Request"


def test_the_page_loads_the_keyboard_script_with_defer_and_explains_the_keys(sign: Sign, queue: Queue) -> None:
    client = sign("officer_east")
    page = client.get("/console/cases").text
    assert '<script src="/console/static/queue-keys.js" defer></script>' in page
    assert 'id="queue-keys-help" class="visually-hidden"' in page
    assert 'aria-describedby="queue-keys-help"' in page
    script = client.get("/console/static/queue-keys.js")
    assert script.status_code == 200
    assert "htmx:afterSwap" in script.text


def test_paging_moves_through_the_queue(database: str, tmp_path: Path) -> None:
    # A world of its own: the shared one's counts stay as the other tests expect them.
    for world in open_world(database, tmp_path):
        _pages(world)


def _pages(world: World) -> None:
    with world.runtime.uow(write=True) as uow:
        for number in range(52):
            open_case(
                uow,
                actor=SYSTEM,
                source=CaseSource.REPORT,
                source_ref=f"bulk-{number}",
                jurisdiction=SOUTH,
                category=Category.SCAMS_AND_FRAUD,
                severity=Severity.MEDIUM,
                regulation="dsa",
                article="16",
                at=world.clock(),
            )
        uow.commit()
    client = signed_in(world, "supervisor")
    first = client.get("/console/cases?state=filed")
    assert len(listed(first.text)) == 50
    assert "Showing 1 to 50" in first.text
    assert 'rel="next" href="/console/cases?state=filed&amp;sort=deadline&amp;offset=50"' in first.text
    second = client.get("/console/cases?state=filed&sort=deadline&offset=50")
    assert len(listed(second.text)) == 2
    assert not set(listed(second.text)) & set(listed(first.text))
    assert 'rel="prev" href="/console/cases?state=filed&amp;sort=deadline"' in second.text
    assert 'rel="next"' not in second.text


UNUSABLE = [
    ("state=pending", "State must be one of"),
    ("assignee=someone", "Assignee must be one of"),
    ("category=SPAM", "Category must be one of"),
    ("source=rumour", "Source must be one of"),
    ("sort=newest", "Sort must be one of"),
    ("overdue=yes", "Overdue must be one of"),
    ("offset=-1", "Offset must be a whole number"),
    ("offset=99999999999", "Offset must be a whole number"),
    ("office=%00", "Office must be an office id"),
]


def test_an_unusable_query_is_a_422_naming_the_field(sign: Sign) -> None:
    client = sign("officer_east")
    for query, message in UNUSABLE:
        answer = client.get(f"/console/cases?{query}")
        assert answer.status_code == 422, query
        assert message in answer.text, query
