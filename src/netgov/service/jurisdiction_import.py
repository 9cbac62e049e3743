"""Importing jurisdictions from a file (CSV or JSON) or from ISO 3166 data, all or nothing.

The file is checked as a whole against the stored tree first
(``netgov.governance.jurisdiction_files.plan_import``): the first problem found refuses the
whole import, naming the file, line and problem, before any row is written. Nodes already
stored with the same name, parent and level are skipped, so importing a file twice is
harmless; a stored node with other values is a conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from netgov.governance.jurisdiction_files import NodeSpec, StoredNode, plan_import
from netgov.identity.principal import Principal
from netgov.service.places import may_manage, new_node, record_change
from netgov.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Imported:
    created: tuple[str, ...]
    unchanged: tuple[str, ...]


def import_jurisdictions(
    uow: UnitOfWork, *, actor: Principal, nodes: Sequence[NodeSpec], source: str, at: datetime
) -> Imported:
    """Create the file's new nodes, parents first, each with its history row and audit event;
    the caller commits once, so a refusal part-way leaves nothing behind."""
    stored = {
        row.code: StoredNode(row.code, row.name, row.parent_code, row.level, row.retired_at is not None)
        for row in uow.places.jurisdictions()
    }
    plan = plan_import(nodes, stored, source=source)
    for node in plan.create:
        may_manage(actor, node.code, node.parent)
    for node in plan.create:
        level = node.level or ""  # plan_import fills every level in
        new_node(uow, code=node.code, name=node.name, level=level, parent=node.parent)
        after = {"name": node.name, "level": level, "parent": node.parent, "source": f"{source}: {node.where}"}
        reason = f"imported from {source}"
        record_change(
            uow, actor=actor, kind="create", codes=[node.code], details={"after": after}, reason=reason, at=at
        )
    return Imported(created=tuple(node.code for node in plan.create), unchanged=plan.unchanged)
