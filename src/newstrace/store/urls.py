"""What `--db` names: a SQLite file path or a database URL; the URL the engine is made
from, and the form that may be printed (never with its password)."""

from __future__ import annotations

from sqlalchemy import URL, make_url
from sqlalchemy.exc import ArgumentError


def database_url(db: str) -> URL:
    """A path as a SQLite URL; ``postgresql://`` with the psycopg (3) driver."""
    url = make_url(db if "://" in db else f"sqlite:///{db}")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def shown_db(db: str) -> str:
    """``db`` as it may be printed: a database URL without its password."""
    if "://" not in db:
        return db
    try:
        return make_url(db).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # unreadable, so nothing of it is shown
        return db.split("://")[0] + "://…"


def without_password(message: str, db: str) -> str:
    """An error message about ``db`` with the URL shown as `shown_db` shows it, and the
    password nowhere (a driver may repeat it in its own words)."""
    message = message.replace(db, shown_db(db))
    if "://" in db:
        try:
            password = make_url(db).password
        except (ArgumentError, ValueError):
            password = db.split("://", 1)[1].rsplit("@", 1)[0]
        if password:
            message = message.replace(str(password), "***")
    return message
