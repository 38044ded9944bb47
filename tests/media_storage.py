"""Media files in memory, as Django's InMemoryStorage keeps them, but one store per test process.

Django makes a new storage object whenever a test changes STORAGES, STATIC_ROOT or STATIC_URL
(`django.test.signals.storages_changed`), and a new InMemoryStorage starts empty: the demo practice,
loaded once per process (tests/demo_database.py), would lose its photos to any such test before it.
"""

from django.core.files.storage import InMemoryStorage
from django.core.files.storage.memory import InMemoryDirNode


class ProcessMemoryStorage(InMemoryStorage):
    files = InMemoryDirNode()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._root = self.files
