"""The Engine: Plan x Content -> Decision. Pure: no I/O, no clock, no global state.

The caller passes ``now``; the same plan, content and time always give the same decision,
which is what makes decisions reproducible when they are audited or appealed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from netgov.core.actions import Action, Mode
from netgov.core.conditions import evaluate
from netgov.core.content import Content
from netgov.core.decision import Decision, RuleHit, Source
from netgov.core.observations import Observations
from netgov.core.plan import CompiledRule, Plan
from netgov.core.rulebook.model import Rulebook
from netgov.core.signals import Signal
from netgov.core.statement import write_statement


class Engine:
    def __init__(self, rulebook: Rulebook | Plan) -> None:
        self.plan = rulebook.plan if isinstance(rulebook, Rulebook) else rulebook
        self._last_moment: _Moment | None = None

    @property
    def version(self) -> str:
        return self.plan.version

    def decide(
        self,
        content: Content,
        *,
        now: datetime,
        source: Source = Source.OWN_INITIATIVE,
        observations: Observations | None = None,
    ) -> Decision:
        """Decide one content. ``observations`` carries what stateful ports (waves) saw."""
        signals = self.plan.detect(content, observations)
        return self._decide_on(content, signals, self._moment(now), source, observations)

    def _moment(self, now: datetime) -> _Moment:
        # Callers usually decide many items at one time; formatting it once saves a
        # microsecond a call. The memo is only a cache: decisions do not depend on it.
        last = self._last_moment
        if last is None or last.given is not now:
            last = self._last_moment = _Moment(now, self.plan.version)
        return last

    def decide_many(
        self,
        contents: Iterable[Content],
        *,
        now: datetime,
        source: Source = Source.OWN_INITIATIVE,
        observations: Sequence[Observations | None] | None = None,
    ) -> list[Decision]:
        """Decide many items at the same time ``now``; the per-call work is done once.

        ``observations``, when given, has one entry per content.
        """
        moment = self._moment(now)
        batch = contents if isinstance(contents, Sequence) else list(contents)
        seen = observations if observations is not None else [None] * len(batch)
        found = self.plan.detect_many(batch, seen)
        return [
            self._decide_on(content, signals, moment, source, observed)
            for content, signals, observed in zip(batch, found, seen, strict=True)
        ]

    def _decide_on(
        self,
        content: Content,
        signals: Sequence[Signal],
        moment: _Moment,
        source: Source,
        observations: Observations | None = None,
    ) -> Decision:
        plan = self.plan
        hits: list[RuleHit] = []
        if signals:
            by_key = {signal.key: signal for signal in signals}
            hits = [hit for rule in plan.rules if (hit := _fire(rule, by_key, content, moment.at)) is not None]
        elif plan.signal_free_rules:
            hits = [hit for rule in plan.signal_free_rules if (hit := _fire(rule, {}, content, moment.at)) is not None]
        if not hits and not signals and not observations:
            # The path nearly every post takes: nothing found, nothing fired.
            return Decision(
                id=moment.decision_id(content),
                content_id=content.id,
                platform=content.platform,
                action=Action.ALLOW,
                automated=True,
                rulebook_version=plan.version,
                decided_at=moment.at,
                models=plan.models,
            )
        return _decision(plan, content, signals, hits, moment, source, observations)


class _Moment:
    """The decision time, normalised to UTC-aware once, with the hash prefix of ids cached."""

    __slots__ = ("_prefix", "at", "given")

    def __init__(self, now: datetime, version: str) -> None:
        self.given = now
        self.at = now if now.tzinfo else now.replace(tzinfo=UTC)
        seed = f"{version}\x00{self.at.isoformat()}\x00".encode()
        self._prefix = hashlib.blake2b(seed, digest_size=12)

    def decision_id(self, content: Content) -> str:
        """A stable id: the same content decided by the same rulebook at the same time."""
        digest = self._prefix.copy()
        digest.update(f"{content.platform}\x00{content.id}".encode())
        return "dec_" + digest.hexdigest()


def _fire(compiled: CompiledRule, signals: dict[str, Signal], content: Content, now: datetime) -> RuleHit | None:
    if not compiled.holds(signals, content, now):
        return None
    ground = compiled.ground_at(now)
    if ground is None:
        return None
    # Only now walk the tree again to name the signals that made the rule hold.
    _, used = evaluate(compiled.rule.condition, signals, content, now)
    rule = compiled.rule
    return RuleHit(
        rule=rule.id,
        title=rule.title,
        category=rule.category,
        action=rule.action,
        severity=rule.severity,
        mode=rule.mode,
        legal_ground=ground,
        signals=tuple(sorted(used)),
        duration=rule.duration,
    )


def _decision(
    plan: Plan,
    content: Content,
    signals: Sequence[Signal],
    hits: Sequence[RuleHit],
    moment: _Moment,
    source: Source,
    observations: Observations | None,
) -> Decision:
    now = moment.at
    decision_id = moment.decision_id(content)
    enforced = [h for h in hits if h.mode is Mode.ENFORCE]
    top = max(enforced, key=lambda h: (h.action.rank, h.severity.rank), default=None)
    action = top.action if top else Action.ALLOW
    shadow_top = max((h.action for h in hits), key=lambda a: a.rank, default=action)
    statement = None
    if top is not None and action.is_restrictive:
        deciding = [h for h in enforced if h.action is action]
        statement = write_statement(
            decision_id=decision_id,
            content_id=content.id,
            platform=content.platform,
            action=action,
            category=top.category,
            hits=deciding,
            signals=signals,
            source=source,
            now=now,
            duration_until=now + top.duration if top.duration else None,
        )
    return Decision(
        id=decision_id,
        content_id=content.id,
        platform=content.platform,
        action=action,
        automated=True,
        rulebook_version=plan.version,
        decided_at=now,
        category=top.category if top else None,
        rules=tuple(hits),
        signals=tuple(signals),
        shadow_action=shadow_top if shadow_top.rank > action.rank else None,
        statement=statement,
        observations=observations,
        models=plan.models,
    )
