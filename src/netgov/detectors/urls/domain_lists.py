"""Domain lists: ``domains/NAME.txt`` in plain, hosts-file or adblock format.

    #! role: block                  block | allow | shorteners | protected
    phishing.example                plain: one domain a line
    0.0.0.0 malware.example         hosts file: an address, then one or more names
    ||login-verify.example^         adblock: a whole-domain rule; "!" starts a comment

The format is recognised line by line, so feeds can be concatenated. A listed domain
matches itself and every subdomain. A line that names no domain is an error with its file,
line and column; a duplicate is not (merged feeds repeat themselves).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from netgov.core.lists import EntryList, ListEntry
from netgov.core.rulebook.diagnostics import Diagnostic
from netgov.detectors.urls.hosts import Host

ROLES = ("block", "allow", "shorteners", "protected")
_TOKEN = re.compile(r"\S+")
_INLINE_COMMENT = re.compile(r"\s#.*")
_ADBLOCK = re.compile(r"\|\|(?P<domain>[^\s/^$|*]+)\^?\|?")
# Underscores are not valid in host names but occur in real feeds' subdomains.
_LABEL = re.compile(r"(?!-)[a-z0-9_-]{1,63}(?<!-)")
# The names every hosts file starts with; they are not blocklist entries.
_LOCAL_NAMES = frozenset(
    "localhost localhost.localdomain local broadcasthost ip6-localhost ip6-loopback ip6-localnet "
    "ip6-mcastprefix ip6-allnodes ip6-allrouters ip6-allhosts 0.0.0.0".split()
)
_FORMATS = "write one domain a line, like example.com, 0.0.0.0 example.com or ||example.com^"


@dataclass(frozen=True, slots=True)
class DomainList:
    name: str
    role: str
    path: str
    domains: tuple[tuple[str, int], ...]  # (ASCII domain, line)


class DomainSet:
    """The domains of one role, from every list with that role."""

    def __init__(self, lists: Iterable[DomainList]) -> None:
        self._names: dict[str, str] = {}
        for listed in lists:
            for domain, _ in listed.domains:
                self._names.setdefault(domain, listed.name)

    def __bool__(self) -> bool:
        return bool(self._names)

    def match(self, host: Host) -> tuple[str, str] | None:
        """The listed domain ``host`` is or is under, and the list naming it."""
        name = host.ascii
        if host.ip:
            found = self._names.get(name)
            return (name, found) if found else None
        position = 0
        while True:
            found = self._names.get(name[position:])
            if found is not None:
                return name[position:], found
            position = name.find(".", position) + 1
            if position == 0:
                return None


def read_domain_list(source: EntryList) -> tuple[DomainList | None, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    role = source.options.get("role")
    if role not in ROLES:
        shown = "no role" if role is None else f"the role {role!r}"
        message = f"domain list {source.name!r} has {shown}; add a header '#! role: ' with one of: {', '.join(ROLES)}"
        return None, [Diagnostic(source.path, 1, 1, message)]
    domains: list[tuple[str, int]] = []
    for entry in source.entries:
        for domain in _entry_domains(entry, source.path, problems):
            domains.append((domain, entry.line))
    return DomainList(source.name, role, source.path, tuple(domains)), problems


def _entry_domains(entry: ListEntry, path: str, problems: list[Diagnostic]) -> list[str]:
    text = _INLINE_COMMENT.sub("", entry.text)
    if text.startswith("!") or (text.startswith("[") and text.endswith("]")):
        return []  # adblock comment or "[Adblock Plus 2.0]" header
    tokens = [(match.start() + 1, match.group()) for match in _TOKEN.finditer(text)]
    if not tokens:
        return []
    if len(tokens) > 1 and _address(tokens[0][1]) is not None:
        names = [(column, name) for column, name in tokens[1:] if name.lower() not in _LOCAL_NAMES]
    elif tokens[0][1].startswith("||"):
        names = _adblock(tokens, entry, path, problems)
    elif len(tokens) > 1:
        column = tokens[1][0]
        problems.append(Diagnostic(path, entry.line, column, f"more than one domain on a line; {_FORMATS}"))
        return []
    else:
        names = [(tokens[0][0], tokens[0][1].removeprefix("*."))]
    found = []
    for column, name in names:
        domain = normalise_domain(name)
        if domain is None:
            problems.append(Diagnostic(path, entry.line, column, _not_a_domain(name)))
        else:
            found.append(domain)
    return found


def _adblock(
    tokens: list[tuple[int, str]], entry: ListEntry, path: str, problems: list[Diagnostic]
) -> list[tuple[int, str]]:
    match = _ADBLOCK.fullmatch(tokens[0][1])
    if match is None or len(tokens) > 1:
        message = "only whole-domain adblock rules like ||example.com^ can be used in a domain list"
        problems.append(Diagnostic(path, entry.line, tokens[0][0], message))
        return []
    return [(tokens[0][0] + 2, match.group("domain"))]


def _not_a_domain(name: str) -> str:
    if "://" in name or "/" in name:
        return f"{name!r} is a URL, not a domain; list only its domain"
    return f"{name!r} is not a domain name; {_FORMATS}"


def _address(text: str) -> str | None:
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return None
    return f"[{address.compressed}]" if address.version == 6 else address.compressed


def normalise_domain(name: str) -> str | None:
    """The ASCII (punycode) form of a listed domain or IP address, or None if invalid."""
    name = unicodedata.normalize("NFKC", name).lower().rstrip(".")
    address = _address(name.strip("[]"))
    if address is not None:
        return address
    labels = name.split(".")
    try:
        labels = [label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii") for label in labels]
    except UnicodeError:
        return None
    if len(labels) < 2 or labels[-1].isdigit() or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    return ".".join(labels)


def by_role(lists: Iterable[DomainList]) -> dict[str, list[DomainList]]:
    grouped: dict[str, list[DomainList]] = {role: [] for role in ROLES}
    for listed in lists:
        grouped[listed.role].append(listed)
    return grouped
