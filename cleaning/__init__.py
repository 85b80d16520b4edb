"""Contamination checker for imported articles (Python and numpy, no Django).

Raw text or HTML in; blocks with offsets into the raw input out, each with a
kind, a score and reasons an editor can read. The pipeline, in order:
``decode`` -> ``segment``/``html`` -> ``signals`` -> ``verdict`` (with
``structure`` for captions, figures and tables) -> ``memory`` (simhash recall
of a source's boilerplate and of editors' overrides) -> ``document`` warnings.
"""

from .checker import check
from .decode import decode
from .memory import InMemoryBlockMemory, bands, fingerprint, fingerprints, hamming
from .model import (
    CHECKER_VERSION,
    KINDS,
    STORY_KINDS,
    Block,
    BlockMemory,
    CheckResult,
    InputError,
    Recollection,
)

__all__ = [
    "CHECKER_VERSION",
    "KINDS",
    "STORY_KINDS",
    "Block",
    "BlockMemory",
    "CheckResult",
    "InMemoryBlockMemory",
    "InputError",
    "Recollection",
    "bands",
    "check",
    "decode",
    "fingerprint",
    "fingerprints",
    "hamming",
]
