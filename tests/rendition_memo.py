"""Each image resized and encoded once per test process, not once per test.

A rendition row a test makes is rolled back or flushed with the test, so the next test to show the
same image makes it again: Wagtail resizes the original and encodes AVIF, WebP and JPEG copies,
about a second of CPU for a page of the demo's photos, paid by every test that renders one. The
same original (by its file's hash), filter and focal point always give the same bytes, so this
keeps the bytes of each and hands them back; Wagtail still makes the rendition's row and file and
names it as it would, so every test still sees renditions made the real way.
"""

import pytest
from wagtail.images.models import Filter

encoded = {}


def rendition_key(image, filter):
    original = image.file_hash or image.file.name
    return (original, image.width, image.height, filter.spec, filter.get_cache_key(image))


@pytest.fixture(scope="session", autouse=True)
def renditions_encoded_once():
    run = Filter.run

    def run_once(self, image, output, source=None):
        key = rendition_key(image, self)
        if key not in encoded:
            made = run(self, image, output, source=source)
            made.f.seek(0)
            encoded[key] = (type(made), made.f.read())
        kind, data = encoded[key]
        output.seek(0)
        output.truncate()
        output.write(data)
        output.seek(0)
        return kind(output)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Filter, "run", run_once)
        yield
