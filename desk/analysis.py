"""The offline form of the pipeline, as `manage.py analyze` prints it.

Keep the JSON shape stable: {"blocks", "tables", "mentions"} (plus "warnings" and
"document", the verdict on the whole text: {"kind", "score", "reasons"}). Reasons are
the checker's English; "reason_codes" beside them give each one's stable code.
"""

from typing import Any

import cleaning
from articles.reasons import code
from datatables.reconstruct import analyze_tables
from entities.pipeline import analysis_mentions


def analyze(text: str, fmt: str = "text", *, title: str = "") -> dict[str, Any]:
    result = cleaning.check(text, fmt, title=title)
    return {
        "blocks": [
            {
                "index": b.index,
                "start": b.start,
                "end": b.end,
                "kind": b.kind,
                "score": round(b.score, 3),
                "reasons": [str(r) for r in b.reasons],
                "reason_codes": [code(r) for r in b.reasons],
            }
            for b in result.blocks
        ],
        "tables": analyze_tables(result.blocks),
        "mentions": analysis_mentions(result.blocks, text),
        "warnings": [str(w) for w in result.warnings],
        "document": {
            "kind": result.document.kind,
            "score": round(result.document.score, 3),
            "reasons": [str(r) for r in result.document.reasons],
            "reason_codes": [code(r) for r in result.document.reasons],
        },
    }
