"""Orders from a regulator office to a platform (DSA Art. 9 and 10): what they must say, the
steps they go through, and when the platform is reminded or the order escalates.

An ``act`` order (Art. 9) names exact items of illegal content and what to do about them; an
``information`` order (Art. 10) asks for information about specific recipients. Both carry a
legal basis, reasons citing the provisions, a territorial scope, a deadline and the redress
open to the platform; ``check_draft`` refuses an order missing any of them, naming each field.

    issued ──▶ acknowledged ──▶ executed | answered | not_executed
       └──────────┴──▶ withdrawn

``TRANSITIONS`` is the one table of allowed steps. Overdue is not a status: an open order
(issued or acknowledged) is overdue once its deadline has passed, and escalates once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from enum import StrEnum

import msgspec

from netgov.core.regulation import Regulation
from netgov.errors import ConflictError, InvalidRequestError
from netgov.identity.principal import within

MAX_ITEMS = 1000
# A reminder goes out when a day is left, or a fifth of the time the order gave when that is
# less: a two-hour order is reminded 24 minutes before its deadline, not as it is issued.
REMINDER_LEAD = timedelta(hours=24)
REMINDER_SHARE = 0.2


class OrderKind(StrEnum):
    ACT = "act"  # Art. 9: act against specific items of illegal content
    INFORMATION = "information"  # Art. 10: provide information about specific recipients


class OrderStatus(StrEnum):
    ISSUED = "issued"
    ACKNOWLEDGED = "acknowledged"
    EXECUTED = "executed"
    ANSWERED = "answered"
    NOT_EXECUTED = "not_executed"
    WITHDRAWN = "withdrawn"

    @property
    def open(self) -> bool:
        """Still waiting for the platform: it can be reminded, fall overdue, escalate."""
        return self in (OrderStatus.ISSUED, OrderStatus.ACKNOWLEDGED)


TRANSITIONS: dict[OrderStatus, tuple[OrderStatus, ...]] = {
    OrderStatus.ISSUED: (OrderStatus.ACKNOWLEDGED, OrderStatus.WITHDRAWN),
    OrderStatus.ACKNOWLEDGED: (
        OrderStatus.EXECUTED,
        OrderStatus.ANSWERED,
        OrderStatus.NOT_EXECUTED,
        OrderStatus.WITHDRAWN,
    ),
    OrderStatus.EXECUTED: (),
    OrderStatus.ANSWERED: (),
    OrderStatus.NOT_EXECUTED: (),
    OrderStatus.WITHDRAWN: (),
}
"""The statuses an order may move to from each status; the last four close it."""


class RequestedAction(StrEnum):
    """What an act order asks the platform to do with the items."""

    REMOVE = "remove"
    DISABLE_ACCESS = "disable_access"
    RESTRICT_VISIBILITY = "restrict_visibility"


class Effect(StrEnum):
    """What the platform reports it did."""

    REMOVED = "removed"
    ACCESS_DISABLED = "access_disabled"
    RESTRICTED = "restricted"
    INFORMATION_PROVIDED = "information_provided"
    NOT_EXECUTED = "not_executed"


_EFFECTS: dict[OrderKind, dict[Effect, OrderStatus]] = {
    OrderKind.ACT: {
        Effect.REMOVED: OrderStatus.EXECUTED,
        Effect.ACCESS_DISABLED: OrderStatus.EXECUTED,
        Effect.RESTRICTED: OrderStatus.EXECUTED,
        Effect.NOT_EXECUTED: OrderStatus.NOT_EXECUTED,
    },
    OrderKind.INFORMATION: {
        Effect.INFORMATION_PROVIDED: OrderStatus.ANSWERED,
        Effect.NOT_EXECUTED: OrderStatus.NOT_EXECUTED,
    },
}


def check_step(order_id: str, current: OrderStatus, target: OrderStatus) -> None:
    """Refuse (409) a step ``TRANSITIONS`` does not allow, saying what is allowed instead."""
    if target in TRANSITIONS[current]:
        return
    if current is OrderStatus.ISSUED and target in TRANSITIONS[OrderStatus.ACKNOWLEDGED]:
        raise ConflictError(f"order {order_id} is issued; acknowledge it before reporting the effect given")
    allowed = ", ".join(TRANSITIONS[current]) or "none, the order is closed"
    raise ConflictError(f"order {order_id} is {current}; it cannot become {target}. Allowed from {current}: {allowed}")


def effects_for(kind: OrderKind) -> tuple[Effect, ...]:
    return tuple(_EFFECTS[kind])


class OrderItem(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """An exact item: the platform's own id of the content (or, for Art. 10, of the account)."""

    content_id: str
    url: str | None = None


