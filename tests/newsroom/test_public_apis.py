"""Django's and redis-py's public APIs only: no private attribute of theirs in our code."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Django's and redis-py's objects as our code names them, reached through a private name.
THEIRS = re.compile(
    r"\b(connection|connections\[[^\]]*\]|wrapper|backend|cache|caches\[[^\]]*\]|client|pool"
    r"|request|response|engine|template|settings|apps)\._(?!meta\b|default_manager\b)\w+"
)
# Internals that were used here once, reached through any object but ``self`` (our
# own classes may name their attributes so); written so that `git grep` for them
# finds no match in this file either.
KNOWN = re.compile(r"_prepare_curso[r]|_get_connection_poo[l]|health_check_don[e]"
                   r"|health_check_enable[d]|(?<!self)\.(?:_clien[t]|_serialize[r]|_cach[e])\b")


def tracked_python() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split()
    return [ROOT / name for name in listed if not name.startswith("tests/")]


def test_no_private_django_or_redis_attribute_is_used():
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in tracked_python() if path.exists()
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if THEIRS.search(line) or KNOWN.search(line)
    ]
    assert found == []
