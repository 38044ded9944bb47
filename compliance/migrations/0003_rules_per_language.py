"""Advertising rules say which language they read: the UK rules are English ones, and the same
rules are written for Spanish and Arabic texts, so a translated page is checked in its own words."""

from django.db import migrations, models

# Arabic attaches "and", "with", "for" and "the" to the word that follows: و ف ب ل ال.
AR_PREFIX = r"(?<!\w)(?:و|ف|ب|ل|ك|ال|وال|بال|لل|فال)?"

ES_TOXIN = (
    r"\b(botox|azzalure|bocouture|dysport|xeomin|letybo|relfydess|alluzience|toxina\s+botul[ií]nica|"
    r"botul[ií]nica|inyecci[oó]n(es)?\s+antiarrugas|tratamientos?\s+antiarrugas|"
    r"relajantes?\s+musculares?(\s+inyectables?)?|baby\s+botox|tox)\b"
)
ES_PRICE_OR_OFFER = (
    r"([£€]\s?\d|\d\s?([£€]|euros?\b|libras?\b)|\bprecios?\b|\bcuesta\b|\bcostes?\b|\bofertas?\b|"
    r"\bdescuentos?\b|\d+\s?%|\bpromoci[oó]n(es)?\b|\brebajas?\b|\bahorr[ae]\b|\bvales?\b|\bgratis\b|"
    r"\bgratuit[oa]s?\b)"
)
AR_TOXIN = (
    AR_PREFIX + r"(بوتوكس|بوتولينوم|بوتيولينيوم|ديسبورت|زيومين|أزالور|حقن\s+(ال)?تجاعيد|"
    r"حقن\s+(ال)?مضادة\s+للتجاعيد|حقن\s+إرخاء\s+العضلات|مرخيات?\s+(ال)?عضلات|botox|dysport|xeomin|"
    r"azzalure|bocouture)(?!\w)"
)
AR_PRICE_OR_OFFER = (
    r"([£€$]\s?\d|\d\s?([£€$]|جنيه|جنيهات|يورو|دولار)|\d+\s?%|"
    + AR_PREFIX
    + r"(سعر|أسعار|تكلفة|تكاليف|عرض|عروض|خصم|خصومات|تخفيض|تخفيضات|مجانا|مجانًا|مجاني|مجانية|قسيمة|قسائم|وفّر|وفر)(?!\w))"
)

RULES = {
    "es": [
        ("Prescription-only medicine with a price or offer", ES_TOXIN, ES_PRICE_OR_OFFER, 15, "block"),
        ("Prescription-only medicine named", ES_TOXIN, "", 0, "warning"),
        (
            "Claims of no risk",
            r"\b(sin\s+(ning[uú]n\s+)?riesgos?|libre\s+de\s+riesgos?|100\s?%\s+segur[oa]s?|"
            r"(totalmente|completamente)\s+segur[oa]s?)\b",
            "",
            0,
            "block",
        ),
        (
            "Trivialising words",
            r"\b(sin\s+dolor|indolor[oa]s?|a\s+la\s+hora\s+de\s+comer|en\s+(su|tu)\s+pausa\s+para\s+comer|"
            r"sin\s+(tiempo|periodo|per[ií]odo)\s+de\s+recuperaci[oó]n|soluci[oó]n\s+r[aá]pida|retoques?\s+expr[eé]s)\b",
            "",
            0,
            "warning",
        ),
        (
            "Time-limited offers",
            r"\b(por\s+tiempo\s+limitado|s[oó]lo\s+hoy|s[oó]lo\s+esta\s+semana|reserv[ea]\s+ya\s+y\s+ahorr[ea]|"
            r"hasta\s+agotar\s+existencias)\b",
            "",
            0,
            "warning",
        ),
    ],
    "ar": [
        ("Prescription-only medicine with a price or offer", AR_TOXIN, AR_PRICE_OR_OFFER, 15, "block"),
        ("Prescription-only medicine named", AR_TOXIN, "", 0, "warning"),
        (
            "Claims of no risk",
            r"((بدون|بلا|دون|خال[ٍي]?\s+من|خالية\s+من)\s+(أي\s+)?(مخاطر|خطر|أخطار)|"
            r"آمن[ةه]?\s+(تمام[اًا]+|بنسبة\s+100\s?%|100\s?%))",
            "",
            0,
            "block",
        ),
        (
            "Trivialising words",
            r"((بدون|بلا|دون)\s+(أي\s+)?(ألم|فترة\s+تعاف[ٍي]?)|غير\s+مؤلم[ةه]?|في\s+استراحة\s+الغداء|حل\s+سريع)",
            "",
            0,
            "warning",
        ),
        (
            "Time-limited offers",
            r"(لفترة\s+محدودة|لوقت\s+محدود|اليوم\s+فقط|هذا\s+الأسبوع\s+فقط|احجز\s+الآن\s+و\s?وفّ?ر|حتى\s+نفاد\s+الكمية)",
            "",
            0,
            "warning",
        ),
    ],
}
LANGUAGE_NAMES = {"es": "Spanish", "ar": "Arabic"}


def create(apps, schema_editor):
    AdvertisingRule = apps.get_model("compliance", "AdvertisingRule")
    for language, rules in RULES.items():
        for name, pattern, near_pattern, within_words, severity in rules:
            english = AdvertisingRule.objects.filter(name=name, language="en").first()
            AdvertisingRule.objects.get_or_create(
                name=f"{name} ({LANGUAGE_NAMES[language]})",
                language=language,
                defaults={
                    "pattern": pattern,
                    "near_pattern": near_pattern,
                    "within_words": within_words,
                    "severity": severity,
                    # The editors' admin is in English: the same reason, told in English.
                    "message": english.message if english else name,
                },
            )


def remove(apps, schema_editor):
    apps.get_model("compliance", "AdvertisingRule").objects.exclude(language="en").delete()


class Migration(migrations.Migration):
    dependencies = [("compliance", "0002_uk_rules")]

    operations = [
        migrations.AddField(
            model_name="advertisingrule",
            name="language",
            field=models.CharField(
                default="en",
                help_text="The language of the texts this rule checks, as a code the site uses (en, es, ar).",
                max_length=10,
            ),
        ),
        migrations.RunPython(create, remove),
    ]
