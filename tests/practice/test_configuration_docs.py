"""`.env.example` and the table in docs/configuration.md list the same variables with the same defaults."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.database_independent("compares two text files")

ROOT = Path(__file__).resolve().parents[2]
NAME = r"[A-Z][A-Z0-9_]+"


def documented():
    """{variable: default or None} from the table; a default is known when the cell gives one
    literal (`value`, or "empty") per variable of the row."""
    variables = {}
    for line in (ROOT / "docs" / "configuration.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        names = re.findall(rf"`({NAME})`", cells[0])
        tokens = [token.strip() for token in cells[2].split(",")]
        literals = [
            "" if token == "empty" else token[1:-1]
            for token in tokens
            if token == "empty" or re.fullmatch(r"`[^`]*`", token)
        ]
        known = len(literals) == len(tokens) == len(names)
        for index, name in enumerate(names):
            variables.setdefault(name, literals[index] if known else None)
    return variables


def in_env_example():
    """{variable: value} from `.env.example`; a commented-out `# NAME=` line lists a variable whose
    default is best left alone (None)."""
    variables = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if match := re.fullmatch(rf"({NAME})=(.*)", line):
            variables[match[1]] = match[2]
        elif match := re.fullmatch(rf"# ({NAME})=.*", line):
            variables[match[1]] = None
    return variables


def test_env_example_and_the_docs_list_the_same_variables():
    assert sorted(in_env_example()) == sorted(documented())


def test_env_example_gives_each_variable_its_documented_default():
    example = in_env_example()
    different = {
        name: (example[name], default)
        for name, default in documented().items()
        if default is not None and example.get(name) is not None and example[name] != default
    }

    assert different == {}
