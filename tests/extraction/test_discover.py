from __future__ import annotations

from pathlib import Path

import pytest

from extraction import Discoverer, extract, makers
from extraction.corpora import LabelledSentence
from extraction.kb import KBEntity, relations
from extraction.matcher import Matcher
from extraction.tagging import spans_to_tags, tags_to_spans
from extraction.training import train_crf


def test_a_fresh_install_discovers_with_the_shipped_model(tmp_path: Path) -> None:
    discoverer = Discoverer.load(tmp_path)
    assert discoverer.is_fallback and discoverer.name == "lac"
    (candidate,) = discoverer.find("经理柯小亮告诉记者。")
    assert (candidate.surface, candidate.kind) == ("柯小亮", "person")
    assert "lac:PER" in candidate.evidence
    assert discoverer.find("") == []


def test_bioes_round_trip() -> None:
    spans = [(0, 2, "PER"), (3, 4, "LOC"), (5, 9, "ORG")]
    tags = spans_to_tags(10, spans)
    assert tags[:5] == ["B-PER", "E-PER", "O", "S-LOC", "O"]
    assert tags_to_spans(tags) == spans
    assert tags_to_spans(["B-PER", "I-PER", "O", "I-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]


def test_tiny_crf_trains_and_tags(tmp_path: Path) -> None:
    people = ["张三", "李四", "王五", "赵六", "孙七", "周八"]
    places = ["北京", "上海", "深圳", "杭州", "成都", "武汉"]
    sentences = [
        LabelledSentence(f"{p}昨天去了{c}。", ((0, 2, "PER"), (6, 8, "LOC")))
        for p in people
        for c in places
    ]
    meta = train_crf(sentences, tmp_path / "msra.crfsuite", scheme="msra", max_iterations=30)
    assert meta["labels"] == ["LOC", "PER"]
    assert meta["lac_features"] is True  # stacked on LAC by default
    assert meta["rule_features"] is True  # ... and on the rules' votes over its words
    discoverer = Discoverer.load(tmp_path)
    assert discoverer.name == "lac+crf:msra"
    found = {(c.surface, c.kind) for c in discoverer.find("张三昨天去了深圳。")}
    assert found == {("张三", "person"), ("深圳", "place")}
    assert all(0.0 <= c.confidence <= 1.0 for c in discoverer.find("李四昨天去了成都。"))


def test_known_names_beat_model_candidates(matcher: Matcher) -> None:
    mentions = extract([(0, "经理柯小亮说，英伟达的A100很贵。")], matcher, Discoverer.load(None))
    assert [(m.surface, m.origin) for m in mentions] == [
        ("柯小亮", "model"), ("英伟达", "kb"), ("A100", "kb"),
    ]
    assert mentions[0].entity_key is None and not mentions[0].known


def test_makers_suggested_when_only_the_product_is_named(
    matcher: Matcher, kb: list[KBEntity]
) -> None:
    maker_of = relations(kb)["maker"]
    only_product = extract([(0, "文心一言和混元大模型都发布了新版本")], matcher)
    assert makers(only_product, maker_of) == ["baidu", "tencent"]
    with_maker = extract([(0, "百度发布文心一言")], matcher)
    assert makers(with_maker, maker_of) == []
    with_group = extract([(0, "字节跳动的火山方舟")], matcher)
    assert makers(with_group, maker_of) == ["volcengine"]
    assert makers(with_group, maker_of, relations(kb)["parent"]) == []


@pytest.mark.parametrize("scheme", ["msra", "cluener"])
def test_trained_model_if_present(scheme: str) -> None:
    from extraction.discover import DEFAULT_MODEL_DIR

    discoverer = Discoverer.load(DEFAULT_MODEL_DIR, scheme=scheme)
    if discoverer.is_fallback:
        pytest.skip(f"no trained {scheme} model in {DEFAULT_MODEL_DIR} (tools/train_ner.py)")
    found = {c.surface for c in discoverer.find("国务院总理李鹏在北京会见了日本客人。")}
    assert "李鹏" in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [("中美两国领导人会谈。", [("中", "LOC"), ("美", "LOC")]),  # a pair is two places
     ("京沪两地的观众都很热情。", [("京", "LOC"), ("沪", "LOC")]),  # of provinces too
     ("他从辽宁来到了上海。", [("辽宁", "LOC"), ("上海", "LOC")]),  # 宁 ends a name
     ("英国政府发表声明。", [("英国", "LOC")]),  # a place's government is that place
     ("县政府已经拨款修路。", []),  # the government of no named division: no name
     ("中国女队获得冠军。", [("中国女队", "ORG")]),  # a team is an organisation
     ("印尼海军昨天进行了演习。", [("印尼海军", "ORG")]),  # and so is a navy
     ("暴雨袭击了阿根廷东北部。", [("阿根廷", "LOC")]),  # a place's part is that place
     ("记者联系了程先生。", [("程", "PER")])],  # a form of address is not the name
)
def test_lac_spans_follow_the_name_conventions(text: str, expected: list) -> None:
    found = [(c.surface, c.label) for c in Discoverer.load(None).find(text)]
    assert found == expected


def test_a_run_of_latin_words_never_ends_inside_a_word() -> None:
    # LAC reads Whitehurst as White + hurst; the name is the whole word.
    text = "公司总裁(Jim Whitehurst) 出席了会议。"
    spans = {c.surface for c in Discoverer.load(None).find(text)}
    assert "Jim Whitehurst" in spans and "Jim White" not in spans


def test_spans_follow_the_corpora_conventions_for_address_and_divisions() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "昨天李大妈和老刘去了湖南省株洲市第三中学。老舍先生的梁某朋友也去了。")}
    # A person without the form of address; a writer's pen name keeps its 老.
    assert {("李", "PER"), ("刘", "PER"), ("梁", "PER"), ("老舍", "PER")} <= found
    # A body of a city, written after its province: the province, then the body.
    assert {("湖南省", "LOC"), ("株洲市第三中学", "ORG")} <= found


