"""Register the gallery's admin views."""

from wagtail import hooks

from .viewsets import GalleryViewSetGroup


@hooks.register("register_admin_viewset")
def register_gallery_viewsets():
    return GalleryViewSetGroup()
