"""The tables, one module per concept; ``Base.metadata`` is what Alembic migrates."""

from netgov.store.tables.appeals import AppealRow, DisputeRow
from netgov.store.tables.audit import AuditCheckpointRow, AuditEventRow
from netgov.store.tables.base import Base
from netgov.store.tables.cases import CaseEventRow, CaseRow, DeadlinePolicyRow, ReferralRow
from netgov.store.tables.content import ContentRow, DecisionRow, RulebookVersionRow
from netgov.store.tables.identity import ApiKeyRow, GrantRow, StaffRow, WebSessionRow
from netgov.store.tables.notices import NoticeItemRow, NoticeRow, TrustedFlaggerRow
from netgov.store.tables.orders import OrderItemRow, OrderRow
from netgov.store.tables.places import HolidayRow, JurisdictionChangeRow, JurisdictionRow, OfficeRow, PlatformRow
from netgov.store.tables.statements import PlatformEffectRow, StatementRow, StrikeRow

__all__ = [
    "ApiKeyRow",
    "AppealRow",
    "AuditCheckpointRow",
    "AuditEventRow",
    "Base",
    "CaseEventRow",
    "CaseRow",
    "ContentRow",
    "DeadlinePolicyRow",
    "DecisionRow",
    "DisputeRow",
    "GrantRow",
    "HolidayRow",
    "JurisdictionChangeRow",
    "JurisdictionRow",
    "NoticeItemRow",
    "NoticeRow",
    "OfficeRow",
    "OrderItemRow",
    "OrderRow",
    "PlatformEffectRow",
    "PlatformRow",
    "ReferralRow",
    "RulebookVersionRow",
    "StaffRow",
    "StatementRow",
    "StrikeRow",
    "TrustedFlaggerRow",
    "WebSessionRow",
]
