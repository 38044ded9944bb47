from django.apps import AppConfig


class GalleryConfig(AppConfig):
    """Before-and-after photos of real patients, each shown only while its consent is valid."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "gallery"

    def ready(self):
        from . import images, receivers

        images.connect()
        receivers.connect()
