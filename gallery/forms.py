"""The gallery item form: patient references only for staff allowed to see consent records."""

from wagtail.admin.forms import WagtailAdminModelForm


class GalleryItemForm(WagtailAdminModelForm):
    """Lists consents by number and dates to those without the consent record permission, so
    choosing one never shows them whose photos these are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "consent" in self.fields and not self.shows_patient_references:
            self.fields["consent"].label_from_instance = lambda consent: consent.label_without_reference()

    @property
    def shows_patient_references(self):
        return self.for_user is not None and self.for_user.has_perm("gallery.view_consentrecord")
