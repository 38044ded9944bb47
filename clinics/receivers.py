"""Purge the render memos that show clinics' prices (a treatment page's "Where to have it") whenever
a clinic or one of its prices is saved or deleted: publishing a clinic saves both."""

from django.db.models.signals import post_delete, post_save

from practice.cache import CLINICS
from practice.signals import purge_after_commit

from .models import ClinicPage, ClinicPrice


def _purge_clinics(sender, **kwargs):
    purge_after_commit(CLINICS)


def connect():
    for model in (ClinicPage, ClinicPrice):
        post_save.connect(_purge_clinics, sender=model, dispatch_uid=f"clinics-{model.__name__}-saved")
        post_delete.connect(_purge_clinics, sender=model, dispatch_uid=f"clinics-{model.__name__}-deleted")
