"""Fixtures for the front desk's screens: the staff and cache fixtures of the leads tests, shared."""

from tests.leads.conftest import editor, front_desk, manager, treatment  # noqa: F401 (fixtures)