class OrderDraft(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """An order as the office means to issue it, before ``check_draft`` accepts it."""

    kind: OrderKind
    regulation: str
    article: str
    provisions: tuple[str, ...]
    reasons: str
    items: tuple[OrderItem, ...]
    territorial_scope: tuple[str, ...]
    deadline: datetime
    redress: str
    action_requested: RequestedAction | None = None
    information_requested: str | None = None


def check_draft(
    draft: OrderDraft,
    *,
    at: datetime,
    issuing_jurisdiction: str,
    jurisdictions: Collection[str],
    regulations: Sequence[Regulation],
) -> None:
    """Refuse (422) a draft that lacks what Art. 9/10 require, naming every field at fault.

    ``jurisdictions`` are the codes that exist (and are not retired); ``regulations`` those
    the rulebook knows: a regulation it knows must have the article in force at ``at``."""
    problems = [
        *_legal_basis_problems(draft, regulations, at),
        *_request_problems(draft),
        *_item_problems(draft.items),
        *_scope_problems(draft.territorial_scope, issuing_jurisdiction, jurisdictions),
    ]
    if not draft.provisions or any(not provision.strip() for provision in draft.provisions):
        problems.append("provisions: cite at least one provision, none of them blank")
    if not draft.reasons.strip():
        problems.append("reasons: the statement of reasons is required")
    if not draft.redress.strip():
        problems.append("redress: say how the platform may seek redress")
    if draft.deadline.tzinfo is None:
        problems.append("deadline_at: must carry a timezone")
    elif draft.deadline <= at:
        problems.append(f"deadline_at: {draft.deadline.isoformat()} is not in the future")
    if problems:
        raise InvalidRequestError("; ".join(problems))


def _legal_basis_problems(draft: OrderDraft, regulations: Sequence[Regulation], at: datetime) -> list[str]:
    if not draft.regulation.strip() or not draft.article.strip():
        missing = [name for name in ("regulation", "article") if not getattr(draft, name).strip()]
        return [f"{name}: the legal basis needs a regulation and an article" for name in missing]
    versions = [regulation for regulation in regulations if regulation.id == draft.regulation]
    if not versions:
        # A regulation outside the rulebook (a national act, say) is taken as cited.
        return []
    for regulation in versions:
        article = regulation.article(draft.article)
        if article is not None and regulation.in_force(article, at):
            return []
    known = sorted({article.number for regulation in versions for article in regulation.articles}, key=_numeric)
    return [f"article: {draft.regulation} has no article {draft.article} in force (articles: {', '.join(known)})"]


def _numeric(number: str) -> tuple[int, str]:
    return (int(number), "") if number.isdigit() else (1 << 30, number)


def _request_problems(draft: OrderDraft) -> list[str]:
    if draft.kind is OrderKind.ACT:
        problems = [] if draft.action_requested else ["action_requested: an act order says what to do with the items"]
        if draft.information_requested is not None:
            problems.append("information_requested: only an information order asks for information")
        return problems
    problems = []
    if draft.information_requested is None or not draft.information_requested.strip():
        problems.append("information_requested: an information order says what information it asks for")
    if draft.action_requested is not None:
        problems.append("action_requested: only an act order asks for action on content")
    return problems


def _item_problems(items: Sequence[OrderItem]) -> list[str]:
    if not items:
        return ["items: name at least one exact item (the platform's content or account id)"]
    if len(items) > MAX_ITEMS:
        return [f"items: at most {MAX_ITEMS} items an order, not {len(items)}"]
    problems, seen = [], set()
    for index, item in enumerate(items):
        if not item.content_id.strip():
            problems.append(f"items[{index}].content_id: required")
        elif item.content_id in seen:
            problems.append(f"items[{index}].content_id: {item.content_id!r} is listed twice")
        seen.add(item.content_id)
        if item.url is not None and not item.url.startswith(("https://", "http://")):
            problems.append(f"items[{index}].url: must be an http(s) URL")
    return problems


def _scope_problems(scope: Sequence[str], issuing: str, jurisdictions: Collection[str]) -> list[str]:
    if not scope:
        return ["territorial_scope: name at least one jurisdiction"]
    problems = []
    for code in scope:
        if code not in jurisdictions:
            problems.append(f"territorial_scope: no jurisdiction {code!r}")
        elif not within(code, issuing):
            problems.append(f"territorial_scope: {code} lies outside the issuing office's jurisdiction {issuing}")
    return problems


class EffectReport(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """What the platform did, when it did it, and in its own words (the reasons, if it did not)."""

    effect: Effect
    effect_at: datetime
    details: str = ""


def check_effect(
    order_id: str, kind: OrderKind, report: EffectReport, *, issued_at: datetime, at: datetime
) -> OrderStatus:
    """The status the report closes the order with; 422 for an effect the kind cannot have,
    a time in the future or before the order, or ``not_executed`` without reasons."""
    status = _EFFECTS[kind].get(report.effect)
    if status is None:
        allowed = ", ".join(_EFFECTS[kind])
        raise InvalidRequestError(f"effect: an {kind} order's effect is one of {allowed}, not {report.effect}")
    if report.effect_at.tzinfo is None:
        raise InvalidRequestError("effect_at: must carry a timezone")
    if report.effect_at > at:
        raise InvalidRequestError(f"effect_at: {report.effect_at.isoformat()} is in the future")
    if report.effect_at < issued_at:
        raise InvalidRequestError(
            f"effect_at: {report.effect_at.isoformat()} is before order {order_id} was issued ({issued_at.isoformat()})"
        )
    if report.effect is Effect.NOT_EXECUTED and not report.details.strip():
        raise InvalidRequestError("effect_details: say why the order was not executed")
    return status


def reminder_lead(issued_at: datetime, deadline: datetime) -> timedelta:
    """How long before the deadline the reminder goes out."""
    return min(REMINDER_LEAD, (deadline - issued_at) * REMINDER_SHARE)


def reminder_due(
    status: OrderStatus, *, issued_at: datetime, deadline: datetime, reminded_at: datetime | None, at: datetime
) -> bool:
    """Whether an open order not yet reminded has come within its reminder lead (and is not yet overdue)."""
    if not status.open or reminded_at is not None or at >= deadline:
        return False
    return deadline - at <= reminder_lead(issued_at, deadline)


def is_overdue(status: OrderStatus, *, deadline: datetime, at: datetime) -> bool:
    return status.open and at > deadline


def escalation_due(status: OrderStatus, *, deadline: datetime, escalated_at: datetime | None, at: datetime) -> bool:
    """An overdue order escalates to the parent office once."""
    return escalated_at is None and is_overdue(status, deadline=deadline, at=at)


def issuing_authority(office_name: str, jurisdiction_name: str) -> str:
    """The authority as the platform sees it: the office and where it has power."""
    return f"{office_name}, {jurisdiction_name}"


def default_redress(*, office_name: str, jurisdiction_name: str, review_office: str | None) -> str:
    """The redress sentence an order carries when the office writes none of its own."""
    review = f"; it may ask {review_office} to review it" if review_office else ""
    return (
        f"The platform may contest this order with {office_name}, giving its reasons with its answer{review}; "
        f"and it may appeal the order before the competent courts of {jurisdiction_name}."
    )
