"""The cleaning modules stay pure: no Django or Celery, so workers and tests stay cheap."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = ["cleaning/numbers.py", "cleaning/tables.py",
           "cleaning/spreadsheets.py"]


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("module", MODULES)
def test_no_django_or_celery(module):
    assert not imported_roots(ROOT / module) & {"django", "celery", "kombu", "rest_framework"}