def test_a_surname_with_a_post_or_an_elder_form_is_the_surname() -> None:
    found = {c.surface for c in Discoverer.load(None).find(
        "会上，王董与陈总分别发言。小刘总在朋友圈发文称新品售罄。")}
    assert not {"王董", "陈总", "小刘总"} & found


@pytest.mark.parametrize(
    ("text", "expected"),
    [("他们参观了中国美术馆和龙潭公园。", [("中国美术馆", "LOC"), ("龙潭公园", "LOC")]),  # sites
     ("我们学习马克思主义。", [("马克思", "PER")]),  # a doctrine names its person
     ("日本内阁昨天开会。", [("日本内阁", "ORG")]),  # a country's cabinet
     ("摩洛哥队员来到球场。", [("摩洛哥队", "ORG")]),  # a member of the team
     ("当匈牙利队再次领先时", [("匈牙利队", "ORG")]),  # LAC's ORG country + 队
     ("侵华日军的罪行。", [("华", "LOC"), ("日军", "ORG")]),  # a country in a word; its army
     ("日美两国签署协定。", [("日", "LOC"), ("美", "LOC")]),  # a pair no dictionary lists
     ("各方呼吁巴以谈判尽快恢复。", [("巴", "LOC"), ("以", "LOC")]),  # talks, treaties, disputes
     ("双方要遵守中日联合声明。", [("中", "LOC"), ("日", "LOC")]),
     ("参加会议的中、美、日等国家。", [("中", "LOC"), ("美", "LOC"), ("日", "LOC")]),  # listed
     ("明仁天皇会见了他。", [("明仁", "PER")]),  # a title is not part of the name
     ("非法活动必须制止。", []),  # ... but a pair that is a word is that word
     ("他的美德值得学习。", [])],
)
def test_lac_spans_follow_the_corpora_conventions_for_sites_and_abbreviations(
    text: str, expected: list
) -> None:
    found = [(c.surface, c.label) for c in Discoverer.load(None).find(text)]
    assert found == expected


def test_one_character_places_are_no_new_names_for_editors(matcher: Matcher) -> None:
    # The discoverer reports 中 of 中方 (as MSRA labels it); the extractor does not.
    mentions = extract([(0, "中方表示欢迎，旅日华侨也很高兴。")], matcher, Discoverer.load(None))
    assert not [m for m in mentions if len(m.surface) == 1]


def test_lac_features_stack_the_crf_on_lac() -> None:
    from extraction.features import lac_tags, sentence_features
    from extraction.lac import Word

    words = [Word(0, 2, "PER"), Word(2, 3, "v"), Word(3, 5, "LOC")]
    assert lac_tags(5, words) == [
        ("PERB", "^|PER|vB"), ("PERE", "^|PER|vE"), ("vS", "PER|v|LOCS"),
        ("LOCB", "v|LOC|$B"), ("LOCE", "v|LOC|$E"),
    ]
    with_lac = sentence_features("张三去北京", lac=words)
    without = sentence_features("张三去北京")
    added = [set(a) - set(b) for a, b in zip(with_lac, without, strict=True)]
    assert added[0] == {"l=PERB", "la=^|PER|vB", "lc=张PERB", "l-1=^", "l1=PERE"}
    assert added[2] == {"l=vS", "la=PER|v|LOCS", "lc=去vS", "l-1=PERE", "l1=LOCB"}


def test_rule_votes_stack_the_crf_on_the_discoverers_rules() -> None:
    from extraction.discover import rule_spans, rule_votes
    from extraction.features import sentence_features
    from extraction.lac import Word

    words = [Word(0, 2, "PER"), Word(2, 3, "v"), Word(3, 5, "LOC")]
    rules = rule_spans(rule_votes("张三去北京", words)[0])
    assert sorted(rules) == [(0, 2, "lac:PER"), (3, 5, "lac:LOC")]
    with_rules = sentence_features("张三去北京", lac=words, rules=rules)
    without = sentence_features("张三去北京", lac=words)
    added = [set(a) - set(b) for a, b in zip(with_rules, without, strict=True)]
    assert added[0] == {"r=lac:PER|B", "ra=lac:PER|B"}
    assert added[2] == {"r=none"}  # no vote covers 去
    both = sentence_features("张三去北京", rules=[(0, 2, "lac:PER"), (0, 5, "body:ORG")])
    assert "ra=body:ORG|B+lac:PER|B" in both[0]


def test_a_crf_stacked_on_the_rules_doubts_their_organisations_too() -> None:
    from collections import Counter

    from extraction.discover import _ON_RULES, _doubt, _resolve, _Vote, _vote

    text = "张大山在平安与渤海银行。"
    votes: dict[tuple[int, int], _Vote] = {}
    for start, end, label in [(0, 3, "PER"), (4, 6, "ORG")]:
        _vote(votes, start, end, "lac", label, 0.6)
    _vote(votes, 7, 11, "body", "ORG", 0.8)
    odds = [0.01] * len(text)
    odds[7:11] = [0.9] * 4
    _doubt(votes, odds, text, None, _ON_RULES)
    kept = {c.surface for c in _resolve(text, votes, Counter())}
    assert kept == {"渤海银行"}  # the CRF has seen these rules and sides with one


