"""Alembic migrations of the newsbot database (run through bot.store.migrate)."""
