"""Reading statements in the service: scope, the portal link and who gets it."""

from __future__ import annotations

import pytest

from netgov.core.content import Account, Content
from netgov.errors import InvalidRequestError, PermissionDeniedError
from netgov.service.intake_batch import Item
from netgov.service.permissions import SYSTEM
from netgov.service.statement_reads import get_statement, list_statements
from netgov.store.repositories.statements import StatementFilter
from tests.service.support import staff, submit
from tests.service_world import World

CRYPTO_DOUBLING = "We are giving back: send any amount between 0.1 and 20 SOL and we will send back double."


def _removed(world: World, content_id: str, *, platform: str = "chirp") -> str:
    content = Content(id=content_id, platform=platform, text=CRYPTO_DOUBLING, account=Account(id="u-r"))
    submit(world, Item(content=content, jurisdiction="ex.south", actor=f"platform:{platform}"))
    with world.runtime.uow() as uow:
        page = list_statements(uow, SYSTEM, StatementFilter(content=content_id), after=None, limit=5, public_url="")
    (found,) = page.rows
    return found.id


def test_the_portal_link_starts_with_the_public_url_and_carries_the_token(shared_world: World) -> None:
    statement_id = _removed(shared_world, "rd-link")
    with shared_world.runtime.uow() as uow:
        found = get_statement(uow, SYSTEM, statement_id, public_url="https://netgov.example/")
    assert found.portal_url is not None
    assert found.portal_url.startswith(f"https://netgov.example/portal/statements/{statement_id}?token=")


def test_platform_staff_get_the_link_and_the_account_and_regulators_neither(shared_world: World) -> None:
    statement_id = _removed(shared_world, "rd-who")
    with shared_world.runtime.uow() as uow:
        moderator = get_statement(uow, staff(shared_world, "chirp_moderator"), statement_id, public_url="")
        supervisor = get_statement(uow, staff(shared_world, "supervisor"), statement_id, public_url="")
    assert (moderator.portal_url is not None, moderator.account_id) == (True, "u-r")
    assert (supervisor.portal_url, supervisor.account_id) == (None, None)


def test_another_platforms_moderator_may_not_read_it(shared_world: World) -> None:
    statement_id = _removed(shared_world, "rd-other")
    with shared_world.runtime.uow() as uow, pytest.raises(PermissionDeniedError, match="marketly"):
        get_statement(uow, staff(shared_world, "marketly_moderator"), statement_id, public_url="")


def test_a_page_larger_than_the_maximum_is_refused(shared_world: World) -> None:
    with shared_world.runtime.uow() as uow, pytest.raises(InvalidRequestError, match="limit"):
        list_statements(uow, SYSTEM, StatementFilter(), after=None, limit=501, public_url="")
