"""extraction must stay pure Python: no Django, no Celery."""

from __future__ import annotations

import ast
from pathlib import Path

import extraction

PACKAGE = Path(extraction.__file__).parent
FORBIDDEN = ("django", "celery")


def test_no_django_or_celery_imports() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            offenders += [
                f"{path.name}: {name}" for name in names if name.split(".")[0] in FORBIDDEN
            ]
    assert offenders == []