@pytest.mark.parametrize(
    ("text", "expected"),
    [("中墨两国领导人同意加强合作。", [("中", "LOC"), ("墨", "LOC")]),  # a pair before 两国
     ("南南合作是发展中国家的选择。", [("南南", "LOC")]),  # one character twice: no pair
     ("中国和蒙古合作开发矿产。", [("中国", "LOC"), ("蒙古", "LOC")]),  # a word of its own
     ("加拿大工业部长出席了会议。", [("加拿大工业部", "ORG")]),  # a ministry, then its title
     ("非洲经济共同体成立以来发展很快。", [("非洲经济共同体", "ORG")]),  # place + nouns + head
     ("世贸组织的规则", [("世贸组织", "ORG")]),  # LAC's organisation, then the head
     ("他是公安部干部。", [("公安部", "ORG")]),  # 干部 is a word, not a body's head
     ("发言人孙邦造今天回答了提问。", [("孙邦造", "PER")]),  # a given name LAC cut
     ("王磊胜俞斌", [("王磊", "PER"), ("俞斌", "PER")]),  # ... not a verb with its object
     ("悉尼晴１５℃", [("悉尼", "LOC")]),  # a forecast's weather is not part of the city
     ("长春雷阵雨", [("长春", "LOC")]),
     ("代表团是应古巴共产党邀请访问的。", [("古巴共产党", "ORG")]),  # a party is a body
     ("罗马vs佛罗伦萨，谁能取胜？", [("罗马", "ORG"), ("佛罗伦萨", "ORG")]),  # teams
     ("拉齐奥本赛季主场不败。", [("拉齐奥", "ORG")]),
     ("他在北京主场以3比1获胜。", [("北京", "LOC")]),  # where a match is played
     ("王楠战胜了对手。", [("王楠", "PER")]),  # a person who wins is a person
     ("葡方官员表示欢迎。", [("葡", "LOC")]),  # a country's side LAC reads as a person
     ("美国公布新的对华政策。", [("美国", "LOC"), ("华", "LOC")])],
)
def test_lac_spans_follow_the_corpora_conventions_for_pairs_bodies_and_given_names(
    text: str, expected: list
) -> None:
    found = [(c.surface, c.label) for c in Discoverer.load(None).find(text)]
    assert found == expected


def test_a_common_word_read_as_a_person_takes_no_given_name() -> None:
    # LAC reads 许多 (many) as a person; 云 begins the next word, not a name's last character.
    found = {c.surface for c in Discoverer.load(None).find("如今许多云服务都建立在开源系统上。")}
    assert "许多云" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [("这部电影得到了主持人奥普拉·温弗利的推荐。", [("奥普拉·温弗利", "PER")]),  # dot-joined
     ("我们在画展上看到了凡·高的作品。", [("凡·高", "PER")]),
     ("他挡不住对方洛佩斯的快速推进。", [("洛佩斯", "PER")]),  # 对方 is no part of the name
     ("德国西门子公司总裁出席了开幕式。", [("德国西门子公司", "ORG")]),  # one nested body
     ("新加坡星展银行宣布了新的计划。", [("新加坡星展银行", "ORG")]),
     ("记者向招行信用卡中心咨询后得知。", [("招行信用卡中心", "ORG")]),  # a centre of a body
     ("影片由菲利普·西摩尔·霍夫曼和伊桑·霍克主演。",  # two names and a conjunction
      [("菲利普·西摩尔·霍夫曼", "PER"), ("伊桑·霍克", "PER")])],
)
def test_lac_spans_join_names_in_parts_and_drop_glued_words(text: str, expected: list) -> None:
    found = [(c.surface, c.label) for c in Discoverer.load(None).find(text)]
    assert found == expected


def test_a_person_called_by_a_kin_word_or_a_diminutive_is_the_surname() -> None:
    found = Discoverer.load(None).find("王奶奶笑着说：“小赵，你来了。”杨姐，我是小薛。")
    assert {"王", "赵", "杨", "薛"} <= {c.surface for c in found if c.label == "PER"}
    # ... as is one called by a post or a coach's title (江总书记, 张指导).
    found = Discoverer.load(None).find("听了江总书记的讲话，张指导首先介绍了情况。")
    assert {"江", "张"} <= {c.surface for c in found if c.label == "PER"}


