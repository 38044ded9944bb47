"""Advertising rules that page content is checked against before it is published."""

import re
from bisect import bisect_right

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class Severity(models.TextChoices):
    """What a match does: warn the editor, or stop the page from being published."""

    WARNING = "warning", "Warn the editor"
    BLOCK = "block", "Block publishing"


def _compile(pattern):
    return re.compile(pattern, re.IGNORECASE)


class AdvertisingRuleQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True)


class AdvertisingRule(models.Model):
    """A pattern the content must not contain, optionally only within a few words of another."""

    name = models.CharField(max_length=120)
    pattern = models.CharField(
        max_length=500, help_text="A regular expression, case-insensitive, e.g. \\b(botox|dysport)\\b."
    )
    near_pattern = models.CharField(
        max_length=500,
        blank=True,
        help_text="Only match when this expression is also found nearby, e.g. a price or an offer.",
    )
    within_words = models.PositiveSmallIntegerField(
        default=12, help_text="How many words apart the two expressions may be."
    )
    message = models.TextField(max_length=500, help_text="What the editor is told, and why.")
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.WARNING)
    # Words are matched in one language: an English pattern says nothing about Spanish text.
    language = models.CharField(
        max_length=10,
        default="en",
        help_text="The language of the texts this rule checks, as a code the site uses (en, es, ar).",
    )
    enabled = models.BooleanField(default=True)

    objects = AdvertisingRuleQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("pattern"),
        FieldRowPanel([FieldPanel("near_pattern"), FieldPanel("within_words")]),
        FieldPanel("message"),
        FieldRowPanel([FieldPanel("severity"), FieldPanel("language"), FieldPanel("enabled")]),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        for field in ("pattern", "near_pattern"):
            value = getattr(self, field)
            if not value:
                continue
            try:
                _compile(value)
            except re.error as error:
                errors[field] = f"Not a valid regular expression: {error}."
        languages = [code for code, _name in settings.LANGUAGES]
        if self.language not in languages:
            errors["language"] = f"Not a language of the site: one of {', '.join(languages)}."
        if errors:
            raise ValidationError(errors)

    @property
    def blocks(self):
        return self.severity == Severity.BLOCK

    def first_match(self, text):
        """The first (start, end) span where the rule applies in `text`, or None."""
        matches = list(_compile(self.pattern).finditer(text))
        if not matches:
            return None
        if not self.near_pattern:
            return matches[0].span()
        word_starts = [word.start() for word in re.finditer(r"\S+", text)]
        near = [_word_at(word_starts, found.start()) for found in _compile(self.near_pattern).finditer(text)]
        for match in matches:
            position = _word_at(word_starts, match.start())
            if any(abs(position - other) <= self.within_words for other in near):
                return match.span()
        return None

    def first_match_across(self, texts):
        """For a rule with a near pattern, where it applies across `texts`, the fields of one
        advert: ((index, span) of the pattern, (index, span) of the near pattern in another text),
        or None. Distance does not count between fields: a patient reads them as one page."""
        if not self.near_pattern:
            return None
        near = [
            (index, found.span())
            for index, text in enumerate(texts)
            if (found := _compile(self.near_pattern).search(text))
        ]
        for index, text in enumerate(texts):
            found = _compile(self.pattern).search(text)
            other = next((spot for spot in near if spot[0] != index), None)
            if found and other:
                return (index, found.span()), other
        return None


def _word_at(word_starts, offset):
    """Index of the word containing character `offset`."""
    return max(bisect_right(word_starts, offset) - 1, 0)
