import pytest


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_b(home):
    from wagtail.models import Locale

    print("B", Locale.objects.count())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_c(home):
    from wagtail.models import Locale

    print("C", Locale.objects.count())
