"""The form's list of treatments: grouped by category, and limited to the clinic a patient chose."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from leads.models import Lead
from tests.treatments.factories import TreatmentCategoryFactory

from .conftest import valid_answers
from .factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


def treatment_select(html):
    return BeautifulSoup(html, "html.parser").find("select", attrs={"name": "treatment"})


def treatment_list(html):
    """[(group label or None, [option text, ...]), ...] of what the form's treatment <select> shows:
    hidden options and groups left out."""
    listed = []
    for child in treatment_select(html).find_all(["optgroup", "option"], recursive=False):
        if child.has_attr("hidden"):
            continue
        if child.name == "optgroup":
            options = child.find_all("option")
            listed.append(
                (child["label"], [option.get_text() for option in options if not option.has_attr("hidden")])
            )
        else:
            listed.append((None, [child.get_text()]))
    return listed


def chosen(html):
    """The value of the treatment option selected."""
    return treatment_select(html).find("option", selected=True)["value"]


def shown(html):
    return [text for _group, texts in treatment_list(html) for text in texts]


def form_page(client, **query):
    return client.get(reverse("leads:consultation"), query).content.decode()


def test_treatments_are_grouped_by_category_in_the_editors_order_other_treatments_last(
    client, home, practice
):
    peels = TreatmentCategoryFactory(name="Peels", sort_order=2)
    injectables = TreatmentCategoryFactory(name="Injectables", sort_order=1)
    TreatmentPageFactory(parent=home, title="Chemical peel", category=peels)
    TreatmentPageFactory(parent=home, title="Lip filler", category=injectables)
    TreatmentPageFactory(parent=home, title="Anti-wrinkle", category=injectables)
    TreatmentPageFactory(parent=home, title="Hair removal", category=None)
    TreatmentPageFactory(parent=home, title="Draft peel", category=peels, live=False)

    assert treatment_list(form_page(client)) == [
        (None, ["Not sure yet"]),
        ("Injectables", ["Anti-wrinkle", "Lip filler"]),
        ("Peels", ["Chemical peel"]),
        ("Other treatments", ["Hair removal"]),
    ]


def test_without_categories_the_treatments_are_one_plain_list(client, home, practice):
    TreatmentPageFactory(parent=home, title="Laser", category=None)
    TreatmentPageFactory(parent=home, title="Peel", category=None)

    assert treatment_list(form_page(client)) == [
        (None, ["Not sure yet"]),
        (None, ["Laser"]),
        (None, ["Peel"]),
    ]


def test_the_form_on_a_treatment_page_lists_its_category_and_another_treatment(client, home, practice):
    injectables = TreatmentCategoryFactory(name="Injectables")
    filler = TreatmentPageFactory(parent=home, title="Lip filler", category=injectables)
    TreatmentPageFactory(parent=home, title="Anti-wrinkle", category=injectables)
    TreatmentPageFactory(parent=home, title="Hair removal", category=None)

    html = client.get(filler.url).content.decode()

    assert treatment_list(html) == [
        (None, ["Not sure yet"]),
        ("Injectables", ["Anti-wrinkle", "Lip filler"]),
        (None, ["Another treatment (say which in your message)"]),
    ]
    assert f'<option value="{filler.pk}" selected>' in html
    assert "Hair removal" in shown(form_page(client))  # the consultation page lists every treatment


def test_a_treatment_without_a_category_lists_the_others_without_one(client, home, practice):
    TreatmentPageFactory(parent=home, title="Lip filler", category=TreatmentCategoryFactory())
    hair_removal = TreatmentPageFactory(parent=home, title="Hair removal", category=None)

    html = client.get(hair_removal.url).content.decode()

    assert treatment_list(html)[1] == ("Other treatments", ["Hair removal"])
    assert "Lip filler" not in shown(html)


def test_another_treatment_is_sent_as_not_sure_yet(client, send, home, practice):
    injectables = TreatmentCategoryFactory(name="Injectables")
    filler = TreatmentPageFactory(parent=home, title="Lip filler", category=injectables)
    another = treatment_select(client.get(filler.url).content.decode()).find(
        "option", string="Another treatment (say which in your message)"
    )

    send(valid_answers(treatment=another["value"], message="Hair removal, please."))

    lead = Lead.objects.get()
    assert (lead.treatment, lead.treatment_title, lead.message) == (None, "", "Hair removal, please.")


def test_a_patient_who_came_from_a_clinic_sees_only_what_it_offers(client, clinics, home, practice):
    _marylebone, richmond, _laser, _peel = clinics
    TreatmentPageFactory(parent=home, title="Hair removal")  # no clinic lists it yet: any clinic may

    assert shown(form_page(client, clinic="marylebone")) == [
        "Not sure yet",
        "Chemical peel",
        "Hair removal",
        "Laser skin tightening",
    ]
    assert shown(form_page(client, clinic=richmond.pk)) == [
        "Not sure yet",
        "Hair removal",
        "Laser skin tightening",
    ]
    assert "Chemical peel" in shown(form_page(client))  # no clinic chosen yet: every treatment


def test_the_treatment_a_patient_asked_for_stays_listed_whatever_the_clinic(client, clinics, practice):
    html = form_page(client, clinic="richmond", treatment="peel")

    assert "Chemical peel" in shown(html)
    assert chosen(html) == str(clinics[3].pk)


def test_a_treatment_page_does_not_limit_the_list_to_the_clinic_it_preselects(client, clinics, practice):
    _marylebone, _richmond, laser, peel = clinics

    assert "Laser skin tightening" in shown(client.get(peel.url).content.decode())
    assert "Chemical peel" in shown(client.get(laser.url).content.decode())


def test_a_treatment_posted_with_a_clinic_that_does_not_offer_it_is_refused_and_kept(send, clinics, practice):
    _marylebone, richmond, _laser, peel = clinics

    html = send(valid_answers(treatment=peel.pk, clinic=richmond.pk)).content.decode()

    assert "Richmond does not offer Chemical peel." in html
    assert chosen(html) == str(peel.pk)  # still listed, so the patient sees it
    assert "Chemical peel" in shown(html)
    assert not Lead.objects.exists()


def offered_at(html):
    """{option text: (its data-clinics, hidden, disabled)} of the treatment options."""
    return {
        option.get_text(): (
            option.get("data-clinics"),
            *(option.has_attr(name) for name in ("hidden", "disabled")),
        )
        for option in treatment_select(html).find_all("option")
    }


def test_each_treatment_names_the_clinics_listing_it_for_the_script_that_follows_the_clinic(
    client, clinics, home, practice
):
    marylebone, richmond, _laser, _peel = clinics
    TreatmentPageFactory(parent=home, title="Hair removal")  # no clinic lists it yet: any clinic may

    html = form_page(client)

    assert offered_at(html) == {
        "Not sure yet": (None, False, False),
        "Chemical peel": (str(marylebone.pk), False, False),
        "Hair removal": (None, False, False),
        "Laser skin tightening": (f"{marylebone.pk} {richmond.pk}", False, False),
    }
    assert treatment_select(html).has_attr("data-treatment-list")
    assert "leads/treatment_list.js" in html
    note = BeautifulSoup(html, "html.parser").find(attrs={"data-treatment-note": True})
    assert note["aria-live"] == "polite" and note.get_text() == ""


def test_what_the_clinic_does_not_offer_is_hidden_and_disabled_so_the_script_can_show_it_again(
    client, clinics, practice
):
    marylebone, _richmond, _laser, _peel = clinics

    listing = str(marylebone.pk)

    assert offered_at(form_page(client, clinic="richmond"))["Chemical peel"] == (listing, True, True)
    assert offered_at(form_page(client, clinic="marylebone"))["Chemical peel"] == (listing, False, False)


def test_a_category_the_clinic_offers_nothing_of_is_hidden(client, clinics, practice):
    _marylebone, _richmond, _laser, peel = clinics
    peel.category = TreatmentCategoryFactory(name="Peels")
    peel.save_revision().publish()

    groups = treatment_select(form_page(client, clinic="richmond")).find_all("optgroup")

    assert [(group["label"], group.has_attr("hidden")) for group in groups] == [
        ("Peels", True),
        ("Other treatments", False),
    ]
    assert ("Peels", ["Chemical peel"]) in treatment_list(form_page(client, clinic="marylebone"))


def test_with_one_clinic_the_list_carries_nothing_for_the_script(client, home, practice):
    TreatmentPageFactory(parent=home, title="Laser")

    html = form_page(client)

    assert offered_at(html)["Laser"] == (None, False, False)
    assert not treatment_select(html).has_attr("data-treatment-list")
    assert "leads/treatment_list.js" not in html
