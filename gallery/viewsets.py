"""Admin views for the gallery: items for editors with gallery rights, consent records for the same few."""

from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ConsentRecord, GalleryItem


class GalleryItemViewSet(ModelViewSet):
    """Before-and-after items; needs the gallery item permissions."""

    model = GalleryItem
    name = "gallery_items"
    icon = "image"
    menu_label = "Before and after"
    list_display = ["title", "treatment", "live", "consent"]
    list_filter = ["live", "treatment"]
    search_fields = ["title", "caption"]


class ConsentRecordViewSet(ModelViewSet):
    """Patients' consent records; only staff given the consent record permissions see them."""

    model = ConsentRecord
    name = "consent_records"
    icon = "lock"
    menu_label = "Consent records"
    list_display = [
        "patient_reference",
        "signed_on",
        "expires_on",
        "scope_website",
        "scope_social",
        "revoked",
    ]
    list_filter = ["revoked", "scope_website", "scope_social"]
    search_fields = ["patient_reference"]


class GalleryViewSetGroup(ViewSetGroup):
    """The 'Gallery' menu in the admin."""

    menu_label = "Gallery"
    menu_icon = "image"
    menu_order = 250
    items = (GalleryItemViewSet, ConsentRecordViewSet)
