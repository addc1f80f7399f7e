"""The search's SQL fragments: ``toolkit.sql`` (shared with the offers' search)."""

from toolkit.sql import Sql, compose, join

__all__ = ["Sql", "compose", "join"]
