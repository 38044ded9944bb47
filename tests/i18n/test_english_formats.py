"""English is British English: the source language became "en" (from "en-gb") without dates typed or
shown month first."""

import datetime

import pytest
from django import forms
from django.utils import formats, translation

pytestmark = pytest.mark.database_independent("reads the format settings")


def test_english_dates_are_read_and_written_day_first():
    with translation.override("en"):
        assert forms.DateField().clean("01/02/2027") == datetime.date(2027, 2, 1)
        assert formats.date_format(datetime.date(2027, 2, 1)) == "1 Feb 2027"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_spanish_keeps_its_own_formats():
    with translation.override("es"):
        assert formats.date_format(datetime.date(2027, 2, 1)) == "1 de febrero de 2027"
