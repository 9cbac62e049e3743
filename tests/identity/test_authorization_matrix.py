"""Who may do what, where: the authorization matrix as a table of cases.

Each case reads as a sentence (its test id), e.g. "county officer east reads a decision in
county west -> deny". The principals and places are those of the test world
(``tests.service_world``): ex > ex.north > ex.north.harbour > {east, west}, and ex.south;
platforms chirp (seat ex.north.harbour) and marketly (ex.south).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from netgov.identity import Activity, Grant, Principal, Resource, Role, authorize
from netgov.identity.roles import ROLE_ACTIVITIES

EAST, WEST = "ex.north.harbour.east", "ex.north.harbour.west"


def _staff(name: str, *grants: Grant) -> Principal:
    return Principal(kind="staff", id=name.lower().replace(" ", "_"), name=name, grants=grants)


def _regulator(role: Role, jurisdiction: str) -> Grant:
    return Grant(role=role, jurisdiction=jurisdiction)


def _platform(role: Role, platform: str) -> Grant:
    return Grant(role=role, platform=platform)


PRINCIPALS: dict[str, Principal | None] = {
    "national administrator": _staff("Ada Admin", _regulator(Role.ADMINISTRATOR, "ex")),
    "north administrator": _staff("Nora Admin", _regulator(Role.ADMINISTRATOR, "ex.north")),
    "provincial officer north": _staff("Otto North", _regulator(Role.REGULATOR_OFFICER, "ex.north")),
    "city reviewer harbour": _staff("Rita Harbour", _regulator(Role.REVIEWER, "ex.north.harbour")),
    "county officer east": _staff("Erik East", _regulator(Role.REGULATOR_OFFICER, EAST)),
    "auditor": _staff("Aud Itor", _regulator(Role.AUDITOR, "ex")),
    "supervisor": _staff("Sue Pervisor", _regulator(Role.SUPERVISOR, "ex")),
    "chirp moderator": _staff("Mo Chirp", _platform(Role.PLATFORM_MODERATOR, "chirp")),
    "chirp platform admin": _staff("Pat Chirp", _platform(Role.PLATFORM_ADMIN, "chirp")),
    "chirp API key": Principal(
        kind="platform", id="chirp", name="Chirp", grants=(_platform(Role.PLATFORM_CLIENT, "chirp"),)
    ),
    "staff without a role": _staff("No Body"),
    "anonymous": None,
}

RESOURCES: dict[str, Resource] = {
    "a decision in county east": Resource(kind="decision", id="d-east", jurisdiction=EAST, platform="chirp"),
    "a decision in county west": Resource(kind="decision", id="d-west", jurisdiction=WEST, platform="chirp"),
    "a city-level decision": Resource(kind="decision", id="d-city", jurisdiction="ex.north.harbour", platform="chirp"),
    "a decision in the south": Resource(kind="decision", id="d-south", jurisdiction="ex.south", platform="marketly"),
    "a decision without jurisdiction": Resource(kind="decision", id="d-none", platform="chirp"),
    "a regulator's own record in the city": Resource(kind="case", id="c-1", jurisdiction="ex.north.harbour"),
    "the audit log": Resource(kind="audit_log"),
    "a chirp post": Resource(kind="content", platform="chirp", jurisdiction="ex.north.harbour"),
    "a marketly post": Resource(kind="content", platform="marketly", jurisdiction="ex.south"),
    "chirp's API keys": Resource(kind="platform", id="chirp", platform="chirp", jurisdiction="ex.north.harbour"),
    "marketly's API keys": Resource(kind="platform", id="marketly", platform="marketly", jurisdiction="ex.south"),
    "a grant in county east": Resource(kind="grant", jurisdiction=EAST),
    "a new platform seated in the south": Resource(kind="platform", id="newco", jurisdiction="ex.south"),
    "the rulebook": Resource(kind="rulebook"),
    "a new city under the north": Resource(kind="jurisdiction", id="ex.north.bay", jurisdiction="ex.north"),
    "a case held by the east county office": Resource(kind="case", id="c-east", jurisdiction=EAST),
    "a case held by the south office": Resource(kind="case", id="c-south", jurisdiction="ex.south"),
    "an east county order to chirp": Resource(kind="order", id="o-east", jurisdiction=EAST, platform="chirp"),
    "a south order to marketly": Resource(kind="order", id="o-south", jurisdiction="ex.south", platform="marketly"),
    "the north's coverage": Resource(kind="coverage", jurisdiction="ex.north"),
    "a notice to chirp in county east": Resource(kind="notice", id="n-east", jurisdiction=EAST, platform="chirp"),
    "a notice to marketly": Resource(kind="notice", id="n-south", jurisdiction="ex.south", platform="marketly"),
    # Addressed to the regulator and not forwarded: the service leaves the platform out of it.
    "a notice to the regulator about chirp": Resource(kind="notice", id="n-reg", jurisdiction=EAST),
    "the east county office's flaggers": Resource(kind="trusted_flagger", jurisdiction=EAST),
    "chirp's statements": Resource(kind="statements", platform="chirp", jurisdiction="ex.north.harbour"),
    "marketly's statements": Resource(kind="statements", platform="marketly", jurisdiction="ex.south"),
    "a chirp appeal": Resource(kind="appeal", platform="chirp", jurisdiction="ex.north.harbour"),
    "chirp's effects": Resource(kind="effects", platform="chirp", jurisdiction="ex.north.harbour"),
    "a chirp dispute": Resource(kind="dispute", platform="chirp", jurisdiction="ex.north.harbour"),
}

VERBS = {
    Activity.DECISION_READ: "reads",
    Activity.DECISION_READ_CONTENT: "reads the text of",
    Activity.CONTENT_SUBMIT: "submits",
    Activity.API_KEY_MANAGE: "manages",
    Activity.AUDIT_READ: "reads",
    Activity.STAFF_MANAGE: "creates",
    Activity.RULEBOOK_READ: "reads",
    Activity.AUDIT_CHECKPOINT: "signs a checkpoint of",
    Activity.PLATFORM_MANAGE: "registers",
    Activity.JURISDICTION_MANAGE: "adds",
    Activity.CASE_READ: "reads",
    Activity.CASE_WORK: "works",
    Activity.CASE_ASSIGN: "reassigns",
    Activity.REFERRAL_MANAGE: "refers",
    Activity.ORDER_ISSUE: "issues",
    Activity.ORDER_READ: "reads",
    Activity.ORDER_RESPOND: "answers",
    Activity.COVERAGE_READ: "reads",
    Activity.NOTICE_READ: "reads",
    Activity.NOTICE_ANSWER: "answers",
    Activity.FLAGGER_MANAGE: "manages",
    Activity.STATEMENT_EXPORT: "exports",
    Activity.APPEAL_FILE: "files",
    Activity.EFFECT_RECEIVE: "receives",
    Activity.DISPUTE_MANAGE: "records",
}


class Case(NamedTuple):
    who: str
    activity: Activity
    what: str
    allowed: bool

    @property
    def sentence(self) -> str:
        return f"{self.who} {VERBS[self.activity]} {self.what} -> {'allow' if self.allowed else 'deny'}"


ALLOW, DENY = True, False
READ, TEXT, SUBMIT = Activity.DECISION_READ, Activity.DECISION_READ_CONTENT, Activity.CONTENT_SUBMIT
KEYS, AUDIT, STAFF, RULEBOOK = (
    Activity.API_KEY_MANAGE,
    Activity.AUDIT_READ,
    Activity.STAFF_MANAGE,
    Activity.RULEBOOK_READ,
)
CHECKPOINT, PLATFORMS = Activity.AUDIT_CHECKPOINT, Activity.PLATFORM_MANAGE
PLACES = Activity.JURISDICTION_MANAGE
CASES, WORK, REASSIGN, REFER = Activity.CASE_READ, Activity.CASE_WORK, Activity.CASE_ASSIGN, Activity.REFERRAL_MANAGE
ISSUE, ORDERS, ANSWER = Activity.ORDER_ISSUE, Activity.ORDER_READ, Activity.ORDER_RESPOND
COVERAGE = Activity.COVERAGE_READ
NOTICES, ANSWER_NOTICE, FLAGGERS = Activity.NOTICE_READ, Activity.NOTICE_ANSWER, Activity.FLAGGER_MANAGE
EXPORT, APPEAL, EFFECTS, DISPUTES = (
    Activity.STATEMENT_EXPORT,
    Activity.APPEAL_FILE,
    Activity.EFFECT_RECEIVE,
    Activity.DISPUTE_MANAGE,
)

MATRIX = [
    # Administrators: everything in their subtree except submitting content.
    Case("national administrator", READ, "a decision in county west", ALLOW),
    Case("national administrator", READ, "a decision in the south", ALLOW),
    Case("national administrator", READ, "a decision without jurisdiction", ALLOW),
    Case("national administrator", TEXT, "a decision in county east", ALLOW),
    Case("national administrator", AUDIT, "the audit log", ALLOW),
    Case("national administrator", KEYS, "marketly's API keys", ALLOW),
    Case("national administrator", STAFF, "a grant in county east", ALLOW),
    Case("national administrator", SUBMIT, "a chirp post", DENY),
    Case("national administrator", PLATFORMS, "a new platform seated in the south", ALLOW),
    Case("national administrator", PLACES, "a new city under the north", ALLOW),
    Case("north administrator", PLACES, "a new city under the north", ALLOW),
    Case("provincial officer north", PLACES, "a new city under the north", DENY),
    Case("national administrator", CHECKPOINT, "the audit log", ALLOW),
    Case("north administrator", PLATFORMS, "a new platform seated in the south", DENY),
    Case("north administrator", KEYS, "chirp's API keys", ALLOW),
    Case("north administrator", KEYS, "marketly's API keys", DENY),
    Case("north administrator", READ, "a decision without jurisdiction", DENY),
    # Regulator officers and reviewers: their subtree, nothing beside or above it.
    Case("provincial officer north", READ, "a decision in county east", ALLOW),
    Case("provincial officer north", READ, "a city-level decision", ALLOW),
    Case("provincial officer north", READ, "a decision in the south", DENY),
    Case("provincial officer north", KEYS, "chirp's API keys", DENY),
    Case("city reviewer harbour", READ, "a decision in county west", ALLOW),
    Case("city reviewer harbour", TEXT, "a city-level decision", ALLOW),
    Case("city reviewer harbour", READ, "a decision in the south", DENY),
    Case("county officer east", READ, "a decision in county east", ALLOW),
    Case("county officer east", TEXT, "a decision in county east", ALLOW),
    Case("county officer east", READ, "a decision in county west", DENY),
    Case("county officer east", TEXT, "a decision in county west", DENY),
    Case("county officer east", READ, "a city-level decision", DENY),
    Case("county officer east", READ, "a decision without jurisdiction", DENY),
    Case("county officer east", AUDIT, "the audit log", DENY),
    Case("county officer east", STAFF, "a grant in county east", DENY),
    Case("county officer east", SUBMIT, "a chirp post", DENY),
    # Auditors check the record, never the people in it; supervisors read the log too.
    Case("auditor", READ, "a decision in county west", ALLOW),
    Case("auditor", READ, "a decision in the south", ALLOW),
    Case("auditor", TEXT, "a decision in county west", DENY),
    Case("auditor", TEXT, "a decision without jurisdiction", DENY),
    Case("auditor", AUDIT, "the audit log", ALLOW),
    Case("auditor", STAFF, "a grant in county east", DENY),
    Case("auditor", CHECKPOINT, "the audit log", ALLOW),
    Case("supervisor", AUDIT, "the audit log", ALLOW),
    Case("supervisor", CHECKPOINT, "the audit log", DENY),
    Case("supervisor", TEXT, "a decision in the south", ALLOW),
    Case("supervisor", KEYS, "chirp's API keys", DENY),
    # Platform staff: their own platform's decisions, never another's, never regulator data.
    Case("chirp moderator", READ, "a decision in county west", ALLOW),
    Case("chirp moderator", TEXT, "a decision without jurisdiction", ALLOW),
    Case("chirp moderator", READ, "a decision in the south", DENY),
    Case("chirp moderator", READ, "a regulator's own record in the city", DENY),
    Case("chirp moderator", AUDIT, "the audit log", DENY),
    Case("chirp moderator", KEYS, "chirp's API keys", DENY),
    Case("chirp platform admin", READ, "a decision in county east", ALLOW),
    Case("chirp platform admin", READ, "a decision in the south", DENY),
    Case("chirp platform admin", READ, "a regulator's own record in the city", DENY),
    Case("chirp platform admin", KEYS, "chirp's API keys", ALLOW),
    Case("chirp platform admin", KEYS, "marketly's API keys", DENY),
    Case("chirp platform admin", STAFF, "a grant in county east", DENY),
    Case("chirp platform admin", SUBMIT, "a chirp post", DENY),
    Case("chirp platform admin", PLATFORMS, "a new platform seated in the south", DENY),
    # A platform's API key submits for its own platform only.
    Case("chirp API key", SUBMIT, "a chirp post", ALLOW),
    Case("chirp API key", SUBMIT, "a marketly post", DENY),
    Case("chirp API key", READ, "a decision in county east", ALLOW),
    Case("chirp API key", READ, "a decision in the south", DENY),
    Case("chirp API key", KEYS, "chirp's API keys", DENY),
    Case("chirp API key", AUDIT, "the audit log", DENY),
    # Cases: worked by regulators of the holding office's subtree; moved by supervisors.
    Case("county officer east", CASES, "a case held by the east county office", ALLOW),
    Case("county officer east", WORK, "a case held by the east county office", ALLOW),
    Case("county officer east", WORK, "a case held by the south office", DENY),
    Case("county officer east", REASSIGN, "a case held by the east county office", DENY),
    Case("city reviewer harbour", WORK, "a case held by the east county office", ALLOW),
    Case("city reviewer harbour", REFER, "a case held by the east county office", DENY),
    Case("provincial officer north", REFER, "a case held by the east county office", ALLOW),
    Case("supervisor", REASSIGN, "a case held by the south office", ALLOW),
    Case("auditor", CASES, "a case held by the south office", ALLOW),
    Case("auditor", WORK, "a case held by the south office", DENY),
    Case("chirp moderator", CASES, "a case held by the east county office", DENY),
    # Orders: issued by officers over their subtree, answered by the platform they address.
    Case("county officer east", ISSUE, "an east county order to chirp", ALLOW),
    Case("county officer east", ISSUE, "a south order to marketly", DENY),
    Case("city reviewer harbour", ISSUE, "an east county order to chirp", DENY),
    Case("national administrator", ANSWER, "an east county order to chirp", DENY),
    Case("chirp API key", ORDERS, "an east county order to chirp", ALLOW),
    Case("chirp API key", ANSWER, "an east county order to chirp", ALLOW),
    Case("chirp API key", ANSWER, "a south order to marketly", DENY),
    Case("chirp moderator", ANSWER, "an east county order to chirp", ALLOW),
    Case("chirp platform admin", ISSUE, "an east county order to chirp", DENY),
    Case("auditor", ORDERS, "a south order to marketly", ALLOW),
    # Coverage: read by officers, supervisors and auditors over their subtree.
    Case("provincial officer north", COVERAGE, "the north's coverage", ALLOW),
    Case("county officer east", COVERAGE, "the north's coverage", DENY),
    Case("chirp platform admin", COVERAGE, "the north's coverage", DENY),
    # Notices: read by regulators over their subtree and by the platform addressed, which answers.
    Case("county officer east", NOTICES, "a notice to chirp in county east", ALLOW),
    Case("county officer east", NOTICES, "a notice to marketly", DENY),
    Case("county officer east", ANSWER_NOTICE, "a notice to chirp in county east", DENY),
    Case("chirp moderator", NOTICES, "a notice to chirp in county east", ALLOW),
    Case("chirp moderator", ANSWER_NOTICE, "a notice to chirp in county east", ALLOW),
    Case("chirp API key", ANSWER_NOTICE, "a notice to marketly", DENY),
    Case("national administrator", ANSWER_NOTICE, "a notice to chirp in county east", DENY),
    Case("auditor", NOTICES, "a notice to marketly", ALLOW),
    Case("chirp moderator", NOTICES, "a notice to the regulator about chirp", DENY),
    Case("chirp API key", ANSWER_NOTICE, "a notice to the regulator about chirp", DENY),
    Case("county officer east", NOTICES, "a notice to the regulator about chirp", ALLOW),
    # Trusted flaggers: awarded by supervisors and administrators, not by officers.
    Case("supervisor", FLAGGERS, "the east county office's flaggers", ALLOW),
    Case("north administrator", FLAGGERS, "the east county office's flaggers", ALLOW),
    Case("county officer east", FLAGGERS, "the east county office's flaggers", DENY),
    Case("chirp platform admin", FLAGGERS, "the east county office's flaggers", DENY),
    # Exports of statements: a platform's administrators for their platform, auditors for all.
    Case("chirp platform admin", EXPORT, "chirp's statements", ALLOW),
    Case("chirp platform admin", EXPORT, "marketly's statements", DENY),
    Case("chirp moderator", EXPORT, "chirp's statements", DENY),
    Case("auditor", EXPORT, "marketly's statements", ALLOW),
    # Appeals, effects and disputes: the platform's own acts.
    Case("chirp API key", APPEAL, "a chirp appeal", ALLOW),
    Case("chirp API key", EFFECTS, "chirp's effects", ALLOW),
    Case("national administrator", EFFECTS, "chirp's effects", DENY),
    Case("chirp moderator", DISPUTES, "a chirp dispute", ALLOW),
    Case("supervisor", DISPUTES, "a chirp dispute", ALLOW),
    Case("county officer east", DISPUTES, "a chirp dispute", DENY),
    Case("anonymous", NOTICES, "a notice to chirp in county east", DENY),
    Case("anonymous", ANSWER_NOTICE, "a notice to chirp in county east", DENY),
    Case("anonymous", FLAGGERS, "the east county office's flaggers", DENY),
    Case("anonymous", EXPORT, "chirp's statements", DENY),
    Case("anonymous", APPEAL, "a chirp appeal", DENY),
    Case("anonymous", EFFECTS, "chirp's effects", DENY),
    Case("anonymous", DISPUTES, "a chirp dispute", DENY),
    Case("anonymous", CASES, "a case held by the east county office", DENY),
    Case("anonymous", WORK, "a case held by the east county office", DENY),
    Case("anonymous", REASSIGN, "a case held by the east county office", DENY),
    Case("anonymous", REFER, "a case held by the east county office", DENY),
    Case("anonymous", ISSUE, "an east county order to chirp", DENY),
    Case("anonymous", ORDERS, "an east county order to chirp", DENY),
    Case("anonymous", ANSWER, "an east county order to chirp", DENY),
    Case("anonymous", COVERAGE, "the north's coverage", DENY),
    # No role, no access; nobody signed in: nothing but the public rulebook.
    Case("staff without a role", READ, "a decision in county east", DENY),
    Case("staff without a role", AUDIT, "the audit log", DENY),
    Case("staff without a role", RULEBOOK, "the rulebook", ALLOW),
    Case("anonymous", READ, "a decision without jurisdiction", DENY),
    Case("anonymous", TEXT, "a decision in county east", DENY),
    Case("anonymous", SUBMIT, "a chirp post", DENY),
    Case("anonymous", AUDIT, "the audit log", DENY),
    Case("anonymous", KEYS, "chirp's API keys", DENY),
    Case("anonymous", STAFF, "a grant in county east", DENY),
    Case("anonymous", CHECKPOINT, "the audit log", DENY),
    Case("anonymous", PLATFORMS, "a new platform seated in the south", DENY),
    Case("anonymous", PLACES, "a new city under the north", DENY),
    Case("anonymous", RULEBOOK, "the rulebook", ALLOW),
]


@pytest.mark.parametrize("case", MATRIX, ids=[case.sentence for case in MATRIX])
def test_authorization_matrix(case: Case) -> None:
    permission = authorize(PRINCIPALS[case.who], case.activity, RESOURCES[case.what])
    assert permission.allowed is case.allowed, permission.reason
    assert permission.reason.strip()


DENIALS = [case for case in MATRIX if not case.allowed and PRINCIPALS[case.who] is not None]


@pytest.mark.parametrize("case", DENIALS, ids=[case.sentence for case in DENIALS])
def test_every_denial_names_the_principal_and_the_scope(case: Case) -> None:
    principal, resource = PRINCIPALS[case.who], RESOURCES[case.what]
    assert principal is not None
    reason = authorize(principal, case.activity, resource).reason
    assert principal.name in reason
    assert case.activity.value in reason
    capable = [g for g in principal.grants if case.activity in ROLE_ACTIVITIES[g.role]]
    # Refused for where, not for what: the reason shows the scopes held and the resource's place.
    for grant in capable:
        assert grant.describe() in reason
    if capable:
        assert resource.describe() in reason


def test_a_cross_jurisdiction_denial_names_the_grant_and_the_resource() -> None:
    reason = authorize(PRINCIPALS["county officer east"], READ, RESOURCES["a decision in county west"]).reason
    assert reason == (
        "Erik East may decision.read only as regulator officer for jurisdiction ex.north.harbour.east, "
        "not on decision d-west (jurisdiction ex.north.harbour.west, platform chirp)"
    )


def test_a_cross_platform_denial_names_both_platforms() -> None:
    reason = authorize(PRINCIPALS["chirp platform admin"], KEYS, RESOURCES["marketly's API keys"]).reason
    assert "platform admin for platform chirp" in reason
    assert "platform marketly" in reason


def test_a_missing_role_is_named_with_the_activity() -> None:
    reason = authorize(PRINCIPALS["auditor"], TEXT, RESOURCES["a decision in county west"]).reason
    assert reason == "Aud Itor holds no role that may decision.read_content"


def test_anonymous_is_told_to_sign_in() -> None:
    assert "sign in" in authorize(None, READ, RESOURCES["a decision in county east"]).reason


def test_an_allowance_names_the_grant_that_gave_it() -> None:
    permission = authorize(PRINCIPALS["city reviewer harbour"], READ, RESOURCES["a decision in county west"])
    assert permission.reason == "Rita Harbour is reviewer for jurisdiction ex.north.harbour"


def test_anonymous_is_denied_every_activity_but_reading_the_rulebook() -> None:
    allowed = {case.activity for case in MATRIX if case.who == "anonymous" and case.allowed}
    denied = {case.activity for case in MATRIX if case.who == "anonymous" and not case.allowed}
    assert (allowed, denied) == ({RULEBOOK}, set(Activity) - {RULEBOOK})


def test_the_matrix_covers_every_role_and_activity() -> None:
    principals = [PRINCIPALS[case.who] for case in MATRIX]
    roles = {grant.role for principal in principals if principal for grant in principal.grants}
    assert roles == set(Role)
    assert {case.activity for case in MATRIX} == set(Activity) == set(VERBS)
