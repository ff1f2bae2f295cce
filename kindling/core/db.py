"""Database helpers shared by the apps."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def derived_write() -> Iterator[None]:
    """A transaction for data that can be rebuilt or lost without harm (stored feed ranks, view counts).

    On PostgreSQL it commits without waiting for the WAL flush (`synchronous_commit = off` for this
    transaction only): a crash can lose the last fraction of a second of such writes, never corrupt them, and
    `kindling refresh-ranks` rebuilds ranks. The request no longer waits on a disk flush it doesn't need.
    Inside an outer transaction it is a plain savepoint, so it can never weaken the caller's commit.
    """
    relaxed = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if relaxed:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield
