"""Register the testimonials admin."""

from wagtail import hooks

from .viewsets import TestimonialViewSet


@hooks.register("register_admin_viewset")
def register_testimonial_viewset():
    return TestimonialViewSet()
