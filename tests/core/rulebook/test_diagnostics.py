"""A broken rulebook reports every problem at once, each at file:line:col."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netgov import RulebookError, load_rulebook
from tests.factories import NOW

FIXTURE = Path(__file__).parents[2] / "fixtures" / "broken-rulebook"
SNAPSHOT = Path(__file__).parents[2] / "snapshots" / "broken-rulebook.txt"


def _messages() -> str:
    with pytest.raises(RulebookError) as caught:
        load_rulebook(FIXTURE, at=NOW)
    return "\n".join(d.render().replace(str(FIXTURE), "<fixture>") for d in caught.value.diagnostics) + "\n"


def test_every_error_is_reported_with_file_line_and_column() -> None:
    rendered = _messages()
    if os.environ.get("NETGOV_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(rendered, encoding="utf-8")
    assert rendered == SNAPSHOT.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "problem",
    [
        "unknown detector or condition 'lexicom'; did you mean 'lexicon'?",
        "is no longer in force",
        "duplicate rule id 't.expired'",
        "cannot run on the linear-time engine",
        "unknown category 'SCAMS'; did you mean 'SCAMS_AND_FRAUD'?",
        "has no article '9'",
        "matches empty text",
        "invalid YAML",
    ],
)
def test_the_broken_rulebook_reports(problem: str) -> None:
    assert problem in _messages()


def test_a_hosts_file_line_with_a_tab_is_one_domain_entry() -> None:
    from netgov.core.lists import parse_entry_list

    parsed, problems = parse_entry_list("domain", "hosts", "hosts.txt", "#! role: block\n0.0.0.0\tbad.example\n")
    assert problems == []
    assert [entry.text for entry in parsed.entries] == ["0.0.0.0\tbad.example"]
