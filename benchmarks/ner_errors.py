"""Non-names the fresh-install extractor finds in MSRA and CLUENER *train*, grouped.

    .venv/bin/python benchmarks/ner_errors.py [--shared ../shared] [--corpus msra]
        [--start 0] [--sentences 2000] [--story 10] [--show 8] [--dump FILE]

A held-out view of precision beside the news tuning half: the whole extractor (KB
matches + LAC discoverer + junk filter, as ``eval_ner.py`` runs it on news) reads a
slice of a train split, ``--story`` consecutive sentences as one story's blocks. A
found name of a kind the corpus labels (MSRA: person, place, organisation; CLUENER
also counts its fine types, products excepted) that overlaps no gold span of any
label is a non-name; those are grouped by general pattern (kind, evidence, length,
dictionary tag, LAC's label and the word after) so that a rule can fix a class, not
an example. Only train splits are read: never MSRA test or CLUENER dev.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_ner import SHARED_DEFAULT

from extraction import Discoverer, extract
from extraction.corpora import LabelledSentence, read_bio, read_cluener
from extraction.discover import dictionary_frequency, dictionary_tag
from extraction.kb import known_names, load_shipped
from extraction.matcher import Matcher

# Kinds each corpus labels: a found name of another kind is neither right nor wrong.
COUNTED_KINDS = {
    "msra": frozenset({"person", "place", "organisation"}),
    "cluener": frozenset({"person", "place", "organisation"}),
}
# Gold labels as our kinds, for exact-span precision and recall.
KIND_OF_GOLD = {
    "PER": "person", "LOC": "place", "ORG": "organisation",
    "name": "person", "address": "place", "scene": "place", "company": "organisation",
    "organization": "organisation", "government": "organisation",
}


class _Recording(Discoverer):
    """A discoverer that keeps what it last found, so the evidence can be reported."""

    last: tuple[list, list]

    def analyse(self, texts, known=None):  # type: ignore[no-untyped-def]
        self.last = super().analyse(texts, known)
        return self.last


def read_train(shared: Path, corpus: str) -> list[LabelledSentence]:
    data = shared / "data" / "ner"
    if corpus == "msra":
        path = data / "msra" / "msra_train_bio.txt.gz"
        if not path.is_file():
            path = data / "msra" / "msra_train_bio.txt"
        return list(read_bio(path))
    return list(read_cluener(data / "cluener" / "train.json"))


def _signature(evidence: Sequence[str]) -> str:
    """The evidence without counts: ``lac:ORG+dict:nt+repeat``."""
    return "+".join(sorted({e.split(":")[0] if e.startswith("repeat") else e
                            for e in evidence})) or "-"


def _bucket(confidence: float) -> str:
    for edge in (0.5, 0.6, 0.7, 0.8, 0.9):
        if confidence < edge:
            return f"<{edge}"
    return ">=0.9"


def analyse_slice(sentences: Sequence[LabelledSentence], corpus: str, story: int,
                  discoverer: _Recording, matcher: Matcher) -> dict:
    counted = COUNTED_KINDS[corpus]
    found_total = correct = gold_total = hit = 0
    errors: list[dict] = []
    for first in range(0, len(sentences), story):
        group = [s for s in sentences[first : first + story] if s.text.strip()]
        if not group:
            continue
        blocks = list(enumerate(s.text for s in group))
        mentions = extract(blocks, matcher, discoverer)
        candidates, words = discoverer.last
        for index, sentence in enumerate(group):
            gold = {(s, e): KIND_OF_GOLD.get(label) for s, e, label in sentence.spans}
            gold_counted = {span for span, kind in gold.items() if kind in counted}
            gold_total += len(gold_counted)
            found = [m for m in mentions if m.block == index and m.kind in counted]
            spans = {(m.start, m.end) for m in found}
            hit += len(spans & gold_counted)
            for m in found:
                found_total += 1
                if (m.start, m.end) in gold:
                    correct += 1
                    continue
                if any(m.start < e and s < m.end for s, e in gold):
                    continue  # a wrong boundary or kind, not a non-name
                errors.append(_describe(m, sentence.text, candidates[index], words[index]))
    return {"found": found_total, "correct": correct, "gold": gold_total, "hit": hit,
            "errors": errors, "sentences": len(sentences)}


def _describe(m, text: str, candidates, words) -> dict:  # type: ignore[no-untyped-def]
    evidence = next((c.evidence for c in candidates if (c.start, c.end) == (m.start, m.end)),
                    ("kb",) if m.known else ("derived",))
    after = next((w for w in words if w.start >= m.end and text[w.start : w.end].strip()), None)
    before = next((w for w in reversed(words) if w.end <= m.start
                   and text[w.start : w.end].strip()), None)
    surface = m.surface.strip()
    tag = dictionary_tag(surface)
    return {
        "surface": surface,
        "kind": m.kind,
        "known": m.known,
        "confidence": m.confidence,
        "evidence": _signature(evidence),
        "length": len(surface),
        "dict": (tag or "-") if dictionary_frequency(surface) else "unlisted",
        "after": text[after.start : after.end] if after else "",
        "after_label": after.label if after else "end",
        "before_label": before.label if before else "start",
        "context": text[max(0, m.start - 8) : m.end + 8],
    }


def report(result: dict, show: int) -> None:
    found, correct, gold, hit = (result[k] for k in ("found", "correct", "gold", "hit"))
    errors = result["errors"]
    per_k = 1000 * len(errors) / max(result["sentences"], 1)
    print(f"found {found}, exact {correct} (P {correct / max(found, 1):.3f}), "
          f"R {hit / max(gold, 1):.3f} of {gold}; non-names {len(errors)} "
          f"({per_k:.1f} per 1,000 sentences; {len(errors) / max(found, 1):.1%} of found)")
    for field in ("kind", "known", "evidence", "length", "dict", "after_label",
                  "before_label"):
        groups: dict[object, list[dict]] = defaultdict(list)
        for error in errors:
            groups[error[field]].append(error)
        print(f"\nby {field}:")
        for value, members in sorted(groups.items(), key=lambda item: -len(item[1]))[:12]:
            examples = Counter(e["surface"] for e in members).most_common(show)
            print(f"  {value!s:<28}{len(members):>5}  "
                  + ", ".join(f"{s}x{n}" if n > 1 else s for s, n in examples))
    print("\nby confidence:")
    for bucket, n in sorted(Counter(_bucket(e["confidence"]) for e in errors).items()):
        print(f"  {bucket:<8}{n:>5}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED_DEFAULT)
    parser.add_argument("--corpus", choices=sorted(COUNTED_KINDS), default="msra")
    parser.add_argument("--start", type=int, default=0, help="first sentence of the slice")
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--story", type=int, default=10, help="sentences read as one story")
    parser.add_argument("--show", type=int, default=8, help="examples per group")
    parser.add_argument("--dump", type=Path, help="write every non-name, one a line (TSV)")
    args = parser.parse_args()
    sentences = read_train(args.shared, args.corpus)
    sentences = list(islice(sentences, args.start, args.start + args.sentences))
    matcher = Matcher.build(known_names(load_shipped()))
    discoverer = _Recording(None, None, matcher)
    result = analyse_slice(sentences, args.corpus, args.story, discoverer, matcher)
    print(f"{args.corpus} train [{args.start}:{args.start + len(sentences)}], "
          f"{args.story} sentences a story")
    report(result, args.show)
    if args.dump:
        fields = ("surface", "kind", "confidence", "evidence", "dict", "after", "after_label",
                  "before_label", "context")
        with (gzip.open if args.dump.suffix == ".gz" else open)(
                args.dump, "wt", encoding="utf-8") as out:
            for error in result["errors"]:
                out.write("\t".join(str(error[f]) for f in fields) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
