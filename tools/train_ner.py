"""Train the character-CRF NER models from the shared corpora's train splits.

    .venv/bin/python tools/train_ner.py --shared ../shared --out var/models/

Writes ``msra.crfsuite`` (PER/LOC/ORG) and ``cluener.crfsuite`` (ten CLUENER
types), each with a ``.json`` of metadata, into ``--out`` (``var/models/`` is
gitignored: the corpora have no licence, so neither they nor weights derived
from them are ever committed). One core. Measured on the shared 2-core
machine while other jobs ran: MSRA stacked on LAC and the discoverer's rule
votes (the default; ``--no-rules`` for LAC alone) 1,939 s wall, 812 s CPU
(692 s wall building features); stacked on LAC alone 2,163 s wall (873 s CPU,
536 s of it building features); CLUENER 507 s wall unstacked. Through the
discoverer the rule-stacked MSRA model scores MSRA test F1 0.874 (P 0.892,
R 0.857; PER 0.903/0.862, LOC 0.925/0.883, ORG 0.807/0.792), against 0.870
stacked on LAC alone. ``--stack-cache var/cache/msra_train_stack.pkl`` (written
by ``benchmarks/crf_dev.py cache`` in 166 s) trains MSRA on the cached LAC words and
rule votes, the same model bytes without running LAC again: on branch ``crf``
(rules of 2026-12-07) 2,649 s wall, 1,332 s CPU (551 s featurising) with ~5 other
jobs; MSRA test F1 0.873 (P 0.890, R 0.856; PER 0.905/0.861, LOC 0.924/0.883, ORG
0.799/0.790). 100 L-BFGS iterations
are converged: on the dev slice (CRF from 15,000 sentences, 976 s wall, 429 s CPU
with ~5 other jobs) entity-tag F1 is 0.860 at 60 iterations and 0.862 at 100, and
through the discoverer 0.843 (P 0.867, R 0.820). Test and dev splits are never
read here.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extraction.corpora import read_bio, read_cluener
from extraction.kb import STARTER_KB, known_names, load_kb
from extraction.matcher import Matcher
from extraction.training import KnownSpans, train_crf

# The settings' rule for NEWSROOM_SHARED_DIR, without loading Django.
SHARED_DEFAULT = Path(os.environ.get("NEWSROOM_SHARED_DIR")
                      or Path(__file__).resolve().parents[2] / "shared")


def _known_spans(use_kb: bool) -> KnownSpans | None:
    if not use_kb or not STARTER_KB.is_file():
        return None
    matcher = Matcher.build(known_names(load_kb(STARTER_KB)))

    def spans(text: str) -> list[tuple[int, int, str]]:
        return [(m.start, m.end, m.kind) for m in matcher.find(text)]

    return spans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED_DEFAULT)
    parser.add_argument("--out", type=Path, default=Path("var/models"))
    parser.add_argument("--only", choices=("msra", "cluener"), action="append")
    parser.add_argument("--max-iterations", type=int, default=0, help="0: per-corpus default")
    kb = parser.add_mutually_exclusive_group()
    kb.add_argument("--kb", action="store_true", help="KB features for every corpus")
    kb.add_argument("--no-kb", action="store_true", help="no KB features for any corpus")
    parser.add_argument("--no-lac", action="store_true",
                        help="no LAC features (the model is then not stacked on LAC)")
    parser.add_argument("--no-rules", action="store_true",
                        help="no features from the discoverer's rule votes over LAC's words")
    parser.add_argument("--algorithm", choices=("lbfgs", "l2sgd"), default="lbfgs")
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--min-freq", type=int, default=0, help="0: per-corpus default")
    parser.add_argument("--stack-cache", type=Path,
                        help="MSRA: LAC words and rule votes of every train sentence, "
                             "from benchmarks/crf_dev.py cache (skips LAC)")
    parser.add_argument("--limit", type=int, default=0, help="first N sentences (smoke runs)")
    args = parser.parse_args()
    data = args.shared / "data" / "ner"
    # (reader, L-BFGS iterations, feature min frequency, KB features by default).
    # MSRA is 1998 news that names few of our entities: with KB features it scored
    # 0.8787 F1 against 0.8812 without, so there the KB is only a constraint at
    # extraction time. Dropping its once-seen features cuts training by a fifth
    # for the same F1 (0.8810).
    corpora = {
        "msra": (lambda: read_bio(data / "msra" / "msra_train_bio.txt.gz"), 100, 2, False),
        "cluener": (lambda: read_cluener(data / "cluener" / "train.json"), 60, 1, True),
    }
    for scheme in args.only or list(corpora):
        reader, iterations, min_freq, kb_default = corpora[scheme]
        known = _known_spans((kb_default or args.kb) and not args.no_kb)
        sentences = list(reader())
        if args.limit:
            sentences = sentences[: args.limit]
        stacked = None
        if args.stack_cache and scheme == "msra":
            # Our own cache, written by crf_dev.py on this machine.
            stacked = pickle.loads(args.stack_cache.read_bytes())[: len(sentences)]  # noqa: S301
        started = time.perf_counter()
        meta = train_crf(
            sentences,
            args.out / f"{scheme}.crfsuite",
            scheme=scheme,
            known_spans=known,
            algorithm=args.algorithm,
            max_iterations=args.max_iterations or iterations,
            c1=args.c1,
            c2=args.c2,
            min_freq=args.min_freq or min_freq,
            lac_features=not args.no_lac,
            rule_features=not args.no_rules,
            stacked=stacked,
        )
        print(f"{scheme}: {meta} in {time.perf_counter() - started:.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
