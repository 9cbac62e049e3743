"""Where a case goes when it moves up or across the tree of offices.

A breach escalates to the nearest office above the current office's jurisdiction (its
node's parent's route); a take-over must come from an office strictly above; a designation
must stay within the designating office's subtree. Pure functions over an OfficeDirectory.
"""

from __future__ import annotations

from netgov.governance.routing import OfficeDirectory, Routed
from netgov.identity.principal import within


def parent_office(directory: OfficeDirectory, office_id: str) -> Routed | None:
    """The office a breach escalates to: the route of the office's parent node; None at the top."""
    code = directory.offices[office_id]
    parent = directory.tree.parent(code)
    return None if parent is None else directory.covering(parent)


def is_above(directory: OfficeDirectory, upper: str, lower: str) -> bool:
    """Whether office ``upper`` sits on a strict ancestor of office ``lower``'s jurisdiction."""
    return directory.offices[upper] in directory.tree.ancestors(directory.offices[lower])


def in_subtree(directory: OfficeDirectory, office_id: str, root: str) -> bool:
    """Whether office ``office_id`` sits in the subtree of jurisdiction ``root`` (``root`` included)."""
    return within(directory.offices[office_id], root)
