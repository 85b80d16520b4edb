"""Writing conventions of a paragraph's source (issue 15).

An item pasted from another site on the same topic shares the story's words, but not
always its house style: one source writes a space between Chinese and a number or Latin
word ("2018 年", "5G 网络"), another none ("2018年"); one puts a full-width comma after
Chinese, another an ASCII one. Within one article the convention holds (its writer and
editor are the same), so a paragraph that keeps the other convention where the rest of
the story keeps one is written elsewhere.

Each convention is a pair of counts per text, (one way, the other way); only boundaries
between Chinese and something else are counted (an English sentence keeps its spaces).
"""

from __future__ import annotations

import re

# A run of ASCII letters and digits, with the dots, slashes and dashes inside a file name,
# version or figure ("a.ko", "1.5", "4G/5G"): its two edges are the boundaries that are
# spaced or not. An edge beside Chinese (or a space) is the run's first or last character,
# so a run is counted by its edges, in C: those open on the left, those open on the right,
# less those open on both (a run counts once). Each pattern opens on a character it must
# hold (a letter or digit, a space, a comma): the regex engine skips ahead to those.
_RUN_REST = r"(?:[A-Za-z0-9._/+-]*[A-Za-z0-9])?"
_HAN = r"[\u4e00-\u9fff]"
_TIGHT = (
    re.compile(rf"[A-Za-z0-9](?<={_HAN}.)"),
    re.compile(rf"[A-Za-z0-9](?={_HAN})"),
    re.compile(rf"[A-Za-z0-9](?<={_HAN}.){_RUN_REST}(?={_HAN})"),
)
_SPACED = (
    re.compile(rf" [A-Za-z0-9](?<={_HAN} .)"),
    re.compile(rf" (?<=[A-Za-z0-9] )(?={_HAN})"),
    re.compile(rf" [A-Za-z0-9](?<={_HAN} .){_RUN_REST} (?={_HAN})"),
)
# "中,": an ASCII comma right after Chinese (the comma first: a look-behind after it costs
# less than a regex opening on a class of Chinese characters, or a str.find loop).
_HAN_ASCII_COMMA = re.compile(r",(?<=[\u4e00-\u9fff],)")

# A paragraph breaks the story's convention when it keeps the other way MIN_OWN times or
# more (and its own way at most a quarter as often), while the rest of the story keeps
# its way MIN_REST times or more and the other way at most a tenth as often, and the
# paragraphs keeping the story's way outnumber those keeping the other VOTES to 1 (and
# are MIN_VOTERS or more). Chosen on synthetic injections (eval_injection.py, seeds
# 15-17, story paragraphs the other signals left unflagged): counted by boundaries,
# 2 / 4 / 10 found 25 of 185 near-topic injected paragraphs and none of 2373 host
# paragraphs; a fifth for a tenth found 6 more at one host paragraph. The votes came from
# short hosts (four paragraphs, a pasted run of three outnumbering them); counting runs
# rather than their sides, and a file name as one run, from the tuning half of the
# labelled corpus (a tutorial's one spaced file name, a history essay's one spaced year).
MIN_OWN = 2
MIN_REST = 4
REST_RATIO = 10
VOTES = 2
MIN_VOTERS = 3  # texts keeping the story's way, at least


def _runs(text: str, edges: tuple[re.Pattern[str], ...]) -> int:
    """Runs with a left edge, plus runs with a right edge, less runs with both."""
    left, right, both = edges
    return len(left.findall(text)) + len(right.findall(text)) - len(both.findall(text))


def spaced(text: str) -> int:
    """Runs of ASCII letters or digits set off from Chinese beside them by a space."""
    return _runs(text, _SPACED) if " " in text else 0


def tight(text: str) -> int:
    """Runs of ASCII letters or digits written against Chinese beside them."""
    return _runs(text, _TIGHT)


def spacing(text: str) -> tuple[int, int]:
    """(spaced runs, tight runs): a run counts once however many of its two sides show
    the way."""
    return spaced(text), tight(text)


def full_width_commas(text: str) -> int:
    return text.count("，")


def ascii_commas(text: str) -> int:
    """ASCII commas after Chinese."""
    return len(_HAN_ASCII_COMMA.findall(text)) if "," in text else 0


def commas(text: str) -> tuple[int, int]:
    """(ASCII commas after Chinese, full-width commas)."""
    return ascii_commas(text), full_width_commas(text)


# Each convention's two ways, the cheaper (and mostly rarer) to count first: when no text
# holds MIN_OWN of it and the story fewer than MIN_REST, no text can keep it against the
# rest nor break it, so the second way is not counted (breaking() is symmetric in the two).
CONVENTIONS = ((spaced, tight), (full_width_commas, ascii_commas))


def breaking(texts: list[str]) -> list[bool]:
    """Per text: does it keep the other way of some convention than the other texts
    together?"""
    out = [False] * len(texts)
    for first, second in CONVENTIONS:
        firsts = [first(t) for t in texts]
        if max(firsts, default=0) < MIN_OWN and sum(firsts) < MIN_REST:
            continue
        pairs = [(a, second(t)) for a, t in zip(firsts, texts, strict=True)]
        total_a = sum(a for a, _ in pairs)
        total_b = sum(b for _, b in pairs)
        # Texts keeping each way (more of its boundaries than of the other's).
        votes_a = sum(1 for a, b in pairs if a > b)
        votes_b = sum(1 for a, b in pairs if b > a)
        for k, (a, b) in enumerate(pairs):
            if out[k] or not (a or b):
                continue
            if _against(a, b, total_a - a, total_b - b):
                out[k] = _outvoted(votes_a, votes_b)
            elif _against(b, a, total_b - b, total_a - a):
                out[k] = _outvoted(votes_b, votes_a)
    return out


def _against(mine: int, mine_other: int, rest: int, rest_other: int) -> bool:
    """The text keeps one way (``mine``), the rest the other (``rest_other``)."""
    return (
        mine >= MIN_OWN
        and mine_other * 4 <= mine
        and rest_other >= MIN_REST
        and rest * REST_RATIO <= rest_other
    )


def _outvoted(keep: int, other: int) -> bool:
    """Do the texts keeping the other way outnumber those keeping the text's way (``keep``,
    the text among them) VOTES to 1, and are they MIN_VOTERS or more? A few pasted
    paragraphs in a short story can hold more boundaries than the story: then neither way
    is the story's."""
    return other >= max(VOTES * keep, MIN_VOTERS)
