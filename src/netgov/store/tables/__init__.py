"""The tables, one module per concept; ``Base.metadata`` is what Alembic migrates."""

from netgov.store.tables.audit import AuditCheckpointRow, AuditEventRow
from netgov.store.tables.base import Base
from netgov.store.tables.content import ContentRow, DecisionRow, RulebookVersionRow
from netgov.store.tables.identity import ApiKeyRow, GrantRow, StaffRow, WebSessionRow
from netgov.store.tables.places import JurisdictionRow, OfficeRow, PlatformRow

__all__ = [
    "ApiKeyRow",
    "AuditCheckpointRow",
    "AuditEventRow",
    "Base",
    "ContentRow",
    "DecisionRow",
    "GrantRow",
    "JurisdictionRow",
    "OfficeRow",
    "PlatformRow",
    "RulebookVersionRow",
    "StaffRow",
    "WebSessionRow",
]
