"""Instructions per ``check()`` under callgrind: a speed figure a busy machine cannot blur.

Run: ``python benchmarks/callgrind_checker.py [--shared PATH] [--inputs seed-text,...]``

Wall time on the shared machine wanders by 20%; instruction counts do not. For each
input this runs this same script in ``--child`` mode under valgrind's callgrind, which
imports the checker, checks the input once (so lazy imports and compiled patterns are
paid, as in a long-lived worker), clears the per-text caches as bench_checker.py does,
and checks it again between two calls of ``os.getppid()``. ``--dump-before=os_getppid``
makes callgrind write out its counts at each of those calls, so the second file holds
exactly one cold check (plus two trivial calls). ``PYTHONHASHSEED=0`` keeps set and
dict orders, hence the counts, the same from run to run; ``OPENBLAS_NUM_THREADS=1``
stops numpy's idle BLAS threads from spinning (they count instructions in proportion
to the run's length, and the checker makes no BLAS call).

Inputs (as bench_checker.py builds them): ``seed-text`` (the seed article),
``seed-html`` (its lines wrapped as HTML paragraphs), ``64k`` and ``256k`` (the seed
repeated to that many UTF-8 bytes, checked as text). ``--keep DIR`` keeps the
callgrind files (``<input>.out.2`` is the check) for ``callgrind_annotate``.
"""

from __future__ import annotations

import argparse
import html as html_lib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ("seed-text", "seed-html", "64k", "256k")
SEED = Path("data") / "seed" / "000_246e21f996374ec1.txt"


def wrap(lines: list[str]) -> str:
    body = "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines if line.strip())
    return f"<html><body><article>{body}</article></body></html>"


def build(name: str, shared: Path) -> tuple[str, str]:
    """(text, format) of one named input."""
    seed = (shared / SEED).read_text(encoding="utf-8")
    if name == "seed-text":
        return seed, "text"
    if name == "seed-html":
        return wrap(seed.split("\n")), "html"
    target = {"64k": 64_000, "256k": 256_000}[name]
    text = "\n".join([seed] * (target // len(seed.encode("utf-8")) + 1))
    return text.encode("utf-8")[:target].decode("utf-8", "ignore"), "text"


def child(name: str, shared: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from cleaning import check, lexicon, signals

    text, fmt = build(name, shared)
    check(text, fmt)
    for fn in (signals.is_han_text, signals.is_prose, signals.is_short_line,
               signals.is_body, lexicon._fold_block):
        fn.cache_clear()
    os.getppid()  # callgrind dumps here ...
    check(text, fmt)
    os.getppid()  # ... and here: the second file is the check


def instructions(name: str, shared: Path, out: Path) -> int:
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
           "--dump-before=os_getppid", sys.executable, __file__, "--child", name,
           "--shared", str(shared)]
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1"}
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    total = re.search(r"^(?:summary|totals): (\d+)", Path(f"{out}.2").read_text(), re.M)
    return int(total.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--inputs", default=",".join(INPUTS))
    parser.add_argument("--keep", type=Path, help="keep the callgrind files here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.shared / SEED).exists():
        print(f"no seed at {args.shared / SEED}")
        return 1
    if args.child:
        child(args.child, args.shared)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        print(f"{'input':<10} {'KB':>6} {'instructions/check':>19} {'per byte':>9}")
        for name in args.inputs.split(","):
            count = instructions(name, args.shared, where / f"{name}.out")
            size = len(build(name, args.shared)[0].encode("utf-8"))
            print(f"{name:<10} {size / 1000:>6.0f} {count:>19,} {count / size:>9.0f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
