"""Repositories: queries and inserts over one session; they never commit."""
