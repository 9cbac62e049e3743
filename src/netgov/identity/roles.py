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
    # Enforcement cases: reading them, working one's own (steps, notes), and moving them
    # between staff and offices (assign, take over, designate, transfer).
    CASE_READ = "case.read"
    CASE_WORK = "case.work"
    CASE_ASSIGN = "case.assign"
    REFERRAL_MANAGE = "referral.manage"
    # Orders to platforms (DSA Art. 9 and 10): regulators issue them, platforms respond.
    ORDER_ISSUE = "order.issue"
    ORDER_READ = "order.read"
    ORDER_RESPOND = "order.respond"
    # Where the network has gaps and which offices are overloaded.
    COVERAGE_READ = "coverage.read"
    # Notices (DSA Art. 16): reading them, and a platform answering those addressed to it.
    NOTICE_READ = "notice.read"
    NOTICE_ANSWER = "notice.answer"
    # Awarding and revoking trusted-flagger status (Art. 22): an office's act.
    FLAGGER_MANAGE = "flagger.manage"
    # Bulk and DSA Transparency Database exports of statements of reasons (no personal data).
    STATEMENT_EXPORT = "statement.export"
    # A platform files an appeal for its account, and receives the effects it must carry out.
    APPEAL_FILE = "appeal.file"
    EFFECT_RECEIVE = "effect.receive"
    # Out-of-court dispute records (Art. 21): their bodies, deadlines and outcomes.
    DISPUTE_MANAGE = "dispute.manage"


_PLATFORM_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.PLATFORM_MODERATOR, Role.PLATFORM_CLIENT})

_READ_DECISIONS = {Activity.DECISION_READ, Activity.DECISION_READ_CONTENT, Activity.RULEBOOK_READ}

_WORK_CASES = {Activity.CASE_READ, Activity.CASE_WORK}

_ENFORCE = _WORK_CASES | {
    Activity.REFERRAL_MANAGE,
    Activity.ORDER_ISSUE,
    Activity.ORDER_READ,
    Activity.COVERAGE_READ,
    Activity.NOTICE_READ,
}

_ANSWER_ORDERS = {Activity.ORDER_READ, Activity.ORDER_RESPOND}

# What a platform does about notices, appeals and the effects it is sent.
_PLATFORM_REDRESS = {
    Activity.NOTICE_READ,
    Activity.NOTICE_ANSWER,
    Activity.APPEAL_FILE,
    Activity.EFFECT_RECEIVE,
    Activity.DISPUTE_MANAGE,
}

# The platform's acts, never the regulator's own.
_PLATFORM_ONLY = {
    Activity.CONTENT_SUBMIT,
    Activity.ORDER_RESPOND,
    Activity.NOTICE_ANSWER,
    Activity.APPEAL_FILE,
    Activity.EFFECT_RECEIVE,
}

ROLE_ACTIVITIES: dict[Role, frozenset[Activity]] = {
    Role.ADMINISTRATOR: frozenset(Activity) - _PLATFORM_ONLY,
    Role.REGULATOR_OFFICER: frozenset(_READ_DECISIONS | _ENFORCE),
    Role.REVIEWER: frozenset(_READ_DECISIONS | _WORK_CASES),
    Role.SUPERVISOR: frozenset(
        _READ_DECISIONS
        | _ENFORCE
        | {Activity.AUDIT_READ, Activity.CASE_ASSIGN, Activity.FLAGGER_MANAGE, Activity.DISPUTE_MANAGE}
    ),
    # Auditors check the record, not the people in it: metadata and the log, never post text.
    Role.AUDITOR: frozenset(
        {
            Activity.DECISION_READ,
            Activity.AUDIT_READ,
            Activity.AUDIT_CHECKPOINT,
            Activity.RULEBOOK_READ,
            Activity.CASE_READ,
            Activity.ORDER_READ,
            Activity.COVERAGE_READ,
            Activity.NOTICE_READ,
            Activity.STATEMENT_EXPORT,
        }
    ),
    Role.PLATFORM_ADMIN: frozenset(
        _READ_DECISIONS | _ANSWER_ORDERS | _PLATFORM_REDRESS | {Activity.API_KEY_MANAGE, Activity.STATEMENT_EXPORT}
    ),
    Role.PLATFORM_MODERATOR: frozenset(_READ_DECISIONS | _ANSWER_ORDERS | _PLATFORM_REDRESS),
    Role.PLATFORM_CLIENT: frozenset(_READ_DECISIONS | _ANSWER_ORDERS | _PLATFORM_REDRESS | {Activity.CONTENT_SUBMIT}),
}
