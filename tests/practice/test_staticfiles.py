"""Static files' URLs in production: the same hashed URLs as Django's manifest storage gives, each
worked out once per process and at most MAX_URLS of them kept."""

import json

import pytest
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage

from practice import staticfiles
from practice.staticfiles import ManifestStaticStorage

PATHS = {"css/site.css": "css/site.0123456789ab.css", "img/favicon.svg": "img/favicon.ba9876543210.svg"}


@pytest.fixture
def collected(tmp_path, settings):
    """A STATIC_ROOT as collectstatic leaves it: its manifest names each file's hashed copy."""
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": PATHS, "version": "1.1", "hash": "x"}))
    return tmp_path


def test_urls_are_the_hashed_ones_djangos_storage_gives(collected):
    ours = ManifestStaticStorage(location=collected)
    djangos = ManifestStaticFilesStorage(location=collected)

    for name in PATHS:
        assert ours.url(name) == ours.url(name) == djangos.url(name)
    assert ours.url("css/site.css") == "/static/css/site.0123456789ab.css"


def test_a_file_missing_from_the_manifest_is_an_error_every_time(collected):
    storage = ManifestStaticStorage(location=collected)

    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_the_urls_kept_are_bounded(collected, monkeypatch):
    monkeypatch.setattr(staticfiles, "MAX_URLS", 1)
    storage = ManifestStaticStorage(location=collected)

    assert [storage.url(name) for name in PATHS] == [f"/static/{hashed}" for hashed in PATHS.values()]
    assert len(storage.urls) == 1


def test_development_urls_name_the_files_themselves(collected, settings):
    settings.DEBUG = True
    assert ManifestStaticStorage(location=collected).url("css/site.css") == "/static/css/site.css"
