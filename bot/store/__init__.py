"""Persistent storage: the database engine, its tables, migrations and per-channel settings."""
