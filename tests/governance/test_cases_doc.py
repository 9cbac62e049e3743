"""docs/cases.md prints the procedure and the referral statuses; these keep them equal to the code."""

from __future__ import annotations

import re
from pathlib import Path

from netgov.governance.case_states import TRANSITIONS
from netgov.governance.deadline_rules import BUILT_IN
from netgov.governance.referrals import REFERRAL_TRANSITIONS, ReferralStatus

DOC = (Path(__file__).parents[2] / "docs" / "cases.md").read_text(encoding="utf-8")


def _table_row(state: str) -> list[str]:
    row = re.search(rf"^\| `{state}` \| (.+) \|$", DOC, re.MULTILINE)
    assert row is not None, f"docs/cases.md has no table row for {state}"
    return re.findall(r"`([a-z_]+)`", row.group(1))


def test_the_documented_procedure_is_the_coded_one() -> None:
    for state, targets in TRANSITIONS.items():
        assert _table_row(state) == list(targets)


def test_the_documented_referral_statuses_are_the_coded_ones() -> None:
    for status in ("sent", "acknowledged", "in_progress"):
        assert _table_row(status) == [s.value for s in REFERRAL_TRANSITIONS[ReferralStatus(status)]]


def test_the_documented_built_in_deadline_rules_are_the_coded_ones() -> None:
    for rule in BUILT_IN:
        line = f"| `{rule.category}` | `{rule.source}` | {rule.working_hours:g} | {rule.warn_hours:g} |"
        assert line in DOC
