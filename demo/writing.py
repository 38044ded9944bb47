"""How the demo writes pages as an editor would: StreamField values (paragraphs, headings, images,
questions) and publishing a page with its first revision."""

import uuid


def paragraphs(*texts):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in texts)}


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def image(picture, alt_text, caption=""):
    return {
        "type": "image",
        "value": {
            "image": {"image": picture.pk, "decorative": False, "alt_text": alt_text},
            "caption": caption,
        },
    }


def faq(*questions, heading="Frequently asked questions"):
    return {
        "type": "faq",
        "value": {
            "heading": heading,
            # Each question with an id, as the editor saves it: wagtail-localize offers a list item
            # for translation only when it has one.
            "questions": [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {"question": question, "answer": f"<p>{answer}</p>"},
                }
                for question, answer in questions
            ],
        },
    }


def child(parent, slug):
    existing = parent.get_children().filter(slug=slug).first()
    return existing.specific if existing else None


def publish(parent, page):
    """Add `page` under `parent` with a first revision, as if an editor had published it."""
    parent.add_child(instance=page)
    page.save_revision(log_action=False).publish(log_action=False)
    return page
