"""Leave-one-source-out cross-validation of the BLOCK verdicts, on the TUNING half only.

Run: ``python benchmarks/cv_blocks.py [--shared PATH] [--only MODULE.NAME ...] [--constants-only]
[--docs]``. ``--docs`` also lists each document whose held-out F1 is below 1, the largest
loss against its committed F1 first: both F1s, false positives and misses, and the signals its
held-out source ignored that fired on it (the rules only that source supports).

``cv_page_verdict.py`` asks whether the page verdict's constants transfer to a source they were
not tuned on; this asks the same of the block-level rules, scored as ``eval_contamination.py``
scores them (character-level "not story" F1). Knobs: every block signal (kept or ignored, as
``ablate_signals.py`` does) and a few constants of ``cleaning.verdict``, ``cleaning.signals`` and
``cleaning.pages``, each with a short list of values around the committed one. About 20 s.

For each source of the tuning half, each constant is set on its own (the others at their
committed values) to the value with the fewest not-story character errors (false positives +
misses) on the OTHER sources, ties going to the committed value; the signals go through a
backward elimination on those sources (each, by name, is ignored unless ignoring it adds
errors there, ties going to ignoring it: a rule needs evidence from another source); then all
of it is applied together to the held-out source. The held-out errors summed over sources give
the LOSO-CV figures: what the rules score on a source they were not written for. A signal only
one source needs is ignored when that source is held out, so a rule that fits one layout costs
the estimate whatever it scores on the tuning half (``ablate_signals.py`` names them); a
constant whose chosen value moves from source to source is printed as unstable. The test half
is never read here.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_contamination import (  # noqa: E402
    CONTAMINATION,
    DEFAULT_SHARED,
    doc_source,
    eval_doc,
    load_labels,
    load_split,
    load_titles,
    prf,
)

from cleaning import pages, signals, verdict  # noqa: E402

_ORIGINAL = verdict._evidence

# (module, constant, values): the committed value is always among them.
CONSTANTS = (
    (verdict, "THRESHOLD", (0.9, 1.0, 1.1)),
    (verdict, "NAV_CLUSTER_SHARE", (0.15, 0.25, 0.35)),
    (verdict, "HEADLINE_CHARS", (8, 12, 16)),
    (verdict, "PULL_QUOTE_BLOCKS", (2, 3, 4)),
    (signals, "MENU_LABELS", (4, 5, 6)),
    (signals, "ADVERT_GAP", (1, 2, 3)),
    (signals, "OFF_TOPIC_SHARE", (0.15, 0.2, 0.3)),
    (signals, "OFF_TOPIC_RATIO", (0.3, 0.4, 0.5)),
    (signals, "OFF_TOPIC_PEERS", (3, 4, 5)),
    (signals, "OFF_TOPIC_TERMS", (12, 16, 24)),
    (pages, "LISTING_GROUPS", (3, 2, 1)),
    (pages, "CORE_CHARS", (100, 150, 300)),
)

Doc = tuple[str, dict, str, str]  # source, label, text, title
Errors = dict[str, Counter[str]]  # document -> tp, fp, fn


def load_tune(corpus: Path) -> list[Doc]:
    split, titles = load_split(), load_titles(corpus)
    return [
        (
            doc_source(label["file"]),
            label,
            (corpus / label["file"]).read_text(encoding="utf-8"),
            titles.get(label["file"].removeprefix("raw/"), ""),
        )
        for label in load_labels(corpus)
        if split.get(label["file"]) == "tune"
    ]


def run(docs: list[Doc], setting: dict[str, object] | None = None) -> Errors:
    """tp/fp/fn per document with ``setting`` applied: ``{"-signal": True}`` ignores a signal,
    ``{"module.NAME": value}`` sets a constant. Also notes which signals fired where."""
    setting = setting or {}
    dropped = {k[1:] for k, v in setting.items() if k.startswith("-") and v}
    saved = []
    for key, value in setting.items():
        if key.startswith("-"):
            continue
        module, name = _constant(key)
        saved.append((module, name, getattr(module, name)))
        setattr(module, name, value)
    fired: set[str] = set()

    def evidence(sigs: list) -> tuple[float, str]:
        fired.update(s.name for s in sigs)
        return _ORIGINAL([s for s in sigs if s.name not in dropped])

    verdict._evidence = evidence
    try:
        out: Errors = {}
        for _src, label, text, title in docs:
            fired.clear()
            row, kinds = eval_doc(label, text, title)
            out[label["_doc"]] = Counter(tp=row["tp"], fp=row["fp"], fn=row["fn"])
            for kind, c in kinds.items():
                # Per class: gold characters missed, and characters flagged as it wrongly.
                out[label["_doc"]][f"miss:{kind}"] = c["gold"] - c["hit"]
                out[label["_doc"]][f"flag:{kind}"] = c["pred"] - c["pred_ok"]
            FIRED[label["_doc"]] = set(fired)
        return out
    finally:
        verdict._evidence = _ORIGINAL
        for module, name, value in saved:
            setattr(module, name, value)


FIRED: dict[str, set[str]] = {}  # document -> signals that fired on it (last run)


def _constant(key: str) -> tuple[object, str]:
    mod, name = key.split(".")
    return {"verdict": verdict, "signals": signals, "pages": pages}[mod], name


def constant_knobs(only: list[str] | None) -> list[tuple[str, tuple]]:
    out = [(f"{m.__name__.rsplit('.', 1)[-1]}.{name}", values) for m, name, values in CONSTANTS]
    return [k for k in out if not only or k[0] in only]


def committed(key: str) -> object:
    module, name = _constant(key)
    return getattr(module, name)


def errors(rows: Errors, docs: set[str]) -> int:
    return sum(rows[d]["fp"] + rows[d]["fn"] for d in docs)


def totals(rows: Errors, docs: set[str]) -> tuple[float, float, int]:
    tp, fp, fn = (sum(rows[d][k] for d in docs) for k in ("tp", "fp", "fn"))
    f1s = [prf(rows[d]["tp"], rows[d]["fp"], rows[d]["fn"])[2]
           if rows[d]["tp"] + rows[d]["fp"] + rows[d]["fn"] else 1.0 for d in docs]
    return prf(tp, fp, fn)[2], sum(f1s) / len(f1s), fp + fn


def signals_kept(
    docs: list[Doc], base: Errors, fired: dict[str, set[str]], train: set[str]
) -> set[str]:
    """Backward elimination on the training sources: each signal in turn (by name) is ignored
    unless ignoring it, with those already ignored, adds errors there. A signal that never
    fires there, or whose work others do as well, is ignored: a rule needs evidence from a
    source other than the one it is judged on."""
    names = sorted(set().union(*fired.values()))
    dropped: set[str] = set()
    current = dict(base)
    for name in names:
        where = {d for d in train if name in fired[d]}
        if where:
            trial = run([d for d in docs if d[1]["_doc"] in where],
                        {f"-{n}": True for n in dropped | {name}})
            if errors(trial, where) > errors(current, where):
                continue
            current.update(trial)
        dropped.add(name)
    return dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--only", nargs="*", help="constants to cross-validate (default: all)")
    parser.add_argument(
        "--constants-only", action="store_true", help="keep every signal (no elimination)"
    )
    parser.add_argument(
        "--docs", action="store_true", help="list the documents the held-out folds score lower"
    )
    args = parser.parse_args(argv)
    corpus = args.shared / "data" / "contamination"
    if not corpus.exists():
        print(f"skipped: no shared corpus at {corpus}")
        return 0
    docs = load_tune(corpus)
    base = run(docs)
    fired = {d: set(names) for d, names in FIRED.items()}
    source_of = {label["_doc"]: src for src, label, _, _ in docs}
    sources = sorted(set(source_of.values()))
    members = {s: {d for d, src in source_of.items() if src == s} for s in sources}
    everything = set(source_of)
    table: dict[tuple[str, object], Errors] = {}
    for key, values in constant_knobs(args.only):
        for value in values:
            table[key, value] = base if value == committed(key) else run(docs, {key: value})
    held: Errors = {}
    settings: dict[str, dict[str, object]] = {}
    choices: dict[str, list[object]] = defaultdict(list)
    lost: Counter[str] = Counter()
    for src in sources:
        train = everything - members[src]
        setting: dict[str, object] = {}
        for key, values in constant_knobs(args.only):
            best = min(
                values,
                key=lambda v, key=key: (errors(table[key, v], train), v != committed(key)),
            )
            choices[key].append(best)
            if best != committed(key):
                setting[key] = best
        if not args.constants_only:
            for name in signals_kept(docs, base, fired, train):
                if any(name in fired[d] for d in members[src]):
                    setting[f"-{name}"] = True
        settings[src] = setting
        chosen = run([d for d in docs if d[0] == src], setting) if setting else base
        held.update({d: chosen[d] for d in members[src]})
        lost[src] = errors(chosen, members[src]) - errors(base, members[src])
        shown = ", ".join(f"{k}={v}" for k, v in setting.items() if v is not True)
        ignored = ", ".join(k[1:] for k, v in setting.items() if v is True)
        print(f"held out {src:30s} {lost[src]:+6d} errors | {shown or '-'} "
              f"| ignored: {ignored or '-'}")
    f1, macro, errs = totals(base, everything)
    print(f"tune (as committed):  F1 {f1:.3f}  macro {macro:.3f}  errors {errs}")
    f1, macro, errs = totals(held, everything)
    print(f"LOSO-CV (held out):   F1 {f1:.3f}  macro {macro:.3f}  errors {errs}")
    print(
        "per class (characters, tuning half): missed as committed / held out, "
        "false flags as committed / held out"
    )
    for kind in CONTAMINATION:
        row = [
            sum(rows[d][f"{what}:{kind}"] for d in everything)
            for what in ("miss", "flag")
            for rows in (base, held)
        ]
        print(
            f"  {kind:11s} missed {row[0]:5d} / {row[1]:5d}   false flags {row[2]:4d} / {row[3]:4d}"
        )
    unstable = [k for k, v in choices.items() if len(set(map(repr, v))) > 1]
    print("unstable knobs: " + (", ".join(unstable) or "none"))
    if args.docs:
        print_docs(base, held, fired, source_of, settings)
    return 0


def print_docs(
    base: Errors,
    held: Errors,
    fired: dict[str, set[str]],
    source_of: dict[str, str],
    settings: dict[str, dict[str, object]],
) -> None:
    """Documents held out below F1 1, the largest loss against the committed F1 first."""

    def f1(row: Counter[str]) -> float:
        return prf(row["tp"], row["fp"], row["fn"])[2] if row["tp"] + row["fp"] + row["fn"] else 1.0

    print("documents (F1 as committed -> held out, fp/fn; signals its fold ignored here):")
    for doc in sorted(base, key=lambda d: (f1(held[d]) - f1(base[d]), f1(held[d]))):
        if f1(held[doc]) >= 1.0:
            continue
        ignored = sorted(
            k[1:] for k, v in settings[source_of[doc]].items()
            if v is True and k[1:] in fired[doc]
        )
        print(
            f"  {doc:38s} {f1(base[doc]):.3f} ({base[doc]['fp']}/{base[doc]['fn']}) -> "
            f"{f1(held[doc]):.3f} ({held[doc]['fp']}/{held[doc]['fn']}) | "
            f"{', '.join(ignored) or '-'}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
