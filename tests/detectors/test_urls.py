"""The url detector: extraction through obfuscation, false-positive guards, list labels,
markup, ``content.urls``, and running offline."""

from __future__ import annotations

import socket
from collections.abc import Sequence

import pytest

from netgov.core.content import Content
from netgov.core.detection import BuildContext, Detector
from netgov.core.lists import EntryList, ListEntry
from netgov.core.signals import Signal
from netgov.core.taxonomy import Category
from netgov.core.text import TextViews
from netgov.detectors.urls import UrlFactory
from netgov.detectors.urls.factory import LABELS
from netgov.rulebook.loader import default_normalizer

NORMALIZER = default_normalizer()
FACTORY = UrlFactory()


def domains(name: str, role: str, *entries: str) -> EntryList:
    lines = tuple(ListEntry(text, number) for number, text in enumerate(entries, start=1))
    return EntryList(kind="domain", name=name, path=f"domains/{name}.txt", entries=lines, options={"role": role})


def build(*lists: EntryList, labels: frozenset[str] = LABELS, factory: UrlFactory = FACTORY) -> Detector:
    context = BuildContext({"domain": {entry_list.name: entry_list for entry_list in lists}}, NORMALIZER)
    built = factory.build(context, labels)
    assert not built.problems
    assert built.detector is not None
    return built.detector


def detect(text: str, *lists: EntryList, urls: Sequence[str] = ()) -> dict[str, Signal]:
    content = Content(id="c", text=text, urls=tuple(urls))
    return {signal.label: signal for signal in build(*lists).detect(content, TextViews(text, NORMALIZER))}


def spans(signal: Signal, text: str) -> list[str]:
    return [text[e.start : e.end] for e in signal.evidence]


BLOCK = domains(
    "feeds",
    "block",
    "phishing.example",
    "0.0.0.0 malware.example other.example  # two names on one hosts line",
    "127.0.0.1 fake-bank.example",
    "! adblock comment",
    "||login-verify.example^",
)
SHORTENERS = domains("shorteners", "shorteners", "bit.ly", "t.co", "t.cn")
ALLOW = domains("allowlist", "allow", "example.org")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("visit https://example.net/path?q=1.", "https://example.net/path?q=1"),
        ("defanged example[.]com here", "example[.]com"),
        ("defanged example(.)com here", "example(.)com"),
        ("defanged example{.}com here", "example{.}com"),
        ("defanged example[dot]com here", "example[dot]com"),
        ("defanged example [.] com here", "example [.] com"),
        ("go hxxps://evil[.]example/login now", "hxxps://evil[.]example/login"),
        ("go hXXp://evil.example now", "hXXp://evil.example"),
        ("go hxxps[://]evil.com now", "hxxps[://]evil.com"),
        ("write to example dot com today", "example dot com"),
        ("type paypal . com in the bar", "paypal . com"),
        ("full width ｅｘａｍｐｌｅ．ｃｏｍ here", "ｅｘａｍｐｌｅ．ｃｏｍ"),
        ("ideographic ｅｘａｍｐｌｅ。ｃｏｍ here", "ｅｘａｍｐｌｅ。ｃｏｍ"),
        ("中文句号 example。com 链接", "example。com"),
        ("中文 example点com 链接", "example点com"),
        ("访问example.com登录", "example.com"),
        ("upper case WWW.Example.COM", "WWW.Example.COM"),
        ("(see example.com/a).", "example.com/a"),
        ("zero width ex\u200bample.com here", "ex\u200bample.com"),
        ("port https://example.net:8443/x", "https://example.net:8443/x"),
    ],
)
def test_obfuscated_links_are_found_with_their_original_span(text: str, found: str) -> None:
    assert spans(detect(text)["any"], text) == [found]


@pytest.mark.parametrize(
    "text",
    [
        "e.g. this one",
        "i.e. that one",
        "open report.pdf please",
        "upgrade to v1.2.3 now",
        "pi is 3.14 or so",
        "ask Mr.Smith about it",
        "that was the end.It was late",
        "see readme.md and setup.py",
        "the dot com bubble burst",
        "version 1.2.3.4 is out",
        "route 10.0.0.0/24 to the vpn",
        "at 10 a.m. in the U.S.A.",
        "mail jane@example.net",
        "rename file_name.py",
        "call console.log(x)",
    ],
)
def test_things_that_only_resemble_domains_are_not_links(text: str) -> None:
    assert "any" not in detect(text)


def test_a_bare_word_pair_under_a_real_tld_is_a_domain() -> None:
    # ".world" is a real TLD, so "hello.world" is a domain name someone can register.
    assert spans(detect("say hello.world")["any"], "say hello.world") == ["hello.world"]


def test_userinfo_does_not_hide_the_real_host() -> None:
    text = "log in: http://paypal.com@evil.example/login"
    evidence = detect(text)["any"].evidence[0]
    assert evidence.entry == "evil.example"
    assert "'paypal.com' before the @ hides the real host" in evidence.detail


def test_evidence_names_the_registrable_domain() -> None:
    assert detect("https://a.b.example.co.uk/x")["any"].evidence[0].entry == "example.co.uk"


@pytest.mark.parametrize(
    ("text", "address", "score"),
    [
        ("http://192.168.0.1/admin", "192.168.0.1", 0.7),
        ("http://3232235777/", "192.168.1.1", 0.8),
        ("http://0xc0a80001/", "192.168.0.1", 0.8),
        ("http://0300.0250.0.1/", "192.168.0.1", 0.8),
        ("http://[2001:db8::1]/", "[2001:db8::1]", 0.7),
        ("panel at 192.0.2.1:8080/login", "192.0.2.1", 0.7),
    ],
)
def test_raw_ip_hosts_are_flagged_with_the_decoded_address(text: str, address: str, score: float) -> None:
    signal = detect(text)["ip_host"]
    assert [e.entry for e in signal.evidence] == [address]
    assert signal.score == score


