"""The example rule set for a UK practice (CAP Code and the ban on advertising prescription-only medicines)."""

from django.db import migrations

# Botulinum toxin is a prescription-only medicine: it may not be advertised to the public (Human
# Medicines Regulations 2012, reg. 284), and the ASA treats brand names and euphemisms alike.
TOXIN = (
    r"\b(botox|azzalure|bocouture|dysport|xeomin|letybo|relfydess|alluzience|botulinum(\s+toxin)?|"
    r"anti[- ]?wrinkle\s+(injections?|treatments?|jabs?)|wrinkle[- ]relax(ing|ers?)(\s+injections?)?|"
    r"muscle[- ]relax(ing|ants?)\s+injections?|baby\s+botox|tox)\b"
)
PRICE_OR_OFFER = (
    r"(£\s?\d|\d\s?(gbp|pounds?)\b|\bprices?\b|\bpriced\b|\bcosts?\b|\boffers?\b|\bdiscount(s|ed)?\b|"
    r"\d+\s?%\s?off\b|\bdeals?\b|\bsale\b|\bsave\b|\bvouchers?\b|\bfree\b)"
)

RULES = [
    {
        "name": "Prescription-only medicine with a price or offer",
        "pattern": TOXIN,
        "near_pattern": PRICE_OR_OFFER,
        "within_words": 15,
        "message": "A prescription-only medicine (botulinum toxin, by brand name or euphemism) is mentioned "
        "near a price or offer. Advertising it to the public is unlawful in the UK: describe the "
        "consultation, not the medicine, and keep prices off this page.",
        "severity": "block",
    },
    {
        "name": "Prescription-only medicine named",
        "pattern": TOXIN,
        "near_pattern": "",
        "within_words": 0,
        "message": "A prescription-only medicine is named. Check the text informs rather than promotes it, "
        "and that a prescriber's consultation is presented as the way to it.",
        "severity": "warning",
    },
    {
        "name": "Claims of no risk",
        "pattern": r"\b(no\s+risks?|risk[- ]free|without\s+(any\s+)?risks?|100\s?%\s+safe|completely\s+safe)\b",
        "near_pattern": "",
        "within_words": 0,
        "message": "Every medical procedure carries risks; a claim that it has none misleads (CAP Code 12.1).",
        "severity": "block",
    },
    {
        "name": "Trivialising words",
        "pattern": r"\b(lunch[- ]?time|painless|pain[- ]free|no\s+downtime|quick\s+fix|tweakments?|"
        r"in\s+your\s+lunch\s+break)\b",
        "near_pattern": "",
        "within_words": 0,
        "message": "Words that make a cosmetic procedure sound trivial are against ASA guidance on "
        "cosmetic interventions. Say what recovery really involves.",
        "severity": "warning",
    },
    {
        "name": "Time-limited offers",
        "pattern": r"\b(limited[- ]time|today only|this week only|book now (and|to) save|while stocks last)\b",
        "near_pattern": "",
        "within_words": 0,
        "message": "Time pressure to book a cosmetic procedure is discouraged by ASA guidance; "
        "patients need time to decide.",
        "severity": "warning",
    },
]


def create(apps, schema_editor):
    AdvertisingRule = apps.get_model("compliance", "AdvertisingRule")
    for rule in RULES:
        AdvertisingRule.objects.get_or_create(name=rule["name"], defaults=rule)


def remove(apps, schema_editor):
    apps.get_model("compliance", "AdvertisingRule").objects.filter(
        name__in=[r["name"] for r in RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("compliance", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
