"""Initial schema: places, identity, content and decisions, audit

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-29 12:17:18.635870
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_checkpoints",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=False, nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("log", sa.String(length=200), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("signature", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_checkpoints")),
    )
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=80), nullable=False),
        sa.Column("object", sa.String(length=300), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_events")),
    )
    op.create_table(
        "jurisdictions",
        sa.Column("code", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("parent_code", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_code"], ["jurisdictions.code"], name=op.f("fk_jurisdictions_parent_code_jurisdictions")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_jurisdictions")),
    )
    op.create_index(op.f("ix_jurisdictions_parent_code"), "jurisdictions", ["parent_code"], unique=False)
    op.create_table(
        "rulebook_versions",
        sa.Column("version", sa.String(length=80), nullable=False),
        sa.Column("first_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rules", sa.Integer(), nullable=False),
        sa.Column("regulations", sa.Integer(), nullable=False),
        sa.Column("summary", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_rulebook_versions")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failed_sign_ins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_username")),
    )
    op.create_table(
        "offices",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["jurisdiction_code"], ["jurisdictions.code"], name=op.f("fk_offices_jurisdiction_code_jurisdictions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offices")),
    )
    op.create_index(op.f("ix_offices_jurisdiction_code"), "offices", ["jurisdiction_code"], unique=False)
    op.create_table(
        "platforms",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["jurisdiction_code"], ["jurisdictions.code"], name=op.f("fk_platforms_jurisdiction_code_jurisdictions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platforms")),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_web_sessions_staff_id_staff"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("token_digest", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"], unique=False)
    op.create_index(op.f("ix_web_sessions_staff_id"), "web_sessions", ["staff_id"], unique=False)
    op.create_table(
        "api_keys",
        sa.Column("lookup", sa.String(length=12), nullable=False),
        sa.Column("platform_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["platform_id"], ["platforms.id"], name=op.f("fk_api_keys_platform_id_platforms")),
        sa.PrimaryKeyConstraint("lookup", name=op.f("pk_api_keys")),
    )
    op.create_index(op.f("ix_api_keys_platform_id"), "api_keys", ["platform_id"], unique=False)
    op.create_table(
        "contents",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("platform_id", sa.String(length=64), nullable=False),
        sa.Column("content_id", sa.String(length=200), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("account_id", sa.String(length=200), nullable=True),
        sa.Column("jurisdiction", sa.String(length=200), nullable=True),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["platform_id"], ["platforms.id"], name=op.f("fk_contents_platform_id_platforms")),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_contents")),
        sa.UniqueConstraint("platform_id", "content_id", name=op.f("uq_contents_platform_id_content_id")),
    )
    op.create_table(
        "grants",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("staff_id", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("jurisdiction_code", sa.String(length=200), nullable=True),
        sa.Column("platform_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["jurisdiction_code"], ["jurisdictions.code"], name=op.f("fk_grants_jurisdiction_code_jurisdictions")
        ),
        sa.ForeignKeyConstraint(["platform_id"], ["platforms.id"], name=op.f("fk_grants_platform_id_platforms")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_grants_staff_id_staff"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grants")),
    )
    op.create_index(op.f("ix_grants_staff_id"), "grants", ["staff_id"], unique=False)
    op.create_table(
        "decisions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("content_pk", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.String(length=64), nullable=False),
        sa.Column("content_id", sa.String(length=200), nullable=False),
        sa.Column("jurisdiction", sa.String(length=200), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("category", sa.String(length=80), nullable=True),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("automated", sa.Boolean(), nullable=False),
        sa.Column("rulebook_version", sa.String(length=80), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["content_pk"], ["contents.pk"], name=op.f("fk_decisions_content_pk_contents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sa.UniqueConstraint("content_pk", name=op.f("uq_decisions_content_pk")),
    )
    op.create_index("ix_decisions_action_time", "decisions", ["action", "decided_at"], unique=False)
    op.create_index("ix_decisions_category_time", "decisions", ["category", "decided_at"], unique=False)
    op.create_index("ix_decisions_jurisdiction_time", "decisions", ["jurisdiction", "decided_at"], unique=False)
    op.create_index("ix_decisions_platform_time", "decisions", ["platform_id", "decided_at"], unique=False)
    op.create_index("ix_decisions_time", "decisions", ["decided_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_decisions_time", table_name="decisions")
    op.drop_index("ix_decisions_platform_time", table_name="decisions")
    op.drop_index("ix_decisions_jurisdiction_time", table_name="decisions")
    op.drop_index("ix_decisions_category_time", table_name="decisions")
    op.drop_index("ix_decisions_action_time", table_name="decisions")
    op.drop_table("decisions")
    op.drop_index(op.f("ix_grants_staff_id"), table_name="grants")
    op.drop_table("grants")
    op.drop_table("contents")
    op.drop_index(op.f("ix_api_keys_platform_id"), table_name="api_keys")
    op.drop_table("api_keys")
    op.drop_index(op.f("ix_web_sessions_staff_id"), table_name="web_sessions")
    op.drop_index(op.f("ix_web_sessions_expires_at"), table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_table("platforms")
    op.drop_index(op.f("ix_offices_jurisdiction_code"), table_name="offices")
    op.drop_table("offices")
    op.drop_table("staff")
    op.drop_table("rulebook_versions")
    op.drop_index(op.f("ix_jurisdictions_parent_code"), table_name="jurisdictions")
    op.drop_table("jurisdictions")
    op.drop_table("audit_events")
    op.drop_table("audit_checkpoints")
