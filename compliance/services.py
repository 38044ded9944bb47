"""Checking the words of a page, a testimonial or a gallery caption against the advertising rules."""

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.fields import StreamField
from wagtail.models import Page

from .models import AdvertisingRule

# Page's own fields are machinery (paths, dates, flags); only these carry words a patient reads.
_PAGE_TEXT_FIELDS = {"title", "seo_title", "search_description"}
_EXCERPT_CHARS = 60


@dataclass(frozen=True)
class Finding:
    """One rule matched in one field of the content; in a StreamField, in one of its top-level
    blocks (`block` is its position), so the editor can show the finding on that block."""

    rule: AdvertisingRule
    field: str
    where: str
    excerpt: str
    block: int | None = None

    @property
    def blocks(self):
        return self.rule.blocks

    def __str__(self):
        return f"{self.rule.message} ({self.where}: “{self.excerpt}”)"


def rules_enabled():
    return getattr(settings, "ADVERTISING_RULES_ENABLED", True)


def content_language(instance):
    """The language of `instance`'s words: its locale's, or the source language for content that
    has none (not translatable, or not saved yet)."""
    if getattr(instance, "locale_id", None) is None:
        return settings.LANGUAGE_CODE
    return instance.locale.language_code


def unchecked_language(language):
    """What an editor is told when no enabled rule is written for the content's language: the check
    did not read it, which is not the same as finding nothing."""
    return AdvertisingRule(
        name=f"No advertising rules in {language}",
        message=f"No advertising rule is written for texts in “{language}”, so this text was not "
        "checked. Add rules for this language under Settings > Advertising rules.",
    )


def _strings(value):
    """Every string inside a stream's raw data, however deeply nested."""
    if isinstance(value, str):
        yield strip_tags(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _block_value(block):
    return block.get("value") if isinstance(block, dict) and "type" in block else block


def _field_texts(instance, include_page_fields):
    for field in instance._meta.concrete_fields:
        if field.model is Page and field.name not in _PAGE_TEXT_FIELDS:
            continue
        if not include_page_fields and field.model is Page:
            continue
        value = getattr(instance, field.attname, None)
        block_starts = None
        if isinstance(field, StreamField) and value is not None:
            # One text for the whole stream, so a rule still sees a price in the next paragraph;
            # where each top-level block starts in it, so a finding can be shown on its block.
            blocks = value.get_prep_value() if hasattr(value, "get_prep_value") else value
            # A block's value only: its type name and id are not words anyone reads.
            block_texts = [" ".join(_strings(_block_value(block))) for block in blocks]
            block_starts = list(accumulate((len(text) + 1 for text in block_texts[:-1]), initial=0))
            text = " ".join(block_texts)
        elif isinstance(field, models.CharField | models.TextField) and value:
            text = strip_tags(value)
        else:
            continue
        if text.strip():
            yield field.name, str(field.verbose_name), text, block_starts


def advertised_texts(subject):
    """(field name, where, text, block starts) for all the words the public reads as one advert
    about `subject`: its own fields, its inline children's, and what a child shows in words of its
    own (a clinic's price row names its treatment beside the price: `advertising_text()`). Block
    starts are where each top-level block of a StreamField begins in its text, None elsewhere."""
    yield from _field_texts(subject, include_page_fields=True)
    for relation in subject._meta.related_objects:
        if not isinstance(relation.field, ParentalKey):
            continue
        for child in getattr(subject, relation.get_accessor_name()).all():
            if hasattr(child, "advertising_text"):
                yield (
                    relation.get_accessor_name(),
                    str(child._meta.verbose_name),
                    child.advertising_text(),
                    None,
                )
            else:
                yield from _field_texts(child, include_page_fields=False)


def _excerpt(text, start, end):
    return " ".join(text[max(start - _EXCERPT_CHARS, 0) : end + _EXCERPT_CHARS].split())


def check_content(instance, rules=None):
    """Every rule of the content's language that it breaks, once per rule and field (or stream
    block), or [] when the check is switched off. Content in a language no rule is written for gets
    one warning saying it was not checked.

    A rule with a near pattern (a medicine near a price) also applies across fields: a medicine
    named in the title and a price in the key facts, or in a clinic's price row, are one advert,
    however many words apart, and are reported once, on the field that names the medicine."""
    if not rules_enabled():
        return []
    language = content_language(instance)
    rules = list(AdvertisingRule.objects.enabled()) if rules is None else rules
    rules = [rule for rule in rules if rule.language == language]
    texts = list(advertised_texts(instance))
    if not rules and texts:
        field, where, _text, _starts = texts[0]
        return [Finding(rule=unchecked_language(language), field=field, where=where, excerpt="")]
    findings = []
    for field, where, text, block_starts in texts:
        for rule in rules:
            span = rule.first_match(text)
            if span:
                start, end = span
                block = None if block_starts is None else bisect_right(block_starts, start) - 1
                excerpt = _excerpt(text, start, end)
                findings.append(Finding(rule=rule, field=field, where=where, excerpt=excerpt, block=block))
    found_rules = [finding.rule for finding in findings]
    for rule in rules:
        if rule in found_rules:
            continue
        across = rule.first_match_across([text for _field, _where, text, _starts in texts])
        if across:
            (index, (start, end)), (near_index, (near_start, near_end)) = across
            field, where, text, block_starts = texts[index]
            _near_field, near_where, near_text, _near_starts = texts[near_index]
            block = None if block_starts is None else bisect_right(block_starts, start) - 1
            excerpt = f"{_excerpt(text, start, end)} … {_excerpt(near_text, near_start, near_end)}"
            findings.append(
                Finding(
                    rule=rule, field=field, where=f"{where}, with {near_where}", excerpt=excerpt, block=block
                )
            )
    return findings


def blocking_findings(instance):
    """The findings that forbid publishing `instance`."""
    return [finding for finding in check_content(instance) if finding.blocks]


class PublishingBlocked(Exception):
    """Raised instead of publishing content that breaks a blocking advertising rule."""

    def __init__(self, instance, findings):
        self.instance = instance
        self.findings = findings
        super().__init__(f"“{instance}” was not published: " + "; ".join(map(str, findings)))


def refuse_publishing(instance):
    """Field errors for a model form when `instance` is marked published but breaks a blocking rule."""
    if not instance.live:
        return {}
    errors = {}
    for finding in blocking_findings(instance):
        errors.setdefault(finding.field, []).append(f"Cannot be published: {finding}")
    return errors


class AdvertisingRulesGateMixin:
    """Pages refuse to publish a revision that breaks a blocking rule, whatever route publishes it.

    The page editor explains findings before this point (wagtail_hooks); the gate catches the
    routes that skip the editor: a workflow's final approval, scheduled publishing, bulk
    publishing and code.
    """

    def publish(self, revision, *args, **kwargs):
        findings = blocking_findings(revision.as_object())
        if findings:
            raise PublishingBlocked(self, findings)
        return super().publish(revision, *args, **kwargs)