def test_a_list_of_names_without_stops_keeps_each_given_name_whole() -> None:
    discoverer = Discoverer.load(None)
    found = {c.surface for c in discoverer.find("委员名单：张伟明李建国邵天任欧阳明刘德华。")}
    assert {"张伟明", "李建国", "邵天任", "欧阳明", "刘德华"} <= found
    # Between two names that are no list, the character is the sentence's verb.
    assert {"王磊", "俞斌"} <= {c.surface for c in discoverer.find("王磊胜俞斌，获得冠军。")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("作家张纯如决心写这本书。", ["张纯如"]),  # the dictionary lists the name whole
     ("程先生气不过。", ["程"]),  # ... and a listed 程先生 still loses its form of address
     ("和威廉一起来的还有他的妹妹。", ["威廉"])],  # a conjunction joins no name
)
def test_a_person_the_dictionary_lists_whole_is_not_cut_short(text: str, expected: list) -> None:
    found = Discoverer.load(None).find(text)
    assert [c.surface for c in found if c.label == "PER"] == expected


def test_a_mission_abroad_is_one_body_with_its_sender() -> None:
    discoverer = Discoverer.load(None)
    found = {(c.surface, c.label) for c in discoverer.find("昨天美国驻黎巴嫩大使馆附近发生爆炸。")}
    assert ("美国驻黎巴嫩大使馆", "ORG") in found
    # Without a sender it is the host country, not a name of its own.
    found = {(c.surface, c.label) for c in discoverer.find("三十多家驻华大使馆派人参加。")}
    assert not any(surface.endswith("使馆") for surface, _ in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("大多数比利时人仍希望留在联盟。", ["比利时"]),  # a place the dictionary lists whole
     ("损失达一万亿白俄罗斯卢布。", ["白俄罗斯"]),
     ("北京市民最关心房价。", ["北京"])],  # 市 begins the next word
)
def test_a_place_the_dictionary_lists_whole_is_not_cut_short(text: str, expected: list) -> None:
    found = Discoverer.load(None).find(text)
    assert [c.surface for c in found if c.label == "LOC"] == expected


def test_a_body_the_dictionary_lists_whole_is_not_cut_short() -> None:
    found = Discoverer.load(None).find("据说她曾与国大党方面接触。")
    assert [(c.surface, c.label) for c in found] == [("国大党", "ORG")]


def test_a_person_of_one_character_is_a_surname_or_nobody() -> None:
    discoverer = Discoverer.load(None)
    assert discoverer.find("震级为里氏4.5级。") == []
    found = discoverer.find("据说，小马尔蒂尼将专盯对方前锋。杨姐也来了。")
    assert {c.surface for c in found if c.label == "PER"} == {"马尔蒂尼", "杨"}


def test_a_place_of_one_character_is_a_country_or_province_or_nobody() -> None:
    found = Discoverer.load(None).find("这座寺庙建于唐，重修于清。中美两国在鲁举行会谈。")
    places = {c.surface for c in found if c.label == "LOC"}
    assert not places & {"唐", "清"}
    assert {"中", "美"} <= places


@pytest.mark.parametrize(
    ("text", "expected"),
    [("集团总裁向海峰表示，业务增长很快。", "向海峰"),  # LAC: 向/p + 海峰/PER
     ("（记者舒畅）市里昨天召开会议。", "舒畅")],  # LAC: 舒畅/a
)
def test_a_name_after_a_post_or_a_byline_is_a_person(text: str, expected: str) -> None:
    found = [c.surface for c in Discoverer.load(None).find(text) if c.label == "PER"]
    assert found == [expected]


def test_a_proper_noun_ending_in_a_company_form_is_an_organisation() -> None:
    discoverer = Discoverer.load(None)
    site = {c.surface: c for c in discoverer.find("据私募蝈蝈网统计，规模扩大。")}["蝈蝈网"]
    assert site.kind == "organisation" and "tail:ORG" in site.evidence
    # Ordinary words before the tail name a kind of thing (LAC: 网上银行/nz).
    (term,) = discoverer.find("他常用网上银行申购基金。")
    assert term.kind != "organisation" and "tail:ORG" not in term.evidence


