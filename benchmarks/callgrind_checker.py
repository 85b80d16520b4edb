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
callgrind files (without ``--within``, ``<input>.out.2`` is the check) for
``callgrind_annotate``.

``--within cleaning.pages:features,cleaning.vocabulary:TermTable.runs`` also counts the
instructions spent inside each named function during the check (summed over its calls;
the functions must not call one another): each is wrapped in two more markers, wherever
a ``cleaning`` module holds it: as a module attribute, inside a module-level tuple
(``signals.BLOCK_SIGNALS``) or as a signal's ``fires_on`` candidates.
"""

from __future__ import annotations

import argparse
import functools
import html as html_lib
import importlib
import json
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


def _mark(labels: list[str], label: str) -> None:
    labels.append(label)
    os.getppid()  # callgrind dumps its counts here


def _wrap(spec: str, labels: list[str]) -> None:
    """Bracket the function ``module:qualname`` with markers, wherever the checker's
    modules hold it."""
    module, qualname = spec.split(":")
    owner = importlib.import_module(module)
    *path, attr = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    inner = getattr(owner, attr)

    @functools.wraps(inner)  # keeps a signal's ``candidates`` (fires_on)
    def wrapped(*args, **kwargs):
        _mark(labels, "")
        try:
            return inner(*args, **kwargs)
        finally:
            _mark(labels, spec)

    setattr(owner, attr, wrapped)
    for mod in list(sys.modules.values()):
        if not mod.__name__.startswith("cleaning"):
            continue
        for name, value in list(vars(mod).items()):
            if value is inner:
                setattr(mod, name, wrapped)
            elif type(value) is tuple and any(item is inner for item in value):
                # a registry such as signals.BLOCK_SIGNALS holds the function itself
                setattr(mod, name, tuple(wrapped if item is inner else item for item in value))
            elif getattr(value, "candidates", None) is inner:
                value.candidates = wrapped  # a signal declared ``@fires_on(inner)``


def child(name: str, shared: Path, within: list[str], labels_file: Path | None) -> None:
    sys.path.insert(0, str(ROOT))
    from cleaning import check, lexicon, signals

    text, fmt = build(name, shared)
    check(text, fmt)
    for fn in (signals.is_han_text, signals.is_prose, signals.is_short_line,
               signals.is_body, lexicon._fold_block):
        fn.cache_clear()
    labels: list[str] = []
    for spec in within:
        _wrap(spec, labels)
    os.getppid()  # callgrind dumps here ...
    check(text, fmt)
    _mark(labels, "check")  # ... and here: the files in between are the check
    if labels_file is not None:
        labels_file.write_text(json.dumps(labels), encoding="utf-8")


def instructions(name: str, shared: Path, out: Path, within: list[str]) -> dict[str, int]:
    """Instructions of the check, and inside each function of ``within`` during it."""
    labels_file = out.with_suffix(".labels.json")
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
           "--dump-before=os_getppid", sys.executable, __file__, "--child", name,
           "--shared", str(shared), "--labels", str(labels_file)]
    if within:
        cmd += ["--within", ",".join(within)]
    env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1"}
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    counts = dict.fromkeys(["check", *within], 0)
    # File k + 2 holds what ran before the k-th label's marker, after the one before it.
    for k, label in enumerate(json.loads(labels_file.read_text(encoding="utf-8"))):
        part = Path(f"{out}.{k + 2}").read_text()
        count = int(re.search(r"^(?:summary|totals): (\d+)", part, re.M).group(1))
        counts["check"] += count
        if label not in ("", "check"):
            counts[label] += count
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--inputs", default=",".join(INPUTS))
    parser.add_argument("--keep", type=Path, help="keep the callgrind files here")
    parser.add_argument("--within", default="", help="module:function,... to count apart")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--labels", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    within = [spec for spec in args.within.split(",") if spec]
    if not (args.shared / SEED).exists():
        print(f"no seed at {args.shared / SEED}")
        return 1
    if args.child:
        child(args.child, args.shared, within, args.labels)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        print(f"{'input':<10} {'KB':>6} {'instructions/check':>19} {'per byte':>9}")
        for name in args.inputs.split(","):
            counts = instructions(name, args.shared, where / f"{name}.out", within)
            size = len(build(name, args.shared)[0].encode("utf-8"))
            count = counts.pop("check")
            print(f"{name:<10} {size / 1000:>6.0f} {count:>19,} {count / size:>9.0f}",
                  flush=True)
            for spec, inside in counts.items():
                print(f"  {spec:<40} {inside:>13,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
