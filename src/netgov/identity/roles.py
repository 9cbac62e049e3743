"""Roles and the activities each may perform, as a table the docs and tests read."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    REGULATOR_OFFICER = "regulator_officer"
    REVIEWER = "reviewer"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"
    PLATFORM_ADMIN = "platform_admin"
    PLATFORM_MODERATOR = "platform_moderator"
    # Not a staff role: the role of a platform's API key.
    PLATFORM_CLIENT = "platform_client"

    @property
    def platform_scoped(self) -> bool:
        return self in _PLATFORM_ROLES

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Activity(StrEnum):
    CONTENT_SUBMIT = "content.submit"
    DECISION_READ = "decision.read"
    # Reading the text of a post is reading personal data: it is audited with a reason.
    DECISION_READ_CONTENT = "decision.read_content"
    STAFF_MANAGE = "staff.manage"
    PLATFORM_MANAGE = "platform.manage"
    # Jurisdictions and regulator offices: the shape of the enforcement network.
    JURISDICTION_MANAGE = "jurisdiction.manage"
    API_KEY_MANAGE = "api_key.manage"
    AUDIT_READ = "audit.read"
    AUDIT_CHECKPOINT = "audit.checkpoint"
    RULEBOOK_READ = "rulebook.read"


_PLATFORM_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.PLATFORM_MODERATOR, Role.PLATFORM_CLIENT})

_READ_DECISIONS = {Activity.DECISION_READ, Activity.DECISION_READ_CONTENT, Activity.RULEBOOK_READ}

ROLE_ACTIVITIES: dict[Role, frozenset[Activity]] = {
    Role.ADMINISTRATOR: frozenset(Activity) - {Activity.CONTENT_SUBMIT},
    Role.REGULATOR_OFFICER: frozenset(_READ_DECISIONS),
    Role.REVIEWER: frozenset(_READ_DECISIONS),
    Role.SUPERVISOR: frozenset(_READ_DECISIONS | {Activity.AUDIT_READ}),
    # Auditors check the record, not the people in it: metadata and the log, never post text.
    Role.AUDITOR: frozenset(
        {Activity.DECISION_READ, Activity.AUDIT_READ, Activity.AUDIT_CHECKPOINT, Activity.RULEBOOK_READ}
    ),
    Role.PLATFORM_ADMIN: frozenset(_READ_DECISIONS | {Activity.API_KEY_MANAGE}),
    Role.PLATFORM_MODERATOR: frozenset(_READ_DECISIONS),
    Role.PLATFORM_CLIENT: frozenset(_READ_DECISIONS | {Activity.CONTENT_SUBMIT}),
}