def test_the_crf_doubts_lac_persons_and_places_but_not_organisations() -> None:
    from collections import Counter

    from extraction.discover import _crf_abstains, _doubt, _resolve, _Vote, _vote

    text = "张大山和王小河在平安与渤海银行。"
    votes: dict[tuple[int, int], _Vote] = {}
    for start, end, label in [(0, 3, "PER"), (4, 7, "PER"), (8, 10, "ORG"), (11, 15, "ORG")]:
        _vote(votes, start, end, "lac", label, 0.6)
    # The CRF is sure of nothing but 王小河; it may not cut 渤海 out of LAC's bank.
    odds = [0.01] * len(text)
    odds[4:7] = [0.9] * 3
    assert _crf_abstains(text, votes, 11, 13)
    assert _crf_abstains("Elaine Herzberg", {}, 0, 6)
    assert not _crf_abstains(text, votes, 4, 7)
    _doubt(votes, odds, text, None)
    kept = {c.surface for c in _resolve(text, votes, Counter())}
    assert kept == {"王小河", "平安", "渤海银行"}  # 张大山 doubted, the brands are not
    twice = Counter({"张大山": 2})
    assert "张大山" in {c.surface for c in _resolve(text, votes, twice)}  # it repeats


@pytest.mark.parametrize(
    ("text", "expected"),
    [("韩军今天在海上举行了演习。", [("韩军", "ORG")]),  # a country's army is one body
     ("据意大利警方透露，嫌疑人已经落网。", [("意大利警方", "ORG")]),  # its police too
     ("法国军方没有发表评论。", [("法国军方", "ORG")]),
     ("加拿大政府宣布了新的计划。", [("加拿大", "LOC")])],  # X政府 stays the place (MSRA)
)
def test_a_places_army_and_police_are_one_body(text: str, expected: list) -> None:
    found = [(c.surface, c.label) for c in Discoverer.load(None).find(text)]
    assert found == expected


def test_a_ministry_before_its_holders_title_is_the_body() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "会后，农业部长和教育部长一起去了学校。")}
    assert {("农业部", "ORG"), ("教育部", "ORG")} <= found
    # A deputy's title, a ministers' meeting and a word that only holds 部长 are no body.
    for text in ("副部长昨天到了这里。", "两国的贸易部长会议明天开幕。", "这是他的第一部长篇。"):
        assert not [c for c in Discoverer.load(None).find(text) if c.label == "ORG"], text


@pytest.mark.parametrize(
    "text",
    ["本报上海３月２日电记者在现场看到了变化。",  # a dateline's 电 is no organisation
     "国务委员在会上讲了话。",  # a title is no organisation
     "两国都希望得到最惠国待遇。"],  # 惠国 is the end of a word of the dictionary
)
def test_pieces_of_ordinary_text_are_no_bodies(text: str) -> None:
    found = {c.surface for c in Discoverer.load(None).find(text)}
    assert not found & {"电", "国务委员", "惠国"}, found


def test_a_country_in_a_match_report_is_the_team() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "小组赛第二轮，秘鲁以2比1战胜了智利。")}
    assert {("秘鲁", "ORG"), ("智利", "ORG")} <= found
    # ... but not where the match is played, nor outside a match report.
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "小组赛在智利举行，积分最高的球队出线。")}
    assert ("智利", "LOC") in found
    found = {(c.surface, c.label) for c in Discoverer.load(None).find("秘鲁的铜矿很多。")}
    assert ("秘鲁", "LOC") in found
    # A range (1-2年, 3-5倍) is no score: tech news is full of them.
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "分析师预计1-2年内秘鲁市场的销量会增长3-5倍。")}
    assert ("秘鲁", "LOC") in found


def test_a_league_by_its_country_and_tier_is_an_organisation() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "他离开意甲以后去了英超。")}
    assert {("意甲", "ORG"), ("英超", "ORG")} <= found


def test_a_continents_club_competition_is_an_organisation() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "这支球队本周要踢联盟杯，下个赛季想进欧冠杯。")}
    assert {("联盟杯", "ORG"), ("欧冠杯", "ORG")} <= found


def test_a_place_and_the_site_built_there_are_one_place() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "公司搬进了青禾商务区。展览在鹭岛会展中心开幕。球迷们涌向马尔蒂尼球场。")}
    assert {("青禾商务区", "LOC"), ("鹭岛会展中心", "LOC"), ("马尔蒂尼球场", "LOC")} <= found
    # a region or stretch of sea is the place alone, as both corpora label it
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "沿海海域风浪很大，舟山海域封航。")}
    assert ("舟山", "LOC") in found


