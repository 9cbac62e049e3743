"""Normalising the URL a reporter gives, so that reports on the same page share one key.

    normalise_url("HTTPS://Example.org:443/p?utm_source=x&b=2&a=1#top")
    == "https://example.org/p?a=1&b=2"

Scheme and host are lower-cased (the host IDNA-encoded), the default port, any user name or
password and the fragment are dropped, tracking parameters are removed and the remaining
query parameters sorted. The path keeps its case (servers may tell ``/A`` from ``/a``);
characters outside ASCII are percent-encoded and every escape is written in upper case, so
the result is ASCII and normalising it again changes nothing.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

MAX_LENGTH = 2000
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that say how a visitor arrived, not what they were shown.
_TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl"}
)
_TRACKING_PREFIXES = ("utm_",)
# RFC 3986 characters a path or query may hold as they are; "%" is kept so escapes survive.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = "/:@!$'()*+,;-._~%?"
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
_HOST = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")


def normalise_url(url: str) -> str:
    """The normalised form of an http(s) URL; ValueError saying what is wrong otherwise."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ValueError(f"not a URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError("must be an http:// or https:// URL")
    host = _host(parts.hostname)
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = _escaped(parts.path or "/", _PATH_SAFE)
    query = _query(parts.query)
    normal = f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")
    if len(normal) > MAX_LENGTH:
        raise ValueError(f"at most {MAX_LENGTH} characters once normalised")
    return normal


def _host(hostname: str | None) -> str:
    if not hostname:
        raise ValueError("the URL names no host")
    host = hostname.lower().rstrip(".")
    if host.startswith("[") or ":" in host:
        return f"[{host.strip('[]')}]"  # an IPv6 literal
    try:
        encoded = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"the host {hostname!r} is not a valid name") from None
    if not _HOST.fullmatch(encoded):
        raise ValueError(f"the host {hostname!r} is not a valid name")
    return encoded


def _query(query: str) -> str:
    pairs: list[tuple[str, str]] = []
    for piece in query.split("&"):
        if not piece:
            continue
        key, sep, value = piece.partition("=")
        if _is_tracking(unquote(key.replace("+", " "))):
            continue
        pairs.append((_escaped(key, _QUERY_SAFE), sep + _escaped(value, _QUERY_SAFE + "=")))
    return "&".join(key + value for key, value in sorted(pairs))


def _is_tracking(key: str) -> bool:
    lowered = key.strip().lower()
    return lowered in _TRACKING or lowered.startswith(_TRACKING_PREFIXES)


def _escaped(text: str, safe: str) -> str:
    """``text`` with everything but ``safe`` ASCII percent-encoded, escapes in upper case."""
    return _ESCAPE.sub(lambda match: match.group(0).upper(), quote(text, safe=safe))
