"""Statements for export tests: through the intake (real decisions) or written in bulk."""

from __future__ import annotations

from datetime import datetime, timedelta

from netgov.core.actions import Action
from netgov.core.content import Account, Content
from netgov.core.decision import Automation, LegalGround, Source, StatementOfReasons
from netgov.core.statement import REDRESS
from netgov.core.taxonomy import Category
from netgov.service.intake_batch import Item
from netgov.service.statements import IssuedStatement, statement_row
from tests.service.support import submit
from tests.service_world import World

CRYPTO_DOUBLING = "We are giving back: send any amount between 0.1 and 20 SOL and we will send back double."


def removed(world: World, content_id: str, *, platform: str = "chirp", jurisdiction: str | None = "ex.south") -> None:
    """A post the engine removes, by account ``u-<content id>``."""
    content = Content(
        id=content_id,
        platform=platform,
        text=CRYPTO_DOUBLING,
        account=Account(id=f"u-{content_id}"),
        language="en-GB",
        created_at=world.clock() - timedelta(hours=1),
    )
    submit(world, Item(content=content, jurisdiction=jurisdiction, actor=f"platform:{platform}"))


def bulk_statements(world: World, count: int, *, start: datetime, jurisdiction: str = "de.by") -> None:
    """``count`` statements on chirp written in one insert, one a second from ``start``."""
    ground = LegalGround(
        regulation="MOSR",
        regulation_title="Model Online Safety Regulation",
        version="1.0",
        authority="Model Online Safety Authority",
        jurisdiction="XX",
        article="7",
        article_title="Fraud and scams",
        article_text="Content that offers, solicits or facilitates a fraudulent scheme is illegal.",
    )
    rows = []
    for n in range(count):
        sor = StatementOfReasons(
            decision_id=f"bulk-{n}",
            content_id=f"bulk-{n}",
            platform="chirp",
            measure=Action.REMOVE,
            category=Category.SCAMS_AND_FRAUD,
            territorial_scope=("XX",),
            duration_until=None,
            facts="Automated checks found: the scam check found 2 match(es).",
            source=Source.OWN_INITIATIVE,
            automated_detection=True,
            automated_decision=Automation.FULLY,
            legal_grounds=(ground,),
            explanation="Because rule 'scam' applies MOSR Art. 7 (Fraud and scams), the content was removed.",
            redress=REDRESS,
            issued_at=start + timedelta(seconds=n),
        )
        issued = IssuedStatement(statement=sor, decided_by="rule:scam", jurisdiction=jurisdiction)
        rows.append(statement_row(issued, statement_id=f"sor_bulk{n:07d}"))
    with world.runtime.uow(write=True) as uow:
        uow.statements.insert_many(rows, [])
        uow.commit()