def test_an_impossible_address_is_no_link() -> None:
    assert detect("http://999.1.1.1/ and http://1.2.3.4.5/") == {}


@pytest.mark.parametrize("text", ["https://xn--pypal-4ve.com/", "p\u0430ypal.com"])
def test_internationalised_hosts_are_flagged_as_punycode(text: str) -> None:
    signal = detect(text)["punycode"]
    assert signal.evidence[0].entry == "xn--pypal-4ve.com"
    assert "shown as p\u0430ypal.com" in signal.evidence[0].detail


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("https://phishing.example/x", "phishing.example"),
        ("deep.sub.phishing.example", "phishing.example"),
        ("malware(.)example", "malware.example"),
        ("other.example", "other.example"),
        ("hxxp://fake-bank.example", "fake-bank.example"),
        ("https://www.login-verify.example/", "login-verify.example"),
    ],
)
def test_every_list_format_blocks_the_domain_and_its_subdomains(text: str, entry: str) -> None:
    signal = detect(text, BLOCK)["blocked"]
    assert signal.score == 1.0
    assert signal.category == Category.SCAMS_AND_FRAUD
    assert [e.entry for e in signal.evidence] == [entry]
    assert "block list 'feeds'" in signal.evidence[0].detail


def test_a_listed_domain_does_not_block_lookalike_names() -> None:
    assert "blocked" not in detect("notphishing.example.com and phishing.example.net", BLOCK)


def test_allowlisted_domains_yield_no_signals_at_all() -> None:
    assert detect("docs at https://example.org/ and www.help.example.org", ALLOW, SHORTENERS) == {}


def test_a_blocked_subdomain_of_an_allowed_domain_is_still_blocked() -> None:
    block = domains("block", "block", "evil.example.org")
    assert "blocked" in detect("https://evil.example.org/", ALLOW, block)
    assert detect("https://good.example.org/", ALLOW, block) == {}


@pytest.mark.parametrize(("text", "entry"), [("bit.ly/3xYz", "bit.ly"), ("https://t.co/abc", "t.co")])
def test_shortened_links_are_flagged(text: str, entry: str) -> None:
    signal = detect(text, SHORTENERS)["shortener"]
    assert [e.entry for e in signal.evidence] == [entry]
    assert signal.score == 0.5
    assert signal.category is None


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://evil.example/login">www.paypal.com</a>',
        "<A class='x' HREF='https://evil.example/'><b>paypal.com</b></A>",
        "[https://paypal.com](https://evil.example/login)",
        "请登录[www.paypal.com](https://evil.example/login)办理",
    ],
)
def test_link_text_naming_another_domain_is_a_mismatch(text: str) -> None:
    signal = detect(text)["mismatched_link"]
    assert signal.evidence[0].entry == "evil.example"
    assert signal.evidence[0].detail == "the link text shows paypal.com but the link opens evil.example"
    assert text[signal.evidence[0].start : signal.evidence[0].end].lower().startswith(("<a", "[www", "[http"))


def test_a_mismatch_showing_a_protected_domain_scores_highest() -> None:
    protected = domains("protected", "protected", "paypal.com")
    text = "[paypal.com](https://evil.example/)"
    assert detect(text, protected)["mismatched_link"].score == 1.0
    assert detect(text)["mismatched_link"].score == 0.8


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://www.paypal.com/signin">paypal.com</a>',
        "[click here](https://evil.example/)",
        "[docs](/relative/path)",
        '<a href="mailto:help@evil.example">paypal.com</a>',
    ],
)
def test_matching_or_unnamed_link_text_is_no_mismatch(text: str) -> None:
    assert "mismatched_link" not in detect(text)


def test_urls_sent_by_the_platform_are_judged_without_a_span() -> None:
    found = detect("no link in the text", BLOCK, SHORTENERS, urls=["https://bit.ly/x", "https://phishing.example/"])
    assert [(e.start, e.end, e.entry) for e in found["any"].evidence] == [(0, 0, "bit.ly"), (0, 0, "phishing.example")]
    assert found["blocked"].evidence[0].detail.startswith("from content.urls: ")
    assert found["shortener"].evidence[0].entry == "bit.ly"


def test_each_label_is_one_signal_with_all_its_evidence() -> None:
    text = "a.com, b.net and https://c.org/x"
    found = build().detect(Content(id="c", text=text), TextViews(text, NORMALIZER))
    assert [signal.label for signal in found] == ["any"]
    assert spans(found[0], text) == ["a.com", "b.net", "https://c.org/x"]


def test_only_the_labels_rules_use_are_reported() -> None:
    detector = build(SHORTENERS, labels=frozenset({"shortener"}))
    found = detector.detect(Content(id="c", text="bit.ly/x"), TextViews("bit.ly/x", NORMALIZER))
    assert [signal.label for signal in found] == ["shortener"]


def test_no_detector_is_built_when_no_rule_uses_the_family() -> None:
    context = BuildContext({"domain": {"feeds": BLOCK}}, NORMALIZER)
    built = FACTORY.build(context, frozenset())
    assert built.detector is None
    assert not built.problems


def test_the_detector_builds_and_runs_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the url detector tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    detector = build(BLOCK, factory=UrlFactory())  # a fresh factory loads the suffix list now
    text = "see https://www.bbc.co.uk/news and hxxps://phishing[.]example"
    found = {s.label: s for s in detector.detect(Content(id="c", text=text), TextViews(text, NORMALIZER))}
    assert [e.entry for e in found["any"].evidence] == ["bbc.co.uk", "phishing.example"]
