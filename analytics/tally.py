"""Page views counted in this process's memory and added to PageViewCount in batches: a view costs a
dictionary update, never a database write.

Each process writes its counts every ANALYTICS_FLUSH_SECONDS from a thread of its own, and when it
exits (`last_write`: atexit, and a web server worker's last act, practice/server.py). A process that dies without
exiting (killed, out of memory) loses what it counted since its last write: at most
ANALYTICS_FLUSH_SECONDS (10 s) of that one process's views. Nothing but the counts is kept.
"""

import atexit
import logging
import os
import threading
from datetime import date

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, transaction

from .models import PageViewCount

logger = logging.getLogger(__name__)

# Groups (day x path x arrival x device) held between writes; views of further groups are dropped
# and logged, so a scanner's endless paths cannot fill the memory of a process whose writes fail.
MAX_GROUPS = 10_000
# How long an exit waits for a write in progress (the web server's graceful timeout is 30 s).
LAST_WRITE_SECONDS = 5
GROUP_FIELDS = ("day", "path", "not_found", "channel", "source", "campaign", "device")

_lock = threading.Lock()
_counts = {}  # PageView -> views since the last write
_dropped = 0  # views not counted since the last write: MAX_GROUPS was reached
_writer = None  # this process's writing thread, started with its first view
_stop = threading.Event()  # set by `last_write`


def add(view, views=1):
    """Count `views` more of the PageView `view`."""
    global _dropped
    with _lock:
        if view in _counts:
            _counts[view] += views
        elif len(_counts) < MAX_GROUPS:
            _counts[view] = views
        else:
            _dropped += views
    if _writer is None:
        start_writer()


def take():
    """The counts since the last write, and the views dropped since then; both start again at 0."""
    global _counts, _dropped
    with _lock:
        counts, dropped = _counts, _dropped
        _counts, _dropped = {}, 0
    return counts, dropped


def flush_page_views():
    """Add this process's counts to PageViewCount in one transaction; the number of views written.

    When the database fails, the counts are kept for the next write (within MAX_GROUPS)."""
    counts, dropped = take()
    if dropped:
        logger.warning("%d page views not counted: more than %d groups between writes", dropped, MAX_GROUPS)
    if not counts:
        return 0
    try:
        write(counts)
    except DatabaseError:
        logger.exception("Page views not written; kept for the next write")
        for view, views in counts.items():
            add(view, views)
        return 0
    return sum(counts.values())


def write(counts):
    """One INSERT ... ON CONFLICT DO UPDATE adding each group's views to its row, in SQL both
    PostgreSQL and SQLite run: the database adds them, so processes writing the same row at once
    lose nothing (bulk_create's update_conflicts can only overwrite a count, not add to it)."""
    quote = connection.ops.quote_name
    table = quote(PageViewCount._meta.db_table)
    group = ", ".join(quote(PageViewCount._meta.get_field(name).column) for name in GROUP_FIELDS)
    views = quote(PageViewCount._meta.get_field("views").column)
    placeholders = ", ".join(["%s"] * (len(GROUP_FIELDS) + 1))
    sql = (
        f"INSERT INTO {table} ({group}, {views}) VALUES ({placeholders}) "  # noqa: S608  # nosec B608: names, not values
        f"ON CONFLICT ({group}) DO UPDATE SET {views} = {table}.{views} + EXCLUDED.{views}"
    )
    rows = [
        (connection.ops.adapt_datefield_value(date.fromisoformat(view.day)), *view[1:], count)
        for view, count in counts.items()
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def start_writer():
    """Start this process's writing thread (a daemon: it never holds up an exit, atexit writes last).
    With ANALYTICS_FLUSH_SECONDS at 0 it is made but never started: counts wait for a flush."""
    global _writer
    seconds = settings.ANALYTICS_FLUSH_SECONDS
    with _lock:
        if _writer is not None:
            return
        _writer = threading.Thread(target=write_every, args=(seconds,), name="page-view-writer", daemon=True)
        if seconds > 0:
            _writer.start()


def write_every(seconds):
    while not _stop.wait(seconds):
        close_old_connections()  # as a request does: a connection the database dropped is replaced
        try:
            flush_page_views()
        except Exception:  # any other failure is logged and tried again; the thread must not end
            logger.exception("Page view writer failed")


def last_write():
    """A process's last write: its thread stops (after finishing a write it is in the middle of,
    which an exit would cut short), then what is left is written. The number of views written."""
    _stop.set()
    if _writer is not None and _writer.is_alive():
        _writer.join(timeout=LAST_WRITE_SECONDS)
    return flush_page_views()


def forget_parent_counts():
    """In a forked process: the parent's counts are the parent's to write, and its thread is not here."""
    global _lock, _counts, _dropped, _writer, _stop
    _lock, _counts, _dropped, _writer, _stop = threading.Lock(), {}, 0, None, threading.Event()


os.register_at_fork(after_in_child=forget_parent_counts)
# A process that exits normally writes what it counted since the last write.
atexit.register(last_write)
