"""Migration tests: undo the migrations after an old node, make rows as the old code did, migrate
to the latest and check what the data migration made of them.

`MigrationExecutor.migrate` undoes migrations with the models of every app rendered from the
first migration it undoes on, then carries that rendered state through every later migration of
the project, the other apps' included: Wagtail's hundreds made that 75% of a migration test's
time (47 of 77 s of CPU for `leads 0009`). Here each migration is undone and redone on the state
of its own ancestors, which names every model its operations may use (a migration must depend on
what it refers to), rendered once for it.
"""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def ancestors_state(executor, migration):
    """The models as the migration's ancestors left them (what it may use, and all it changes),
    rendered: each operation's states are then copies changed in place, not rendered again."""
    state = executor.loader.project_state((migration.app_label, migration.name), at_end=False)
    state.apps  # noqa: B018  # rendered here, as Django's executor does before (un)applying
    return state


def migrate_back_to(targets):
    """Undo every migration applied after `targets`, newest first; return the models at `targets`."""
    executor = MigrationExecutor(connection)
    for migration, backwards in executor.migration_plan(targets):
        assert backwards, f"{migration} is not applied: migrate_back_to only undoes"  # noqa: S101
        executor.unapply_migration(ancestors_state(executor, migration), migration)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    for migration, _ in executor.migration_plan(executor.loader.graph.leaf_nodes()):
        executor.apply_migration(ancestors_state(executor, migration), migration)
