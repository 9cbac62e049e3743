"""A country's jurisdiction tree from ISO 3166-1 and ISO 3166-2, as pycountry ships them.

Codes become dotted lowercase paths from the ISO codes: France is ``fr``, its region
Auvergne-Rhône-Alpes (FR-ARA) ``fr.ara``, and its department Ain (FR-01, whose ISO parent
is FR-ARA) ``fr.ara.01``. Names are ISO's; levels are the subdivision types, lowercased
and made level names ("Metropolitan region" → "metropolitan region").
"""

from __future__ import annotations

import pycountry

from netgov.errors import InvalidRequestError
from netgov.governance.jurisdiction_files import NodeSpec, as_level


def iso_source(country: str) -> str:
    """How errors and the history name an ISO import."""
    return f"ISO 3166 {country.upper()}"


def iso_nodes(country: str, *, under: str | None = None) -> tuple[NodeSpec, ...]:
    """The country (alpha-2 or alpha-3 code) and every subdivision, parents before children;
    ``under`` places the country below an existing node (its code then starts with it)."""
    found = pycountry.countries.get(alpha_2=country.upper()) if len(country) == 2 else None
    found = found or (pycountry.countries.get(alpha_3=country.upper()) if len(country) == 3 else None)
    if found is None:
        raise InvalidRequestError(f"{country!r} is not an ISO 3166-1 alpha-2 or alpha-3 country code")
    root = f"{under}.{found.alpha_2.lower()}" if under else found.alpha_2.lower()
    nodes = [NodeSpec(code=root, name=found.name, parent=under, level="country", where=f"ISO 3166-1 {found.alpha_2}")]
    subdivisions = {s.code: s for s in pycountry.subdivisions if s.country_code == found.alpha_2}
    codes: dict[str, str] = {}

    def dotted(iso: str) -> str:
        if iso not in codes:
            parent = subdivisions[iso].parent_code
            above = dotted(parent) if parent in subdivisions else root
            codes[iso] = f"{above}.{iso.partition('-')[2].lower()}"
        return codes[iso]

    for iso in sorted(subdivisions, key=lambda iso: (dotted(iso).count("."), dotted(iso))):
        sub = subdivisions[iso]
        parent = dotted(sub.parent_code) if sub.parent_code in subdivisions else root
        nodes.append(NodeSpec(code=dotted(iso), name=sub.name, parent=parent, level=as_level(sub.type), where=iso))
    return tuple(nodes)
