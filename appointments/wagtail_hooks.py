from wagtail import hooks

from .viewsets import consultation_availability_viewset


@hooks.register("register_admin_viewset")
def register_consultation_availability_viewset():
    return consultation_availability_viewset
