"""The Public Suffix List, parsed once per process and shared by the detectors.

It is the list shipped inside ``publicsuffixlist`` (package data, never fetched), so it
cannot change while the process runs; parsing it takes about a sixth of a second, too
much to repeat for every rulebook a process loads.
"""

from __future__ import annotations

import functools

from publicsuffixlist import PublicSuffixList


@functools.cache
def public_suffix_list() -> PublicSuffixList:
    """Callers pass ``accept_unknown`` explicitly to each lookup."""
    return PublicSuffixList()
