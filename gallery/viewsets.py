"""Admin views for the gallery: items for editors with gallery rights, consent records for the same few."""

from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .models import ConsentRecord, GalleryItem


class GalleryItemIndexView(IndexView):
    """The item list, with treatment and consent fetched in the same query."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("treatment", "consent")


class GalleryItemViewSet(SnippetViewSet):
    """Before-and-after items; needs the gallery item permissions. A snippet's views, so
    wagtail-localize adds "Translate" to each item (at the same address)."""

    model = GalleryItem
    base_url_path = "gallery_items"
    icon = "image"
    menu_label = "Before and after"
    # The patient reference stays out of this list: it belongs to the consent records view.
    list_display = ["title", "treatment", "public_status"]
    list_filter = ["live", "treatment"]
    search_fields = ["title", "caption"]
    index_view_class = GalleryItemIndexView


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
