"""Confidence says how much agrees; editors see tens of ranked suggestions, not hundreds."""

from __future__ import annotations

from extraction import Discoverer, KnownName, Matcher, extract


def test_agreement_raises_confidence() -> None:
    discoverer = Discoverer.load(None)
    once = {c.surface: c for c in discoverer.find("记者在昆明见到了柯小亮。")}
    assert "lac:LOC" in once["昆明"].evidence and "dict:ns" in once["昆明"].evidence
    assert once["昆明"].confidence > once["柯小亮"].confidence  # model + dictionary
    texts = ["柯小亮说了一句话。", "后来柯小亮又说。", "柯小亮最后说。"]
    repeated = [c for found in discoverer.find_many(texts) for c in found
                if c.surface == "柯小亮"]
    assert len(repeated) == 3
    assert all("repeat:3" in c.evidence for c in repeated)
    assert repeated[0].confidence > once["柯小亮"].confidence


def test_unambiguous_known_names_link_and_shared_aliases_are_offered() -> None:
    matcher = Matcher.build([
        KnownName("apple", "苹果公司", "organisation"), KnownName("apple", "果子", "organisation"),
        KnownName("fruit-co", "果子", "organisation"), KnownName("baidu", "百度", "organisation"),
    ])
    mentions = {m.surface: m for m in extract([(0, "百度和果子都发了公告。")], matcher)}
    assert mentions["百度"].confidence == 1.0
    assert mentions["果子"].confidence < 0.9  # below the linking bar: an editor decides


def test_new_names_ranked_by_salience_and_capped() -> None:
    people = ["柯小亮", "庞德明", "韦一川", "钟子淇", "蒲新宇", "仇立华"]
    blocks = [(0, "柯小亮出任新公司总裁。")]
    blocks += [(i + 1, f"{person}也来到了现场。") for i, person in enumerate(people[1:])]
    blocks.append((10, "庞德明后来又发言。"))
    mentions = extract(blocks, Matcher.build([]), Discoverer.load(None), max_new=2)
    kept = {m.surface for m in mentions}
    assert kept == {"柯小亮", "庞德明"}  # the headline's, and the lead's that repeats
    assert len([m for m in mentions if m.surface == "庞德明"]) == 2  # every occurrence
    assert all(m.salience > m.confidence for m in mentions)