def test_a_place_before_an_organisation_names_where_it_is() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find("记者从杭州娃哈哈获悉。")}
    assert ("杭州娃哈哈", "ORG") in found
    # a body of a smaller division stays apart from the province before it
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "据浙江省湖州市教育局介绍。")}
    assert {("浙江省", "LOC"), ("湖州市教育局", "ORG")} <= found


def test_a_news_site_a_story_cites_is_an_organisation() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "桂湖网南宁5月3日电 大桥通车了。桂湖网记者张明报道。")}
    assert ("桂湖网", "ORG") in found
    # networks that are no site stand in no citing frame
    found = {(c.surface, c.label) for c in Discoverer.load(None).find("公司铺设了光纤网和以太网。")}
    assert not {label for _, label in found} & {"ORG"}


def test_a_club_read_as_a_person_in_a_match_report_is_an_organisation() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "上轮客场1比2输球的瓦斯特拉本轮回到主场。")}
    assert ("瓦斯特拉", "ORG") in found
    # a post before the name makes it a player
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "前锋瓦斯特拉上轮梅开二度，球队2比1取胜。")}
    assert ("瓦斯特拉", "PER") in found


def test_a_country_ending_like_a_region_plays_a_match_report() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "球队上次1比3输给了尼日利亚，这次要报仇。")}
    assert ("尼日利亚", "ORG") in found
    # parts of the world stay places
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "南美和东南亚的球队本轮3比1取胜。")}
    assert {("南美", "LOC"), ("东南亚", "LOC")} <= found


def test_the_words_of_club_football_make_a_match_report() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "英超本周最受关注的是曼城和维冈的较量。")}
    assert {("英超", "ORG"), ("曼城", "ORG")} <= found
    # a ground is where the match is played, a place
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "主帅认为酋长球场的草皮太滑。")}
    assert ("酋长球场", "LOC") in found


def test_a_place_naming_a_clock_or_a_betting_market_is_no_name() -> None:
    found = {c.surface for c in Discoverer.load(None).find(
        "比赛将于墨西哥时间晚上8点开球，亚洲盘交易数据显示主队占优。")}
    assert not found & {"墨西哥", "亚洲"}


def test_a_party_congress_by_its_number_is_an_organisation() -> None:
    found = {(c.surface, c.label) for c in Discoverer.load(None).find(
        "代表们在党的十三大上发言，又讨论了中共十二大的文件。")}
    assert {("十三大", "ORG"), ("中共十二大", "ORG")} <= found
    # "the three big", "the top ten", twelve big cities: no congress
    for text in ("这是三大难题之一。", "他评出了十大新闻。", "全国十二大城市都有门店。"):
        assert not Discoverer.load(None).find(text), text

