"""The action ladder and rule severities.

The ladder is ordered by how much an action restricts the account: a decision takes the
highest rung any enforcing rule reached, so a detector can never escalate on its own
(proportionality: the rule chooses the action).
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    ALLOW = "allow"
    LABEL = "label"
    RESTRICT_VISIBILITY = "restrict_visibility"
    HOLD_FOR_REVIEW = "hold_for_review"
    REMOVE = "remove"
    SUSPEND_ACCOUNT = "suspend_account"

    @property
    def rank(self) -> int:
        return _ACTION_RANK[self]

    @property
    def is_restrictive(self) -> bool:
        return self is not Action.ALLOW


_ACTION_RANK = {action: rank for rank, action in enumerate(Action)}


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}


class Mode(StrEnum):
    """``shadow`` rules fire and are recorded but never change the action."""

    ENFORCE = "enforce"
    SHADOW = "shadow"
