"""Storage: SQLAlchemy tables, Alembic migrations, repositories and the unit of work.

SQLite (embedded default) and PostgreSQL run the same code and the same contract tests.
"""
