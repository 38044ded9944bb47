"""Purge the page cache whenever what anonymous visitors see may have changed, and keep the error
pages' copy of the practice's contact details (practice/contact.py) up to date."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import contact
from .cache import purge_page_cache
from .frontend_cache import purge_frontend_caches


def purge_after_commit(**kwargs):
    """Purge now, so this process's memos see the change inside its own transaction, and again once
    it is committed, so no request that read the old rows meanwhile can leave them cached; the CDN
    in front (if any) is emptied once committed."""
    purge_page_cache()
    transaction.on_commit(purge_page_cache)
    transaction.on_commit(purge_frontend_caches)


def purge_if_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_after_commit()


def purge_if_live_page_saved(sender, instance, **kwargs):
    # Catches live pages created or changed in code (add_child, imports), which send no
    # page_published; an editor's draft save of a live page purges too, harmlessly.
    if isinstance(instance, Page) and instance.live:
        purge_after_commit()


def write_contact_snapshot(sender, instance, **kwargs):
    # After the commit: a rolled-back edit must not reach the error pages.
    transaction.on_commit(partial(contact.write_snapshot, instance))


def connect():
    # Every page type, including those added later, sends these: a page's title and URL appear in
    # menus and listings on other pages, so one purge empties the whole cache.
    page_published.connect(purge_after_commit, dispatch_uid="page-cache-published")
    page_unpublished.connect(purge_after_commit, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(purge_after_commit, dispatch_uid="page-cache-moved")
    post_delete.connect(purge_if_page, dispatch_uid="page-cache-deleted")
    post_save.connect(purge_if_live_page_saved, dispatch_uid="page-cache-live-saved")
    # Header, footer and structured data come from the practice's details, the site decides hosts,
    # a changed image gets new rendition URLs, and a page made private must leave the cache.
    from .models import PracticeSettings

    post_save.connect(
        write_contact_snapshot, sender=PracticeSettings, dispatch_uid="practice-contact-snapshot"
    )

    for model in (PracticeSettings, Site, get_image_model(), PageViewRestriction):
        post_save.connect(purge_after_commit, sender=model, dispatch_uid=f"page-cache-{model.__name__}-saved")
        post_delete.connect(
            purge_after_commit, sender=model, dispatch_uid=f"page-cache-{model.__name__}-deleted"
        )
