"""Media files in memory, as Django's InMemoryStorage keeps them, but one store per test process.

Django makes a new storage object whenever a test changes STORAGES, STATIC_ROOT or STATIC_URL
(`django.test.signals.storages_changed`), and a new InMemoryStorage starts empty: the demo practice,
copied into each process once (tests/demo_database.py), would lose its photos to any such test
before it. Its files travel between the processes of one run through a directory
(`export_files`, `import_files`).
"""

import posixpath
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.files.storage.memory import InMemoryDirNode


class ProcessMemoryStorage(InMemoryStorage):
    files = InMemoryDirNode()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._root = self.files


def file_names(storage, directory=""):
    """Every file's name in `storage`, its subdirectories' too."""
    directories, files = storage.listdir(directory)
    for name in files:
        yield posixpath.join(directory, name)
    for name in directories:
        yield from file_names(storage, posixpath.join(directory, name))


def export_files(storage, names, directory):
    """Write the files `names` of `storage` under `directory`, at the same paths."""
    for name in names:
        path = Path(directory, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as file:
            path.write_bytes(file.read())


def import_files(storage, directory):
    """Save every file under `directory` into `storage` by the same name, unless it has one."""
    for path in Path(directory).rglob("*"):
        name = path.relative_to(directory).as_posix()
        if path.is_file() and not storage.exists(name):
            storage.save(name, ContentFile(path.read_bytes()))
