"""Îlot server: authoritative rooms over websockets with a durable SQLite log."""
