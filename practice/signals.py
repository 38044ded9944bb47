"""Purge the page cache whenever what anonymous visitors see may have changed, saying what changed
so that render memos showing none of it stay (practice.memo), and keep the error pages' copy of the
practice's contact details (practice/contact.py) up to date."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import contact
from .cache import LINKS, PAGES, SETTINGS, purge_page_cache
from .frontend_cache import purge_frontend_caches

# What other pages show of a page (menus, breadcrumbs, cards, links, a gallery item's treatment): a
# change to any of them is a purge of LINKS as well as PAGES.
LINK_FIELDS = ("title", "slug", "url_path", "path", "show_in_menus", "live", "locale_id")


def purge_after_commit(*scopes, **kwargs):
    """Purge `scopes` (everything when none is named) now, so this process's memos see the change
    inside its own transaction, and again once it is committed, so no request that read the old rows
    meanwhile can leave them cached; the CDN in front (if any) is emptied once committed. Connected
    as a receiver itself, it purges everything."""
    purge_page_cache(*scopes)
    transaction.on_commit(partial(purge_page_cache, *scopes))
    transaction.on_commit(purge_frontend_caches)


def note_link_changes(sender, instance, update_fields=None, **kwargs):
    """Before a page is saved, note whether what other pages show of it changes (one query, only
    when a field they show is saved): the purges after it say so."""
    if not isinstance(instance, Page):
        return
    fields = [name for name in LINK_FIELDS if update_fields is None or name in update_fields]
    if not fields:
        instance.links_changed = False
        return
    saved = Page.objects.filter(pk=instance.pk).values_list(*fields).first() if instance.pk else None
    now = tuple(getattr(instance, name) for name in fields)
    instance.links_changed = now != saved if saved is not None else instance.live


def page_scopes(instance):
    """What a saved or published page changed: its content, and its links if they changed (or it
    is not known whether they did)."""
    return (PAGES, LINKS) if getattr(instance, "links_changed", True) else (PAGES,)


def purge_published(sender, instance, **kwargs):
    purge_after_commit(*page_scopes(instance))


def purge_page_and_links(**kwargs):
    # Unpublished, moved or deleted: it leaves menus, listings and other pages' links.
    purge_after_commit(PAGES, LINKS)


def purge_if_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_page_and_links()


def purge_if_live_page_saved(sender, instance, **kwargs):
    # Catches live pages created or changed in code (add_child, imports), which send no
    # page_published; an editor's draft save of a live page purges too, harmlessly.
    if isinstance(instance, Page) and instance.live:
        purge_after_commit(*page_scopes(instance))


def purge_settings(**kwargs):
    purge_after_commit(SETTINGS)


def write_contact_snapshot(sender, instance, **kwargs):
    # After the commit: a rolled-back edit must not reach the error pages.
    transaction.on_commit(partial(contact.write_snapshot, instance))


def connect():
    # Every page type, including those added later, sends these.
    pre_save.connect(note_link_changes, dispatch_uid="page-cache-link-changes")
    page_published.connect(purge_published, dispatch_uid="page-cache-published")
    page_unpublished.connect(purge_page_and_links, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(purge_page_and_links, dispatch_uid="page-cache-moved")
    post_delete.connect(purge_if_page, dispatch_uid="page-cache-deleted")
    post_save.connect(purge_if_live_page_saved, dispatch_uid="page-cache-live-saved")
    # Header, footer and structured data come from the practice's details; the site decides hosts,
    # a changed image gets new rendition URLs, and a page made private must leave the cache: those
    # purge everything.
    from .models import PracticeSettings, TaglineTranslation

    post_save.connect(
        write_contact_snapshot, sender=PracticeSettings, dispatch_uid="practice-contact-snapshot"
    )
    post_save.connect(
        purge_settings, sender=PracticeSettings, dispatch_uid="page-cache-PracticeSettings-saved"
    )
    post_delete.connect(
        purge_settings, sender=PracticeSettings, dispatch_uid="page-cache-PracticeSettings-deleted"
    )
    # A tagline's translation, saved with the details in the admin (after them) or on its own.
    post_save.connect(purge_settings, sender=TaglineTranslation, dispatch_uid="page-cache-tagline-saved")
    post_delete.connect(purge_settings, sender=TaglineTranslation, dispatch_uid="page-cache-tagline-deleted")
    for model in (Site, get_image_model(), PageViewRestriction):
        post_save.connect(purge_after_commit, sender=model, dispatch_uid=f"page-cache-{model.__name__}-saved")
        post_delete.connect(
            purge_after_commit, sender=model, dispatch_uid=f"page-cache-{model.__name__}-deleted"
        )
