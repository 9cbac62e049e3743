"""The HTTP edge: the REST API under /v1 and the staff console, on one FastAPI app.

Routers translate requests into service calls and service results into responses; every
permission is decided by ``netgov.identity.authorize`` inside the services.
"""

from netgov.api.app import create_app

__all__ = ["create_app"]
