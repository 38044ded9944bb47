"""Clinical blocks for treatment pages and articles: frequently asked questions and key facts."""

from django.utils.functional import cached_property
from wagtail import blocks

from practice.blocks import BaseStreamBlock


class FAQItemValue(blocks.StructValue):
    """One question and answer, plus the answer exactly as the page shows it, for structured data."""

    @cached_property
    def rendered_answer(self):
        """The answer's rich text rendered, links expanded: once for the page and its structured data
        (Wagtail renders a template for each rich text shown)."""
        return str(self.get("answer"))

    @property
    def answer_html(self):
        # As on the page. Search engines accept basic HTML (paragraphs, lists, links, emphasis) in an
        # FAQ answer, so lists keep their structure.
        return self.rendered_answer.strip()


class FAQItemBlock(blocks.StructBlock):
    """A question patients ask and the practice's answer."""

    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = "Question"
        value_class = FAQItemValue


class FAQBlock(blocks.StructBlock):
    """Frequently asked questions shown as an accordion that works without JavaScript."""

    heading = blocks.CharBlock(max_length=120, required=False, default="Frequently asked questions")
    questions = blocks.ListBlock(FAQItemBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "treatments/blocks/faq_block.html"
        label = "FAQ"
        description = "Questions and answers; search engines read them as an FAQ."
        preview_value = {
            "heading": "Frequently asked questions",
            "questions": [
                {
                    "question": "Does laser skin tightening hurt?",
                    "answer": "<p>Most patients feel warmth; the skin is cooled throughout.</p>",
                },
                {
                    "question": "How many sessions will I need?",
                    "answer": "<p>Usually between two and five, a few weeks apart.</p>",
                },
            ],
        }


class FactBlock(blocks.StructBlock):
    """One labelled fact, such as "Downtime: minimal"."""

    label = blocks.CharBlock(max_length=60)
    value = blocks.CharBlock(max_length=120)

    class Meta:
        icon = "list-ul"


class FactsValue(blocks.StructValue):
    """The facts as (label, value) pairs, the shape the facts list template shares with the page."""

    @property
    def pairs(self):
        return [(fact["label"], fact["value"]) for fact in self.get("facts")]


class FactsBlock(blocks.StructBlock):
    """A short list of labelled facts, such as a treatment's sessions and downtime."""

    heading = blocks.CharBlock(max_length=120, required=False, default="Key facts")
    facts = blocks.ListBlock(FactBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "treatments/blocks/facts_block.html"
        label = "Facts"
        description = "Labelled facts at a glance: sessions, downtime, recovery."
        value_class = FactsValue
        preview_value = {
            "heading": "At a glance",
            "facts": [
                {"label": "Sessions", "value": "2 to 5"},
                {"label": "Downtime", "value": "Minimal"},
            ],
        }


class TreatmentStreamBlock(BaseStreamBlock):
    """The site-wide blocks plus the clinical ones treatment pages and articles need."""

    faq = FAQBlock()
    facts = FactsBlock()


def faq_items(stream_value):
    """Every question and answer from every FAQ block in a stream, in page order."""
    return [item for block in stream_value if block.block_type == "faq" for item in block.value["questions"]]
