import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template, TemplateSyntaxError
from PIL import Image as PILImage
from wagtail.images.models import Image, Rendition
from wagtail.images.rect import Rect

from practice.templatetags.image_tags import filter_for

pytestmark = pytest.mark.django_db

TAGS = [
    '{% image photo fill-60x40 format-webp class="card-img-top" loading="lazy" alt="" %}',
    "{% image photo width-50 as shown %}{{ shown.url }} {{ shown.width }}x{{ shown.height }}",
    '{% srcset_image photo width-{30,50} sizes="50vw" alt="A photo" %}',
    '{% picture photo format-{avif,jpeg} fill-{40x40,80x80} sizes="40px" class="rounded" alt=alt %}',
    "{% picture photo format-{webp,png} width-{20,40} as shown %}{{ shown.formats|length }}",
]


@pytest.fixture
def photo():
    picture = PILImage.new("RGB", (160, 100), (200, 120, 90))
    output = io.BytesIO()
    picture.save(output, "PNG")
    return Image.objects.create(title="Clinic room", file=SimpleUploadedFile("room.png", output.getvalue()))


def render(library, tag, photo):
    return Template("{% load " + library + " %}" + tag).render(Context({"photo": photo, "alt": "The room"}))


@pytest.mark.parametrize("tag", TAGS)
def test_each_tag_renders_what_wagtails_renders(tag, photo):
    ours = render("image_tags", tag, photo)

    assert ours == render("wagtailimages_tags", tag, photo)
    assert Rendition.objects.filter(image=photo).exists()


def test_renditions_are_made_on_first_use_and_found_after(photo):
    tag = "{% picture photo format-{avif,jpeg} width-{40,80} %}"

    first = render("image_tags", tag, photo)
    made = set(Rendition.objects.filter(image=photo).values_list("filter_spec", flat=True))
    again = render("image_tags", tag, photo)

    assert made == {f"format-{kind}|width-{width}" for kind in ("avif", "jpeg") for width in (40, 80)}
    assert again == first
    assert Rendition.objects.filter(image=photo).count() == 4
    assert 'type="image/avif"' in first and ".avif" in first


def test_a_moved_focal_point_gives_a_new_crop(photo):
    tag = "{% image photo fill-40x40 %}"
    centred = render("image_tags", tag, photo)

    photo.set_focal_point(Rect(5, 45, 15, 55))  # at the left edge
    photo.save()
    photo = Image.objects.get(pk=photo.pk)
    left = render("image_tags", tag, photo)

    assert left != centred
    assert left == render("wagtailimages_tags", tag, photo)
    keys = set(Rendition.objects.filter(image=photo).values_list("focal_point_key", flat=True))
    assert len(keys) == 2
    assert filter_for("fill-40x40").get_cache_key(photo) in keys


def test_a_filter_is_built_once_per_spec_not_once_per_render(photo):
    tag = "{% picture photo format-{avif,jpeg} width-{40,80} %}"
    render("image_tags", tag, photo)

    with mock.patch("wagtail.images.models.hooks.get_hooks") as hooks:
        render("image_tags", tag, photo)
        render("image_tags", tag, photo)

    hooks.assert_not_called()
    assert filter_for("format-avif|width-40") is filter_for("format-avif|width-40")


def test_a_bad_spec_is_refused_as_wagtail_refuses_it():
    with pytest.raises(TemplateSyntaxError, match="filter specs in image tags"):
        Template('{% load image_tags %}{% image photo width-{40,80} alt="x" %}')


def test_an_image_found_among_prefetched_renditions_is_not_written_to_the_cache_again(photo):
    tag = "{% image photo fill-60x40 format-webp %}"
    made = render("image_tags", tag, photo)
    loaded = Image.objects.prefetch_related("renditions").get(pk=photo.pk)

    with (
        mock.patch.object(Rendition.cache_backend, "set") as one,
        mock.patch.object(Rendition.cache_backend, "set_many") as many,
    ):
        assert render("image_tags", tag, loaded) == made

    one.assert_not_called()
    many.assert_not_called()


def test_a_missing_original_shows_wagtails_broken_image(photo):
    photo.file.storage.delete(photo.file.name)
    tag = '{% image photo width-50 alt="" %}'

    assert render("image_tags", tag, photo) == render("wagtailimages_tags", tag, photo)
    assert 'src="/media/not-found"' in render("image_tags", tag, photo)
