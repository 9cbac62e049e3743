"""The errors netgov raises, rooted at one class so that every edge can map them.

    NetgovError
    ├── RulebookError          the rulebook cannot be loaded; carries every Diagnostic
    ├── ContentError           an input item is not valid Content (bad JSON, wrong field)
    ├── TrainingError          classifier training data cannot be used (netgov.classifier.data)
    ├── DetectorError          a detector is misconfigured or registered twice
    │   ├── DuplicateDetectorError
    │   └── ModelError         a model artifact is malformed (netgov.detectors.classifier.model)
    ├── SchemaError            the database is not at this netgov's schema revision    (CLI: exit 2)
    ├── AuditError             an audit checkpoint or its signing key cannot be read (netgov.audit)
    └── ServiceError           a request the service refuses; each maps to one HTTP status
        ├── InvalidRequestError    the request is well-formed JSON but not acceptable    422
        ├── NotAuthenticatedError  no valid session or API key                           401
        ├── PermissionDeniedError  authorize() said no; carries its reason               403
        ├── NotFoundError          no such object (or not visible to the caller)         404
        ├── ConflictError          e.g. a content id reused for different content        409
        │   └── IllegalTransitionError  a case step its procedure does not allow         409
        ├── LockedOutError         too many failed sign-ins; try again later             429
        ├── RateLimitedError       too many requests from one address or reporter         429
        └── ServiceUnavailableError  the service is stopping or not ready; retry later   503

Edges translate these: the CLI prints them and exits with status 1 or 2, the API maps them
to RFC 9457 problem answers (``netgov.api.problems``). Anything else escaping is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netgov.core.rulebook.diagnostics import Diagnostic


class NetgovError(Exception):
    """Root of every error that netgov raises on purpose."""


class RulebookError(NetgovError):
    """The rulebook has errors; ``diagnostics`` lists all of them, not just the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        lines = [d.render() for d in self.diagnostics]
        count = len(self.diagnostics)
        super().__init__(f"{count} error{'s' if count != 1 else ''} in the rulebook:\n" + "\n".join(lines))


class ContentError(NetgovError):
    """An input item could not be turned into Content."""


class DetectorError(NetgovError):
    """A detector could not be built or registered."""


class DuplicateDetectorError(DetectorError):
    """Two detectors claimed the same name; names must be unique across all plug-ins."""


class SchemaError(NetgovError):
    """The database has no netgov schema or an older one; the message names the command that fixes it."""


class AuditError(NetgovError):
    """An audit checkpoint or a checkpoint key is malformed; the message says which part."""


class ServiceError(NetgovError):
    """A request the service refuses; ``status`` is the HTTP status the API answers with."""

    status = 400
    title = "Bad request"


class InvalidRequestError(ServiceError):
    status = 422
    title = "Invalid request"


class NotAuthenticatedError(ServiceError):
    status = 401
    title = "Not authenticated"


class PermissionDeniedError(ServiceError):
    status = 403
    title = "Permission denied"


class NotFoundError(ServiceError):
    status = 404
    title = "Not found"


class ConflictError(ServiceError):
    status = 409
    title = "Conflict"


class IllegalTransitionError(ConflictError):
    """A case cannot take the requested step from its state; the message lists the steps it can take."""

    title = "Illegal case transition"


class LockedOutError(ServiceError):
    status = 429
    title = "Too many failed sign-ins"


class RateLimitedError(ServiceError):
    """A public endpoint's limit was reached; ``retry_after`` says in how many seconds to retry."""

    status = 429
    title = "Too many requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServiceUnavailableError(ServiceError):
    status = 503
    title = "Service unavailable"
