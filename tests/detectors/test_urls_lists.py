"""Domain lists: the three formats, roles, and load errors with file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from netgov import Engine
from netgov.core.detection import BuildContext
from netgov.core.lists import EntryList
from netgov.detectors.urls.domain_lists import normalise_domain, read_domain_list
from netgov.errors import RulebookError
from netgov.rulebook import load_rulebook
from tests.detectors.test_urls import FACTORY, NORMALIZER, detect, domains
from tests.factories import NOW, post, rule_yaml, simple_rule, write_rulebook


def listed(*entries: str, role: str = "block") -> list[str]:
    parsed, problems = read_domain_list(domains("feed", role, *entries))
    assert not problems
    assert parsed is not None
    return [domain for domain, _ in parsed.domains]


def problems_of(entry_list: EntryList) -> list[str]:
    built = FACTORY.build(BuildContext({"domain": {entry_list.name: entry_list}}, NORMALIZER), frozenset({"any"}))
    return [problem.render() for problem in built.problems]


def test_plain_hosts_and_adblock_lines_are_recognised_line_by_line() -> None:
    assert listed(
        "plain.example",
        "*.wildcard.example",
        "0.0.0.0 one.example two.example",
        "127.0.0.1 hosts.example # a comment after the entry",
        "127.0.0.1 localhost",
        "::1 ip6-localhost",
        "[Adblock Plus 2.0]",
        "! a comment",
        "||adblock.example^",
        "||no-caret.example",
        "Upper.Example.",
    ) == [
        "plain.example",
        "wildcard.example",
        "one.example",
        "two.example",
        "hosts.example",
        "adblock.example",
        "no-caret.example",
        "upper.example",
    ]


def test_duplicates_are_no_problem() -> None:
    assert listed("dup.example", "||dup.example^", "0.0.0.0 dup.example") == ["dup.example"] * 3


def test_unicode_entries_match_in_their_punycode_form() -> None:
    assert normalise_domain("bücher.example") == "xn--bcher-kva.example"
    assert "blocked" in detect("https://xn--bcher-kva.example/", domains("feed", "block", "bücher.example"))


def test_addresses_can_be_listed() -> None:
    assert listed("192.0.2.7", "2001:db8::1") == ["192.0.2.7", "[2001:db8::1]"]
    assert "blocked" in detect("http://192.0.2.7/login", domains("feed", "block", "192.0.2.7"))


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("not a domain", "domains/bad.txt:2:5: error: more than one domain on a line"),
        ("no_dots", "domains/bad.txt:2:1: error: 'no_dots' is not a domain name"),
        ("-bad-.example", "domains/bad.txt:2:1: error: '-bad-.example' is not a domain name"),
        ("https://evil.example/path", "domains/bad.txt:2:1: error: 'https://evil.example/path' is a URL, not a domain"),
        ("||/ads/banner*", "domains/bad.txt:2:1: error: only whole-domain adblock rules"),
        ("0.0.0.0 good.example bad..example", "domains/bad.txt:2:22: error: 'bad..example' is not a domain name"),
    ],
)
def test_a_line_that_names_no_domain_is_an_error_at_its_place(entry: str, message: str) -> None:
    found = problems_of(domains("bad", "block", "fine.example", entry))
    assert len(found) == 1
    assert found[0].startswith(message)


@pytest.mark.parametrize(("options", "shown"), [({}, "has no role"), ({"role": "deny"}, "has the role 'deny'")])
def test_a_list_needs_a_known_role(options: dict[str, str], shown: str) -> None:
    entry_list = EntryList(kind="domain", name="feed", path="domains/feed.txt", entries=(), options=options)
    assert problems_of(entry_list) == [
        f"domains/feed.txt:1:1: error: domain list 'feed' {shown}; add a header '#! role: ' with one of: "
        "block, allow, shorteners, protected"
    ]


def test_a_protected_entry_must_be_an_ownable_domain() -> None:
    found = problems_of(domains("brands", "protected", "paypal.com", "co.uk"))
    assert found == [
        "domains/brands.txt:2:1: error: 'co.uk' is a public suffix or an address, not a domain someone can own"
    ]


def test_rulebook_loading_reports_a_bad_domain_line_with_file_and_line(tmp_path: Path) -> None:
    write_rulebook(
        tmp_path,
        {
            "domains/feed.txt": "#! role: block\n# a comment\nok.example\n0.0.0.0 bad_entry\n",
            "rules/test.yaml": rule_yaml(simple_rule(when="url: blocked")),
        },
    )
    with pytest.raises(RulebookError) as raised:
        load_rulebook(tmp_path, at=NOW)
    [problem] = raised.value.diagnostics
    assert (Path(problem.path).name, problem.line, problem.column) == ("feed.txt", 4, 9)
    assert "'bad_entry' is not a domain name" in problem.message


def test_a_rulebook_with_domain_lists_blocks_through_its_rules(tmp_path: Path) -> None:
    rule = simple_rule(when="url: blocked").replace("free money here", "see evil.example/x")
    write_rulebook(
        tmp_path,
        {"domains/feed.txt": "#! role: block\n||evil.example^\n", "rules/test.yaml": rule_yaml(rule)},
    )
    engine = Engine(load_rulebook(tmp_path, at=NOW))
    assert engine.decide(post("login at sub.evil.example"), now=NOW).rules != ()
    assert engine.decide(post("login at evil.example.org"), now=NOW).rules == ()
