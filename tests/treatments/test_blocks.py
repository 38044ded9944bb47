from unittest import mock

import pytest
from django.template.loader import render_to_string

from treatments.blocks import FactsBlock, FAQBlock, TreatmentStreamBlock


@pytest.mark.parametrize("block_class", [FAQBlock, FactsBlock])
def test_clinical_blocks_describe_themselves_and_preview(block_class):
    block = block_class()

    html = block.render(block.get_preview_value())

    assert block.meta.icon and block.meta.description and block.meta.template
    assert html.strip()


def test_treatment_stream_offers_the_shared_blocks_and_the_clinical_ones():
    names = set(TreatmentStreamBlock().child_blocks)

    assert {"heading", "paragraph", "image", "quote", "call_to_action", "embed", "faq", "facts"} <= names


def test_faq_answer_html_is_the_rendered_rich_text():
    value = FAQBlock().to_python(
        {
            "heading": "",
            "questions": [{"question": "Q?", "answer": "<p>Warm, <b>not hot</b> &amp; quick.</p>"}],
        }
    )

    assert value["questions"][0].answer_html == "<p>Warm, <b>not hot</b> &amp; quick.</p>"


def test_faq_answer_is_rendered_once_for_the_page_and_its_structured_data():
    block = FAQBlock()
    value = block.to_python({"heading": "", "questions": [{"question": "Q?", "answer": "<p>Warm.</p>"}]})

    with mock.patch("wagtail.rich_text.render_to_string", wraps=render_to_string) as rich_text_rendered:
        html = block.render(value)
        answer = value["questions"][0].answer_html

    assert rich_text_rendered.call_count == 1
    assert f'<div class="faq-answer rich-text mt-2">{answer}</div>' in html
