"""The clinic fixtures of tests/clinics, for availability at a clinic."""

from tests.clinics.conftest import clinic, clinics_index  # noqa: F401
