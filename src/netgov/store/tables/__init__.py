"""The tables, one module per concept; ``Base.metadata`` is what Alembic migrates."""

from netgov.store.tables.audit import AuditCheckpointRow, AuditEventRow
from netgov.store.tables.base import Base
from netgov.store.tables.cases import CaseEventRow, CaseRow, DeadlinePolicyRow, ReferralRow
from netgov.store.tables.content import ContentRow, DecisionRow, RulebookVersionRow
from netgov.store.tables.identity import ApiKeyRow, GrantRow, StaffRow, WebSessionRow
from netgov.store.tables.orders import OrderItemRow, OrderRow
from netgov.store.tables.places import HolidayRow, JurisdictionChangeRow, JurisdictionRow, OfficeRow, PlatformRow

__all__ = [
    "ApiKeyRow",
    "AuditCheckpointRow",
    "AuditEventRow",
    "Base",
    "CaseEventRow",
    "CaseRow",
    "ContentRow",
    "DeadlinePolicyRow",
    "DecisionRow",
    "GrantRow",
    "HolidayRow",
    "JurisdictionChangeRow",
    "JurisdictionRow",
    "OfficeRow",
    "OrderItemRow",
    "OrderRow",
    "PlatformRow",
    "ReferralRow",
    "RulebookVersionRow",
    "StaffRow",
    "WebSessionRow",
]
