"""The coverage page: the report of ``netgov.service.coverage_report`` as tables and a bar
chart, drawn here as SVG geometry (no script, and presentation attributes rather than
style attributes, which the content security policy forbids)."""

from __future__ import annotations

from typing import Annotated

import msgspec
from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from netgov.service.coverage_report import CoverageDocument, network_coverage
from netgov.web.rendering import PagesDep
from netgov.web.sessions import RuntimeDep, SessionDep

router = APIRouter()

CODE_PATTERN = r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$"
# Chart geometry, in SVG user units.
LABEL_WIDTH, TRACK_WIDTH, ROW_HEIGHT, TOP = 190, 360, 44, 28


class Bar(msgspec.Struct, frozen=True, kw_only=True):
    """One level's row of the chart: where it sits and how long its two bars are."""

    level: str
    y: int
    office_width: float
    office_share: float
    staffed_width: float
    staffed_share: float


class Chart(msgspec.Struct, frozen=True, kw_only=True):
    bars: list[Bar]
    width: int
    height: int
    track_x: int
    track_width: int


def chart(document: CoverageDocument) -> Chart:
    """Per level: the share of its jurisdictions with an office of their own, and the share of
    its offices with staff, as bar lengths on a track of ``TRACK_WIDTH``."""
    bars = []
    for index, level in enumerate(document.levels):
        office_share = level.share_with_office
        staffed_share = level.staffed_offices / level.offices if level.offices else 0.0
        bars.append(
            Bar(
                level=level.level,
                y=TOP + index * ROW_HEIGHT,
                office_width=round(TRACK_WIDTH * office_share, 1),
                office_share=office_share,
                staffed_width=round(TRACK_WIDTH * staffed_share, 1),
                staffed_share=staffed_share,
            )
        )
    width = LABEL_WIDTH + TRACK_WIDTH + 60
    return Chart(
        bars=bars, width=width, height=TOP + ROW_HEIGHT * len(bars) + 8, track_x=LABEL_WIDTH, track_width=TRACK_WIDTH
    )


@router.get("/coverage", name="coverage")
def coverage_page(
    request: Request,
    pages: PagesDep,
    runtime: RuntimeDep,
    session: SessionDep,
    under: Annotated[str | None, Query(max_length=200, pattern=CODE_PATTERN)] = None,
) -> Response:
    with runtime.uow() as uow:
        document = network_coverage(uow, actor=session.principal, under=under)
    return pages.render(
        request, "coverage.html", session=session, report=document, chart=chart(document), under=under or ""
    )
