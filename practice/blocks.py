"""Blocks any page of the site may use; treatments adds its own clinical ones on top."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock as WagtailImageBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline correct."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Level 2"), ("h3", "Level 3")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A heading that starts a new section of the page."
        preview_value = {"text": "How does laser skin tightening work?", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    """An image with its alt text (from the image block) and an optional caption."""

    image = WagtailImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image, with alternative text and an optional caption."


class QuoteBlock(blocks.StructBlock):
    """A quotation or a patient testimonial, with who said it."""

    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A quotation or testimonial with its attribution."
        preview_value = {
            "text": "The team explained every step and the results speak for themselves.",
            "attribution": "A patient, 2026",
        }


class CallToActionBlock(blocks.StructBlock):
    """A highlighted invitation to act, pointing at a page or the consultation form."""

    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    button_label = blocks.CharBlock(max_length=60, default="Book a consultation")
    page = blocks.PageChooserBlock(required=False, help_text="Leave empty to link to the consultation form.")

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        description = "A highlighted box with a button, by default to the consultation form."
        preview_value = {
            "heading": "Considering a treatment?",
            "text": "Book a consultation with one of our practitioners.",
            "button_label": "Book a consultation",
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every page body offers."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        description="Rich text: paragraphs, lists and links.",
        preview_value="<p>Laser skin tightening firms and lifts skin without surgery.</p>",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock(
        icon="media",
        template="blocks/embed_block.html",
        description="A video or other media from a URL.",
        max_width=800,
    )
