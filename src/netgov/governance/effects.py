"""Effects: what a platform is told to carry out, and the effect that undoes each one.

The governance layer never touches a platform; it emits effects that the platform reads and
acknowledges (``netgov.service.platform_effects``). An overturned decision emits the
reverting effect of what it had asked for, so the platform restores exactly what it removed.
"""

from __future__ import annotations

from enum import StrEnum

from netgov.core.actions import Action


class EffectKind(StrEnum):
    REMOVE = "remove"
    RESTRICT_VISIBILITY = "restrict_visibility"
    LABEL = "label"
    SUSPEND_ACCOUNT = "suspend_account"
    RESTORE_CONTENT = "restore_content"
    LIFT_ACCOUNT_RESTRICTION = "lift_account_restriction"
    REMOVE_LABEL = "remove_label"

    @property
    def reverting(self) -> EffectKind | None:
        """The effect that undoes this one; None for an effect that is itself an undoing."""
        return _REVERTING.get(self)


_REVERTING = {
    EffectKind.REMOVE: EffectKind.RESTORE_CONTENT,
    EffectKind.RESTRICT_VISIBILITY: EffectKind.RESTORE_CONTENT,
    EffectKind.LABEL: EffectKind.REMOVE_LABEL,
    EffectKind.SUSPEND_ACCOUNT: EffectKind.LIFT_ACCOUNT_RESTRICTION,
}

_FOR_ACTION = {
    Action.LABEL: EffectKind.LABEL,
    Action.RESTRICT_VISIBILITY: EffectKind.RESTRICT_VISIBILITY,
    # Held content is already withheld by the platform; a confirmed hold becomes a removal.
    Action.HOLD_FOR_REVIEW: EffectKind.REMOVE,
    Action.REMOVE: EffectKind.REMOVE,
    Action.SUSPEND_ACCOUNT: EffectKind.SUSPEND_ACCOUNT,
}


def effect_for(action: Action) -> EffectKind | None:
    """The effect that carries out ``action``; None for allow."""
    return _FOR_ACTION.get(action)
