from __future__ import annotations

from extraction.matcher import KnownName, Matcher, near_duplicates


def build(*names: tuple[str, str, str]) -> Matcher:
    return Matcher.build(KnownName(key, name, kind) for key, name, kind in names)


def keys(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.entity_key) for m in matcher.find(text)]


def test_longest_match_wins() -> None:
    matcher = build(
        ("alibaba", "阿里", "organisation"),
        ("alibaba", "阿里巴巴", "organisation"),
        ("alibaba-cloud", "阿里云", "organisation"),
        ("damo", "阿里达摩院", "organisation"),
    )
    assert keys(matcher, "阿里云和阿里巴巴，阿里达摩院") == [
        ("阿里云", "alibaba-cloud"),
        ("阿里巴巴", "alibaba"),
        ("阿里达摩院", "damo"),
    ]


def test_offsets_point_into_the_original_text() -> None:
    matcher = build(("tencent-ai-lab", "腾讯AI实验室", "organisation"))
    text = "来自騰讯AI实验室的消息"
    (match,) = matcher.find(text)
    assert text[match.start : match.end] == "騰讯AI实验室" == match.surface
    assert match.name == "腾讯AI实验室"


def test_latin_names_need_word_boundaries() -> None:
    matcher = build(
        ("amd", "AMD", "organisation"),
        ("meta", "Meta", "organisation"),
        ("gpt-3", "GPT-3", "product"),
    )
    assert keys(matcher, "AMDX和Metaverse") == []
    assert keys(matcher, "英特尔和AMD的天下，Meta签署") == [("AMD", "amd"), ("Meta", "meta")]
    assert keys(matcher, "GPT-3.5不是GPT-3") == [("GPT-3", "gpt-3")]


def test_digit_before_a_latin_name_is_a_boundary() -> None:
    matcher = build(("waic", "WAIC", "event"))
    assert keys(matcher, "2023WAIC现场") == [("WAIC", "waic")]


def test_numeric_name_only_as_a_standalone_token() -> None:
    matcher = build(("qihoo-360", "360", "organisation"))
    assert keys(matcher, "360") == [("360", "qihoo-360")]
    assert keys(matcher, "360度全景，13600元，第360名") == []
    assert keys(matcher, "360发布了大模型") == [("360", "qihoo-360")]


def test_single_characters_and_stop_aliases_are_skipped() -> None:
    matcher = build(("x", "X", "product"), ("ai", "AI", "product"))
    assert len(matcher) == 0
    assert matcher.find("X和AI") == []


def test_common_word_aliases_need_context() -> None:
    matcher = build(("congrong", "从容", "product"), ("pangu", "盘古", "product"))
    assert keys(matcher, "从容") == [("从容", "congrong")]
    assert keys(matcher, "他从容不迫地说") == []
    assert keys(matcher, "发布了“从容”大模型") == [("从容", "congrong")]
    assert keys(matcher, "华为云的盘古3.0") == [("盘古", "pangu")]
    assert keys(matcher, "盘古开天地") == []


def test_blocked_neighbours() -> None:
    matcher = build(("youdao", "有道", "organisation"))
    assert keys(matcher, "这话很有道理") == []
    assert keys(matcher, "有道“子曰”") == [("有道", "youdao")]


def test_capitalised_latin_name_does_not_match_lower_case() -> None:
    matcher = build(("glow", "Glow", "product"), ("baichuan", "baichuan", "product"))
    assert keys(matcher, "a warm glow") == []
    assert keys(matcher, "Glow") == [("Glow", "glow")]
    assert keys(matcher, "baichuan") == [("baichuan", "baichuan")]


def test_ambiguous_alias_prefers_the_canonical_owner() -> None:
    matcher = build(
        ("a", "甲公司", "organisation"),
        ("a", "甲", "organisation"),
        ("b", "甲乙", "organisation"),
        ("c", "甲乙", "product"),
    )
    assert keys(matcher, "甲乙") == [("甲乙", "b")]
    assert matcher.ambiguous == {"甲乙": ("b", "c")}


def test_many_texts_in_one_pass_match_as_each_alone() -> None:
    matcher = build(
        ("congrong", "从容", "product"),
        ("amd", "AMD", "organisation"),
        ("tencent", "腾讯", "organisation"),
        ("360", "360", "organisation"),
        ("emoji", "云😀", "product"),
    )
    # Edges matter to the filters: a whole text is context for 从容, a text's end is a
    # boundary for AMD and 360, and two texts never join into one name.
    texts = ["从容", "", "AMD", "X", "腾", "讯和360", "360度", "他从容不迫", "😀腾讯😀云😀", "AMDX"]
    assert matcher.find_many(texts) == [matcher.find(text) for text in texts]
    assert [[m.surface for m in found] for found in matcher.find_many(texts)] == [
        ["从容"], [], ["AMD"], [], [], ["360"], [], [], ["腾讯", "云😀"], [],
    ]
    assert matcher.find_many([]) == []
    assert matcher.knows("騰讯") and matcher.knows("云😀") and not matcher.knows("腾")


def test_near_duplicates_offers_name_variants() -> None:
    names = [
        KnownName("modelbest", "面壁智能", "organisation"),
        KnownName("mianbi-keji", "面壁科技", "organisation"),
        KnownName("tencent", "腾讯", "organisation"),
        KnownName("tencent-cloud", "腾讯云", "organisation"),
        KnownName("baidu", "百度", "organisation"),
    ]
    pairs = near_duplicates(names)
    assert pairs[0][:2] == ("mianbi-keji", "modelbest")
    assert pairs[0][2] >= 0.9
    assert all({a, b} != {"tencent", "tencent-cloud"} for a, b, _ in pairs)


def test_an_alias_of_two_known_names_back_to_back_matches_each() -> None:
    """柯蓝Vexa is an alias of Vexa (柯蓝's product), but the text names two: the maker
    and the product, each linked. The entity's own name of that shape (柯蓝星图, a company
    so named) and an alias whose head is a place (柯州星图) stay one name."""
    matcher = build(
        ("kelan", "柯蓝", "organisation"),
        ("vexa", "Vexa", "product"), ("vexa", "柯蓝Vexa", "product"),
        ("xingtu", "柯蓝星图", "organisation"), ("xingtu", "星图", "organisation"),
        ("kezhou", "柯州", "place"), ("xingtu", "柯州星图", "organisation"),
    )
    assert keys(matcher, "柯蓝Vexa上线。") == [("柯蓝", "kelan"), ("Vexa", "vexa")]
    assert keys(matcher, "柯蓝星图上线。") == [("柯蓝星图", "xingtu")]
    assert keys(matcher, "柯州星图上线。") == [("柯州星图", "xingtu")]
