"""Pages saved without updating Wagtail's search index or reference index, for tests that read neither.

Every page save runs both updates at once (the immediate task backend): about a tenth of the CPU of
tests that build pages only to hang leads, clinics or treatments on them. Tests of search and of
references ("used by", safe deletion) keep them.
"""

from contextlib import contextmanager

import pytest
from django.db.models.signals import post_delete, post_save
from modelsearch import index
from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler
from wagtail.signal_handlers import (
    connect_reference_index_signal_handlers,
    disconnect_reference_index_signal_handlers,
)


def searched_models():
    return [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]


@contextmanager
def indexes_not_updated():
    disconnect_reference_index_signal_handlers()
    for model in searched_models():
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_delete.disconnect(post_delete_signal_handler, sender=model)
    try:
        yield
    finally:
        connect_reference_index_signal_handlers()
        for model in searched_models():
            post_save.connect(post_save_signal_handler, sender=model)
            post_delete.connect(post_delete_signal_handler, sender=model)


@pytest.fixture(scope="package", autouse=True)
def pages_saved_without_indexing():
    """Imported into the conftest of a package whose tests search no pages and ask nothing of the
    reference index: its every test saves pages without updating either."""
    with indexes_not_updated():
        yield
