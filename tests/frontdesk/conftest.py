"""Fixtures for the front desk's screens: the staff and cache fixtures of the leads tests and the
small practice of the conversion tests, shared, and the two clinics most of the screens' tests use."""

import pytest

from tests.analytics.conftest import small_practice  # noqa: F401 (fixtures)
from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory
from tests.indexing import pages_saved_without_indexing  # noqa: F401 (they search leads, never pages)
from tests.leads.conftest import editor, front_desk, manager, treatment  # noqa: F401 (fixtures)


@pytest.fixture
def clinics(home):
    """Two clinics, Marylebone and Richmond."""
    index = ClinicIndexPageFactory(parent=home)
    return (
        ClinicPageFactory(parent=index, title="Marylebone", slug="marylebone"),
        ClinicPageFactory(parent=index, title="Richmond", slug="richmond"),
    )
