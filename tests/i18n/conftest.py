import pytest
from wagtail.models import Locale

from tests.factories import StandardPageFactory
from tests.treatments.factories import TreatmentPageFactory


@pytest.fixture
def spanish(db):
    return Locale.objects.create(language_code="es")


def translate(page, locale, **fields):
    """A published translation of `page` into `locale`, with `fields` in the translated words (its
    parents are translated first when they are not yet)."""
    translation = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


@pytest.fixture
def spanish_home(home, spanish):
    return translate(home, spanish, title="Inicio")


@pytest.fixture
def about(home, practice):
    return StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)


@pytest.fixture
def sobre(about, spanish_home, spanish):
    return translate(about, spanish, title="Sobre nosotros")


@pytest.fixture
def laser(treatment_index, practice):
    return TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening", slug="laser")


@pytest.fixture
def laser_in_spanish(laser, spanish, spanish_home):
    return translate(laser, spanish, title="Tensado con láser", slug="tensado-con-laser")
