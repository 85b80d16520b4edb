"""The checker's verdicts do not depend on Python's hash seed (issue 15): a worker process
judges a text as any other does, so cached verdicts, the snapshot and editors' overrides hold.
A set of strings is iterated in an order that changes with PYTHONHASHSEED; where that order
picks one string among equals (a keyword line's stem, a page's most frequent name), the
checker breaks the tie by the string itself.

Every text here is written for these tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cleaning.signals import _keyword_stem

from .test_off_topic import STORY

ROOT = Path(__file__).resolve().parents[2]
# Stems tied in length on each line ("X" + "app", "客户端", "最新版", "网页版": five or six
# characters), one of them used by a story paragraph: which one the checker names decides
# whether the line is foreign, and which word its reason shows.
KEYWORD_LINES = [
    "青松app下载|青松客户端下载|青松最新版下载",
    "蓝鲸最新版下载，蓝鲸app下载，蓝鲸客户端下载",
    "星河客户端下载 星河app下载 星河网页版下载",
    "飞鱼网页版下载_飞鱼最新版下载_飞鱼app下载",
]
USES_ONE = "市民也可以在青松客户端和星河客户端上查到附近停车点的空位。"
TEXT = "\n".join([*STORY[:3], USES_ONE, *STORY[3:5], *KEYWORD_LINES, *STORY[5:]]) + "\n"
_JUDGE = "import sys; from cleaning import check; print(repr(check(sys.stdin.read())))"


def _verdicts(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", _JUDGE],
        input=TEXT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        check=True,
    )
    return done.stdout


def test_verdicts_are_the_same_under_two_hash_seeds():
    first, second = _verdicts("1"), _verdicts("2")
    assert "search keywords on" in first  # the keyword lines were judged as such
    assert first == second


def test_a_tie_between_stems_goes_to_the_first_in_order():
    assert _keyword_stem("青松客户端下载|青松app下载|青松最新版下载") == "青松app"
    assert _keyword_stem("蓝鲸最新版下载，蓝鲸客户端下载") == "蓝鲸客户端"
