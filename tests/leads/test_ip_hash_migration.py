"""Migration 0010 marks the IP hashes made with the secret key as version 0 of the IP hash key."""

import importlib

import pytest
from django.apps import apps

from leads.models import Lead

from .factories import LeadFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("leads.migrations.0010_needs_review_and_ip_hash_key")


def test_hashes_from_before_the_ip_hash_key_are_marked_v0_and_others_left_alone():
    legacy = LeadFactory(ip_hash="a" * 64)
    current = LeadFactory(ip_hash="v1:" + "b" * 64)
    erased = LeadFactory(ip_hash="")

    migration.mark_legacy_ip_hashes(apps, None)

    assert Lead.objects.get(pk=legacy.pk).ip_hash == "v0:" + "a" * 64
    assert Lead.objects.get(pk=current.pk).ip_hash == "v1:" + "b" * 64
    assert Lead.objects.get(pk=erased.pk).ip_hash == ""

    migration.unmark_legacy_ip_hashes(apps, None)
    assert Lead.objects.get(pk=legacy.pk).ip_hash == "a" * 64
    assert Lead.objects.get(pk=current.pk).ip_hash == "v1:" + "b" * 64
