"""IP addresses and e-mail addresses: the two kinds of address a network gives a person.

Only *global* IP addresses count. Private (10/8, 192.168/16, fc00::/7), loopback,
link-local, carrier-grade NAT, multicast, reserved and documentation ranges identify no
one outside a local network, and they fill configuration snippets and tutorials.

An e-mail address counts when its parts have legal lengths and characters and its
top-level domain exists in the Public Suffix List (so ``logo@2x.png`` is not an address).
"""

from __future__ import annotations

import ipaddress
import re

from netgov.detectors.suffix_list import public_suffix_list

_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")


def ip_address(text: str, before: str, after: str) -> tuple[str, str] | None:
    """``(normalised address, validator)`` for a global address. ``before`` and ``after``
    are the characters around the candidate: an address must stand alone, not be part of
    a version number (1.2.3.4.5) or a longer token; a port may follow an IPv4 address."""
    if _word(before[-1:]) or before[-1:] in (".", ":") or _word(after[:1]):
        return None
    if (after[:1] == "." and after[1:2].isdigit()) or (after[:1] == ":" and ":" in text):
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if not address.is_global:
        return None
    return str(address), f"ipaddress:ipv{address.version}-global"


def _word(char: str) -> bool:
    # A CJK character right before a number is a boundary, not part of the token.
    return char.isascii() and char.isalnum()


class EmailValidator:
    def __init__(self) -> None:
        # Reads the list bundled with publicsuffixlist (package data, no network).
        self._suffixes = public_suffix_list()

    def validate(self, text: str) -> tuple[int, str] | None:
        """``(characters to skip at the start, normalised address)`` if valid. A leading
        dot is not part of an address ("...write to.me@x.org" keeps "me@x.org")."""
        skip = len(text) - len(text.lstrip("."))
        local, _, domain = text[skip:].partition("@")
        if not local or len(local) > 64 or ".." in local or local.endswith("."):
            return None
        labels = domain.split(".")
        if len(domain) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
            return None
        if not _TOP_LEVEL.fullmatch(labels[-1]) or not self._suffixes.is_public(labels[-1], accept_unknown=False):
            return None
        return skip, f"{local}@{domain}"
