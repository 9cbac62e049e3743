"""Enforcement network: jurisdiction history, office hours, holidays, staff offices, cases, referrals, orders

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 14:40:50.249253
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deadline_policies",
        sa.Column("category", sa.String(length=80), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("working_hours", sa.Float(), nullable=False),
        sa.Column("warn_hours", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("category", "source", name=op.f("pk_deadline_policies")),
    )
    op.create_table(
        "jurisdiction_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jurisdiction_changes")),
    )
    with op.batch_alter_table("jurisdiction_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_jurisdiction_changes_code"), ["code"], unique=False)

    op.create_table(
        "holidays",
        sa.Column("jurisdiction_code", sa.String(length=200), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["jurisdiction_code"], ["jurisdictions.code"], name=op.f("fk_holidays_jurisdiction_code_jurisdictions")
        ),
        sa.PrimaryKeyConstraint("jurisdiction_code", "day", name=op.f("pk_holidays")),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_ref", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=200), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("assignee_id", sa.String(length=64), nullable=True),
        sa.Column("category", sa.String(length=80), nullable=False),
        sa.Column("severity", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("trusted_flagger", sa.Boolean(), nullable=False),
        sa.Column("regulation", sa.String(length=200), nullable=False),
        sa.Column("article", sa.String(length=80), nullable=False),
        sa.Column("rule_id", sa.String(length=200), nullable=True),
        sa.Column("platform_id", sa.String(length=64), nullable=True),
        sa.Column("content_id", sa.String(length=200), nullable=True),
        sa.Column("decision_id", sa.String(length=64), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("warned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalations", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["assignee_id"], ["staff.id"], name=op.f("fk_cases_assignee_id_staff")),
        sa.ForeignKeyConstraint(
            ["jurisdiction_code"], ["jurisdictions.code"], name=op.f("fk_cases_jurisdiction_code_jurisdictions")
        ),
        sa.ForeignKeyConstraint(["office_id"], ["offices.id"], name=op.f("fk_cases_office_id_offices")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("source", "source_ref", name=op.f("uq_cases_source_source_ref")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_assignee_state", ["assignee_id", "state"], unique=False)
        batch_op.create_index("ix_cases_content", ["platform_id", "content_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_decision_id"), ["decision_id"], unique=False)
        batch_op.create_index("ix_cases_office_state_deadline", ["office_id", "state", "deadline_at"], unique=False)
        batch_op.create_index("ix_cases_state_deadline", ["state", "deadline_at"], unique=False)

    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=True),
        sa.Column("from_office", sa.String(length=64), nullable=True),
        sa.Column("to_office", sa.String(length=64), nullable=True),
        sa.Column("staff_id", sa.String(length=64), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_events_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_events")),
    )
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_events_case_id"), ["case_id"], unique=False)

    op.create_table(
        "orders",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.String(length=40), nullable=True),
        sa.Column("platform_id", sa.String(length=64), nullable=False),
        sa.Column("issuing_authority", sa.String(length=300), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("regulation", sa.String(length=200), nullable=False),
        sa.Column("article", sa.String(length=80), nullable=False),
        sa.Column("provisions", sa.Text(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("action_requested", sa.String(length=40), nullable=True),
        sa.Column("information_requested", sa.Text(), nullable=True),
        sa.Column("territorial_scope", sa.Text(), nullable=False),
        sa.Column("redress", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=200), nullable=True),
        sa.Column("effect", sa.String(length=40), nullable=True),
        sa.Column("effect_details", sa.Text(), nullable=True),
        sa.Column("effect_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("effect_reported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("effect_reported_by", sa.String(length=200), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=200), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_orders_case_id_cases")),
        sa.ForeignKeyConstraint(["office_id"], ["offices.id"], name=op.f("fk_orders_office_id_offices")),
        sa.ForeignKeyConstraint(["platform_id"], ["platforms.id"], name=op.f("fk_orders_platform_id_platforms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_orders_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_orders_office_status", ["office_id", "status"], unique=False)
        batch_op.create_index(
            "ix_orders_platform_status_deadline", ["platform_id", "status", "deadline_at"], unique=False
        )
        batch_op.create_index("ix_orders_status_deadline", ["status", "deadline_at"], unique=False)

    op.create_table(
        "referrals",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("case_id", sa.String(length=40), nullable=False),
        sa.Column("agency", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_referrals_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referrals_case_id"), ["case_id"], unique=False)

    op.create_table(
        "order_items",
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("content_id", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_order_items_order_id_orders")),
        sa.PrimaryKeyConstraint("order_id", "seq", name=op.f("pk_order_items")),
    )
    with op.batch_alter_table("jurisdictions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.alter_column(
            "level", existing_type=sa.VARCHAR(length=20), type_=sa.String(length=40), existing_nullable=False
        )

    with op.batch_alter_table("offices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False))
        batch_op.add_column(sa.Column("opens", sa.String(length=5), server_default="09:00", nullable=False))
        batch_op.add_column(sa.Column("closes", sa.String(length=5), server_default="17:00", nullable=False))
        batch_op.add_column(sa.Column("weekdays", sa.String(length=20), server_default="0,1,2,3,4", nullable=False))

    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("office_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("weekly_capacity", sa.Integer(), server_default="20", nullable=False))
        batch_op.create_index(batch_op.f("ix_staff_office_id"), ["office_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_staff_office_id_offices"), "offices", ["office_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_staff_office_id_offices"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_staff_office_id"))
        batch_op.drop_column("weekly_capacity")
        batch_op.drop_column("office_id")

    with op.batch_alter_table("offices", schema=None) as batch_op:
        batch_op.drop_column("weekdays")
        batch_op.drop_column("closes")
        batch_op.drop_column("opens")
        batch_op.drop_column("timezone")

    with op.batch_alter_table("jurisdictions", schema=None) as batch_op:
        batch_op.alter_column(
            "level", existing_type=sa.String(length=40), type_=sa.VARCHAR(length=20), existing_nullable=False
        )
        batch_op.drop_column("retired_at")

    op.drop_table("order_items")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referrals_case_id"))

    op.drop_table("referrals")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index("ix_orders_status_deadline")
        batch_op.drop_index("ix_orders_platform_status_deadline")
        batch_op.drop_index("ix_orders_office_status")
        batch_op.drop_index(batch_op.f("ix_orders_case_id"))

    op.drop_table("orders")
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_events_case_id"))

    op.drop_table("case_events")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_state_deadline")
        batch_op.drop_index("ix_cases_office_state_deadline")
        batch_op.drop_index(batch_op.f("ix_cases_decision_id"))
        batch_op.drop_index("ix_cases_content")
        batch_op.drop_index("ix_cases_assignee_state")

    op.drop_table("cases")
    op.drop_table("holidays")
    with op.batch_alter_table("jurisdiction_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jurisdiction_changes_code"))

    op.drop_table("jurisdiction_changes")
    op.drop_table("deadline_policies")
