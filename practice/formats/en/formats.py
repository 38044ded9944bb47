"""English is the practice's British English: day-first dates (typed and shown) and weeks that
start on Monday, as while LANGUAGE_CODE was "en-gb"; Django's "en" formats are American."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
