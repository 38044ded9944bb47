"""Register the treatment categories admin."""

from wagtail import hooks

from .viewsets import TreatmentCategoryViewSet


@hooks.register("register_admin_viewset")
def register_treatment_category_viewset():
    return TreatmentCategoryViewSet()
