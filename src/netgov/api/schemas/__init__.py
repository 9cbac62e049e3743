"""The API's request and response shapes.

Requests are pydantic models (``content``); answers built from stored decisions are msgspec
types sent as stored (``documents``); the public rulebook and health answers are pydantic
models (``rulebook``, ``health``); ``openapi`` joins them into one OpenAPI document.
"""
