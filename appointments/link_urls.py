"""The patient's signed link to their appointment (appointments/links.py), outside the page tree."""

from django.urls import path

from . import link_views

app_name = "appointment_link"

urlpatterns = [
    path("<str:token>/", link_views.manage, name="manage"),
]
