"""Contamination checker for imported articles (Python and numpy, no Django).

Raw text or HTML in; blocks with offsets into the raw input out, each with a
kind, a score and reasons an editor can read. The pipeline, in order:
``decode`` -> ``segment``/``html`` -> ``signals`` -> ``verdict`` (with
``structure`` for captions, figures and tables) -> ``memory`` (simhash recall
of a source's boilerplate and of editors' overrides) -> ``document`` warnings.
"""

from .checker import check, document_fingerprint
from .decode import decode
from .memory import InMemoryBlockMemory, bands, fingerprint, fingerprints, hamming
from .model import (
    ARTICLE,
    CHECKER_VERSION,
    DOCUMENT_KINDS,
    KINDS,
    PAGE_KINDS,
    STORY_KINDS,
    Block,
    BlockMemory,
    CheckResult,
    DocumentVerdict,
    InputError,
    Recollection,
)
from .reasons import Reason, UnknownReason, reason

__all__ = [
    "ARTICLE",
    "CHECKER_VERSION",
    "DOCUMENT_KINDS",
    "KINDS",
    "PAGE_KINDS",
    "STORY_KINDS",
    "Block",
    "BlockMemory",
    "CheckResult",
    "DocumentVerdict",
    "InMemoryBlockMemory",
    "InputError",
    "Reason",
    "Recollection",
    "UnknownReason",
    "bands",
    "check",
    "decode",
    "document_fingerprint",
    "fingerprint",
    "fingerprints",
    "hamming",
    "reason",
]
