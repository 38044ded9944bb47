"""Fixtures for the front desk's screens: the staff and cache fixtures of the leads tests and the
small practice of the conversion tests, shared."""

from tests.analytics.conftest import small_practice  # noqa: F401 (fixtures)
from tests.leads.conftest import editor, front_desk, manager, treatment  # noqa: F401 (fixtures)
