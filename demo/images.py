"""Demo images drawn with Pillow, so a fresh installation needs nothing from the internet."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model


def demo_image(title, colours=((31, 92, 90), (190, 220, 214)), size=(1200, 800)):
    """The image called `title`, drawn once as a soft diagonal gradient and reused afterwards."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = size
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    (r1, g1, b1), (r2, g2, b2) = colours
    for x in range(width):
        t = x / (width - 1)
        draw.line(
            [(x, 0), (x, height)],
            fill=(round(r1 + (r2 - r1) * t), round(g1 + (g2 - g1) * t), round(b1 + (b2 - b1) * t)),
        )
    draw.ellipse([width * 0.55, height * 0.2, width * 0.9, height * 0.75], fill=(255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{slug}.jpg"))
