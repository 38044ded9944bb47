"""The clinic fixtures of tests/clinics, for availability at a clinic."""

from tests.clinics.conftest import clinic, clinics_index  # noqa: F401
from tests.indexing import pages_saved_without_indexing  # noqa: F401 (no test here searches pages)
