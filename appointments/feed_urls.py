"""The calendar feeds' secret addresses: /calendar/<token>.ics."""

from django.urls import path

from . import feed

app_name = "calendar_feed"

urlpatterns = [path("<str:token>.ics", feed.calendar_feed, name="feed")]
