"""The real app served by uvicorn on a free loopback port, in a background thread."""

from netgov.api.serving import serving_in_thread as serving

__all__ = ["serving"]
