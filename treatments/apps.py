from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    """What patients read: treatment pages, articles and their FAQs."""

    name = "treatments"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from practice.signals import purge_after_commit

        from .models import TreatmentCategory

        # A category's name, description and order show on the treatments index and in every form's
        # treatment list; deleting one moves its treatments to "Other treatments".
        post_save.connect(
            purge_after_commit, sender=TreatmentCategory, dispatch_uid="treatment-category-saved"
        )
        post_delete.connect(
            purge_after_commit, sender=TreatmentCategory, dispatch_uid="treatment-category-deleted"
        )
