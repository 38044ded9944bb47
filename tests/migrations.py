"""Migration tests: undo the migrations after an old node, make rows as the old code did, migrate
to the latest and check what the data migration made of them.

`MigrationExecutor.migrate` undoes migrations with the models of every app rendered from the
first migration it undoes on, then carries that rendered state through every later migration of
the project, the other apps' included: Wagtail's hundreds made that 75% of a migration test's
time (47 of 77 s of CPU for `leads 0009`). Here each migration is undone and redone on the state
of its own ancestors, which names every model its operations may use (a migration must depend on
what it refers to), rendered once for it.

Run as `python -m tests.migrations`, it is `migrate` for the test databases' template, with the
same lookups kept (below).
"""

import functools

from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def keep_swappable_lookups():
    """Give the project's registry a cache of its own for `get_swappable_settings_name`.

    Django caches that method with functools.cache on the class, one cache for every registry, and
    each migration state's registry clears it as it renders: every related field cloned afterwards
    walks all the project's models again. That was 13% of a full migrate's CPU (67 -> 58 s). The
    project's registry still clears its own cache whenever it changes.
    """
    lookup = type(apps).get_swappable_settings_name.__wrapped__
    apps.get_swappable_settings_name = functools.cache(functools.partial(lookup, apps))


def ancestors_state(executor, migration):
    """The models as the migration's ancestors left them (what it may use, and all it changes),
    rendered: each operation's states are then copies changed in place, not rendered again."""
    state = executor.loader.project_state((migration.app_label, migration.name), at_end=False)
    state.apps  # noqa: B018  # rendered here, as Django's executor does before (un)applying
    return state


def migrate_back_to(targets):
    """Undo every migration applied after `targets`, newest first; return the models at `targets`."""
    keep_swappable_lookups()
    executor = MigrationExecutor(connection)
    for migration, backwards in executor.migration_plan(targets):
        assert backwards, f"{migration} is not applied: migrate_back_to only undoes"  # noqa: S101
        executor.unapply_migration(ancestors_state(executor, migration), migration)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    keep_swappable_lookups()
    executor = MigrationExecutor(connection)
    for migration, _ in executor.migration_plan(executor.loader.graph.leaf_nodes()):
        executor.apply_migration(ancestors_state(executor, migration), migration)


if __name__ == "__main__":
    import django
    from django.core.management import call_command

    django.setup()
    keep_swappable_lookups()
    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
