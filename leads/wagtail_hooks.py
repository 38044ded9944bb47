"""Admin hooks of the leads app: a clinic page is not deleted while leads name it.

Lead.clinic is PROTECT, so the database would refuse anyway, with a server error; these hooks
refuse first, with a message, in every admin path that deletes pages: one page (with its
subtree: deleting the clinics index deletes every clinic) and the bulk action.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page

from .models import Lead


def clinics_with_leads(pages):
    """[(clinic title, number of leads), ...] for the clinics among `pages` and their descendants
    that leads name, erased and spam ones included: each still points at its clinic."""
    in_subtrees = Q(pk__in=[])
    for page in pages:
        in_subtrees |= Q(clinic__path__startswith=page.path)
    return list(
        Lead.objects.filter(in_subtrees)
        .values_list("clinic__title")
        .annotate(leads=Count("pk"))
        .order_by("clinic__title")
    )


def refusal(request, clinics, back_to):
    described = ", ".join(
        f"{title} ({leads} consultation request{pluralize(leads)})" for title, leads in clinics
    )
    messages.error(
        request,
        f"Not deleted: consultation requests name {described}, and would lose their clinic. "
        "Unpublish the clinic instead: patients can no longer choose it, and its requests keep it.",
    )
    return redirect(back_to)


@hooks.register("before_delete_page")
def refuse_deleting_clinics_with_leads(request, page):
    clinics = clinics_with_leads([page])
    if clinics:
        return refusal(request, clinics, reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_clinics_with_leads(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action_type != "delete" or not pages:
        return None
    clinics = clinics_with_leads(pages)
    if clinics:
        return refusal(request, clinics, action_class_instance.next_url)
    return None
