"""Rows built once for a whole test module instead of once per test.

Inside `kept_for_the_module`, a module-scoped fixture writes in a transaction that stays open until
the module's last test and is then rolled back: each test's own transaction is a savepoint inside
it, so a test that changes those rows leaves them as it found them. Only for modules whose tests
all run in a transaction (not `transaction=True`, not live-server or browser tests, which cannot
see uncommitted rows or would flush them).
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def kept_for_the_module(django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
