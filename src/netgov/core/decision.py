"""Decisions and statements of reasons: what the engine concluded, as data.

The engine never performs a decision; adapters carry it out. Every field needed to
explain the decision to the affected account (DSA Art. 17) is here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

import msgspec

from netgov.core.actions import Action, Mode, Severity
from netgov.core.observations import Observations
from netgov.core.signals import Signal
from netgov.core.taxonomy import Category


class Source(StrEnum):
    """Why the content was looked at (Art. 17(3)(b))."""

    OWN_INITIATIVE = "own_initiative"
    NOTICE = "notice"
    # A notice from a trusted flagger (Art. 22), and an order from an authority (Art. 9).
    TRUSTED_FLAGGER = "trusted_flagger"
    AUTHORITY_ORDER = "authority_order"


class Automation(StrEnum):
    FULLY = "fully"
    PARTIALLY = "partially"
    NOT_AUTOMATED = "not_automated"


class LegalGround(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """The article a measure relies on, quoted so the statement stands on its own."""

    regulation: str
    regulation_title: str
    version: str
    authority: str
    jurisdiction: str
    article: str
    article_title: str
    article_text: str


class RuleHit(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    rule: str
    title: str
    category: Category
    action: Action
    severity: Severity
    mode: Mode
    legal_ground: LegalGround
    signals: tuple[str, ...] = ()
    duration: timedelta | None = None


class StatementOfReasons(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """The fields of DSA Art. 17(3), for the account whose content was restricted."""

    decision_id: str
    content_id: str
    platform: str
    measure: Action
    category: Category
    territorial_scope: tuple[str, ...]
    duration_until: datetime | None
    facts: str
    source: Source
    automated_detection: bool
    automated_decision: Automation
    legal_grounds: tuple[LegalGround, ...]
    explanation: str
    redress: tuple[str, ...]
    issued_at: datetime


class Decision(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    id: str
    content_id: str
    platform: str
    action: Action
    automated: bool
    rulebook_version: str
    decided_at: datetime
    category: Category | None = None
    rules: tuple[RuleHit, ...] = ()
    signals: tuple[Signal, ...] = ()
    shadow_action: Action | None = None
    statement: StatementOfReasons | None = None
    # What stateful ports observed (waves) and which model versions scored the content.
    observations: Observations | None = None
    models: tuple[str, ...] = ()

    @property
    def enforced(self) -> tuple[RuleHit, ...]:
        return tuple(hit for hit in self.rules if hit.mode is Mode.ENFORCE)


def decision_to_json(decision: Decision) -> bytes:
    return msgspec.json.encode(decision)


def decision_from_json(data: bytes | str) -> Decision:
    return msgspec.json.decode(data, type=Decision)