def test_a_country_nouns_and_a_ministry_in_sheng_are_one_body() -> None:
    # Japan names its ministries with 省; LAC reads it as a word of its own.
    discoverer = Discoverer.load(None)
    found = {(c.surface, c.kind) for c in discoverer.find("日本经济产业省表示将提供补贴。")}
    assert ("日本经济产业省", "organisation") in found
    # A province is no ministry.
    assert not any(c.kind == "organisation" for c in discoverer.find("河南是农业大省。"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("昨天，青禾电子（苏州）有限公司宣布扩产。", [("青禾电子（苏州）有限公司", "ORG")]),
     ("本次活动由汇川软件（福建）有限公司承办。", [("汇川软件（福建）有限公司", "ORG")]),
     ("花旗银行（中国）有限公司和星展银行（中国）有限公司都获批。",
      [("花旗银行（中国）有限公司", "ORG"), ("星展银行（中国）有限公司", "ORG")]),
     ("他感谢蓝鲸（鞋业）集团的支持。", [("蓝鲸（鞋业）集团", "ORG")]),
     ("一家（北京）有限公司倒闭了。", [("北京", "LOC")])],  # no name before the brackets
)
def test_a_registered_name_with_a_bracketed_place_is_one_organisation(
        text: str, expected: list) -> None:
    found = [(c.surface, c.label) for c in Discoverer.load(None).find(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("两家银行分别入股了江西信托和陕西信托。",
      [("江西信托", "ORG"), ("陕西信托", "ORG")]),  # LAC reads the place and the form apart
     ("去年，河西信托的规模翻了一番。", [("河西信托", "ORG")]),  # or the whole as a place
     ("外资涌入韩国证券市场。", [("韩国", "LOC")])],  # a market of a place: the place
)
def test_a_place_and_a_companys_form_is_one_organisation(text: str, expected: list) -> None:
    found = [(c.surface, c.label) for c in Discoverer.load(None).find(text)]
    assert found == expected
    # a trade and the form (商业 + 地产) names no company
    assert all(c.label != "ORG" for c in Discoverer.load(None).find("城市化进程推动商业地产发展。"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("湖东省地方金融办一位负责人说。", [("湖东省地方金融办", "ORG")]),  # an office
     ("晨光网联合组办推出公益计划。", [("晨光网", "ORG")]),  # holding an event: no office
     ("上海市举办了展会。", [("上海市", "LOC")])],
)
def test_an_office_after_a_place_is_one_organisation(text: str, expected: list) -> None:
    found = [(c.surface, c.label) for c in Discoverer.load(None).find(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("领投方为澜岳资本，跟投方有两家基金。", [("澜岳资本", "ORG")]),  # an unlisted name + 资本
     ("其控股股东青岚股份今日公告。", [("青岚股份", "ORG")]),
     ("欧洲资本大量流入。", [("欧洲", "LOC")]),  # a place's capital: the place
     ("这是一家自有责任资本充足的银行。", []),  # ordinary words + 资本: a kind of capital
     ("增持了四十万股东亚银行股份。", [("东亚银行", "ORG")])],  # a bank's shares
)
def test_a_name_and_a_companys_form_written_apart_is_one_company(
        text: str, expected: list) -> None:
    found = [(c.surface, c.label) for c in Discoverer.load(None).find(text)
             if c.label in ("PER", "LOC", "ORG")]
    assert found == expected


def test_a_run_of_latin_words_joined_by_an_ampersand_is_a_firm() -> None:
    found = [(c.surface, c.kind) for c in Discoverer.load(None).find(
        "研究公司Marsh & McLennan发布了报告。")]
    assert found == [("Marsh & McLennan", "organisation")]


def test_a_company_and_its_local_company_are_one_organisation() -> None:
    from extraction.discover import rule_votes
    from extraction.lac import Word

    # LAC reads two organisations; the first ends in characters of no word of its own
    text = "青禾乐居北京公司副总经理"
    votes, _ = rule_votes(text, [Word(0, 4, "ORG"), Word(4, 8, "ORG"), Word(8, 12, "n")])
    assert (0, 8) in votes
    # ... but a conjunction LAC glued to the first is the sentence's
    text = "国家科委和国家计委"
    votes, _ = rule_votes(text, [Word(0, 5, "ORG"), Word(5, 9, "ORG")])
    assert (0, 9) not in votes


def test_a_run_of_latin_words_holds_accented_letters() -> None:
    """Lukas Brühl is one person: cut at the ü, the run would end inside the name
    (Lukas B); a single unaccented word after it joins no run."""
    from extraction.discover import _latin_runs
    from extraction.lac import Word

    text = "德国分析师Lukas Brühl表示。"
    start = text.index("Lukas")
    words = [Word(0, 2, "LOC"), Word(2, 5, "n"), Word(start, start + 5, "PER"),
             Word(start + 5, start + 6, "w"), Word(start + 6, start + 11, "PER"),
             Word(start + 11, start + 13, "v"), Word(start + 13, start + 14, "w")]
    assert [text[s:e] for s, e, _ in _latin_runs(text, words)] == ["Lukas Brühl"]
