import pytest

from tests.clinics.factories import ClinicIndexPageFactory, ClinicPageFactory
from tests.treatments.factories import TreatmentPageFactory


@pytest.fixture
def clinics_index(home):
    return ClinicIndexPageFactory(parent=home)


@pytest.fixture
def clinic(clinics_index):
    return ClinicPageFactory(parent=clinics_index, title="Marylebone", slug="marylebone")


@pytest.fixture
def treatment(treatment_index):
    return TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening", slug="laser")
