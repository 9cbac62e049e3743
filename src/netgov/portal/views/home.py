"""The portal's front page: what a visitor can do here, and where."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from netgov.portal.rendering import PortalPagesDep

router = APIRouter()


@router.get("/", name="portal_home")
def home_page(request: Request, pages: PortalPagesDep) -> Response:
    return pages.render(request, "portal_home.html")
