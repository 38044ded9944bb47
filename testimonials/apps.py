from django.apps import AppConfig


class TestimonialsConfig(AppConfig):
    """What patients said about the practice, published only with their recorded consent."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "testimonials"
