"""Confidence says how much agrees; editors see tens of ranked suggestions, not hundreds."""

from __future__ import annotations

from dataclasses import replace

from extraction import Candidate, Discoverer, KnownName, Matcher, extract
from extraction.discover import transliterated
from extraction.evidence import (
    body_of_a_title,
    company_then_noun,
    context_says_no_name,
    currencies,
    end_at_a_word,
    full_name,
    no_surname,
    piece_of_a_quoted_term,
    shortened_body,
)


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


def _new_names(text: str, matcher: Matcher | None = None) -> dict[str, float]:
    mentions = extract([(0, text)], matcher or Matcher.build([]), Discoverer.load(None))
    return {m.surface: m.confidence for m in mentions if not m.known}


def _kinds(text: str) -> set[tuple[str, str]]:
    """Every name a fresh install finds in ``text`` with no KB, with its kind."""
    return {(m.surface, m.kind) for m in extract([(0, text)], Matcher.build([]),
                                                  Discoverer.load(None))}


def test_a_guessed_brand_needs_something_to_agree() -> None:
    # LAC calls 云计算 "some proper noun" and nothing else agrees: a term, not a brand.
    assert ("云计算", "nz") in {(c.surface, c.label)
                              for c in Discoverer.load(None).find("他说红帽是云计算领域的公司。")}
    assert "云计算" not in _new_names("他说红帽是云计算领域的公司。")
    # The same guess in a list beside a name is a name: items of a list share a type.
    assert "飞猪" in _new_names("用户常用闲鱼、飞猪、优酷等应用。")


def test_a_list_of_names_vouches_for_a_frequent_word() -> None:
    # 平安 is one of the language's most frequent words: LAC's ORG alone is not enough,
    # LAC's ORG in a list of companies is.
    assert "平安" not in _new_names("平安今天发布了新产品。")
    assert _new_names("他们与滴滴、美团、平安、万达等公司合作。")["平安"] >= 0.8


def test_a_list_of_several_names_vouches_for_a_brand_of_ordinary_words() -> None:
    # 前途 + 汽车 are two ordinary words: a compound the junk filter turns down alone, a
    # carmaker between two other carmakers.
    assert "前途汽车" in _new_names("名单上有小鹏汽车、前途汽车、威马汽车等新势力。")


def test_a_name_takes_no_demonstrative() -> None:
    assert [c.surface for c in Discoverer.load(None).find("这家网约车公司周五发布了公告。")] == [
        "网约车公司"]
    assert _new_names("这家网约车公司周五发布了公告。") == {}


def test_a_person_read_after_an_amount_is_a_unit_or_a_currency() -> None:
    for text, surface in [("合同金额约80亿雷亚尔。", "雷亚尔"), ("罚款共2.5万马克。", "马克"),
                          ("比上月又跌了3个多卢比。", "卢比"), ("球队以39 吉兹取胜。", "吉兹")]:
        assert context_says_no_name(text, text.index(surface), "person"), text
    for text, surface in [("1998年张伟加入公司。", "张伟"), ("三皇之一伏羲的故乡。", "伏羲"),
                          ("队里少了一个兰帕德。", "兰帕德")]:
        assert not context_says_no_name(text, text.index(surface), "person"), text


def test_a_company_and_the_ordinary_word_after_it_are_not_one_name() -> None:
    def cut(surface: str, label: str = "ORG") -> str:
        text = f"据悉，{surface}的情况有所好转。"
        start = text.index(surface)
        c = Candidate(start, start + len(surface), surface, "organisation", 0.6, label,
                      (f"lac:{label}",))
        return company_then_noun(text, c).surface

    assert cut("西南证券办公室") == "西南证券"
    assert cut("招商银行信用卡", "nz") == "招商银行"
    assert cut("星河旅行网上线", "nz") == "星河旅行网"
    # The words that go on naming a body or a site stay, and so do bodies' heads.
    for name in ("星河物流基地", "招商银行北京分行", "星河集团研究院", "中国人民银行"):
        assert cut(name) == name


def test_a_lone_guess_inside_a_quoted_term_is_a_piece_of_it() -> None:
    def piece(text: str, surface: str, kind: str = "organisation") -> bool:
        start = text.index(surface)
        return piece_of_a_quoted_term(text, Candidate(
            start, start + len(surface), surface, kind, 0.6, "ORG", ("lac:ORG",)))

    assert piece("“东数西算”工程全面启动。", "东数")
    assert piece("“北上广深”的房价出现分化。", "广深", "place")
    # The whole quoted term, a name before ordinary words, a person: no piece.
    assert not piece("“星河云”产业计划发布。", "星河云")
    assert not piece("“星河手机支付”上线。", "星河")
    assert not piece("“张小明案”引发关注。", "张小明", "person")
    assert _new_names("“东数西算”工程全面启动，八大算力枢纽节点建设加快。") == {}


def test_terms_of_dictionary_words_glosses_of_terms_and_units_are_no_names() -> None:
    found = {c.surface: c.label for c in Discoverer.load(None).find(
        "包括大数据（Big Data）和云计算（Cloud Computing）。")}
    names = _new_names("包括大数据（Big Data）和云计算（Cloud Computing）。")
    assert "Cloud Computing" in found and "Cloud Computing" not in names
    # A bracketed original after a name stays a name.
    assert "Tarun Pathak" in _new_names("分析师塔伦•帕塔克（Tarun Pathak）表示。")


def test_a_repeated_term_of_dictionary_words_is_no_brand() -> None:
    text = "这家公司正在测试无人驾驶汽车，无人驾驶汽车很多。"
    assert {c.surface for c in Discoverer.load(None).find(text)} == {"无人驾驶汽车"}
    assert "无人驾驶汽车" not in _new_names(text)


def test_a_known_name_and_the_next_word_are_not_one_name() -> None:
    matcher = Matcher.build([KnownName("apple", "苹果", "organisation")])
    mentions = extract([(0, "苹果会基于新技术推出产品。")], matcher, Discoverer.load(None))
    assert [(m.surface, m.known) for m in mentions] == [("苹果", True)]


def test_a_place_before_an_organisation_is_part_of_its_name() -> None:
    matcher = Matcher.build([
        KnownName("haier", "海尔", "organisation"), KnownName("qingdao", "青岛", "place"),
        KnownName("hangzhou", "杭州", "place"), KnownName("xiaoshan", "萧山", "place"),
    ])
    discoverer = Discoverer.load(None)
    found = {m.surface: m for m in extract([(0, "格力电器、青岛海尔都发布了财报。")], matcher,
                                           discoverer)}
    assert found["青岛海尔"].entity_key == "haier" and "海尔" not in found
    places = extract([(0, "他住在杭州萧山。")], matcher, discoverer)
    assert [m.surface for m in places] == ["杭州", "萧山"]  # two places stay two


def test_a_longer_proper_noun_than_a_known_brand_is_its_product_linked_to_it() -> None:
    matcher = Matcher.build([KnownName("tmall", "天猫", "product"),
                             KnownName("qihoo-360", "360", "organisation")])
    mentions = {m.surface: m for m in extract(
        [(0, "她在天猫国际和京东上都开了店。"), (1, "奇虎还推出了360淘金，主打理财。")],
        matcher, Discoverer.load(None))}
    assert "天猫" not in mentions and "360" not in mentions  # the longest name wins
    assert mentions["天猫国际"].kind == "product" and mentions["天猫国际"].series == "tmall"
    assert mentions["360淘金"].maker == "qihoo-360"
    assert not mentions["天猫国际"].known


def test_a_capitalised_word_needs_repetition_and_an_acronym_more() -> None:
    assert "Tinder" in _new_names("小明常用 Tinder 交友，后来换了 Tinder 的对手。")
    assert "Cloud" not in _new_names("他把 Cloud 和网盘都用过。")  # once: any English word
    assert "LTE" not in _new_names("新一代 LTE 网络和 LTE 基站。")  # a standard, repeated
    assert "All" not in _new_names("他们 All in 电商，再 All in 直播。")  # an English phrase


def test_a_story_keeps_one_reading_of_a_new_name() -> None:
    blocks = [(0, "记者采访了鹤鸣通讯的总经理。"), (1, "此前鹤鸣通讯至关重要。"),
              (2, "记者采访了速达的总经理。"), (3, "他们迅速达到了目标。")]
    mentions = extract(blocks, Matcher.build([]), Discoverer.load(None))
    # LAC reads 鹤鸣 as a verb in block 1; the story named it an organisation before.
    assert [(m.block, m.surface) for m in mentions if m.surface == "鹤鸣"] == [
        (0, "鹤鸣"), (1, "鹤鸣")]
    assert not [m for m in mentions if m.block == 3]  # 速达 is not in 迅速达到


def test_a_lone_guess_that_cuts_a_dictionary_word_is_no_name() -> None:
    # LAC reads 尼可 as a person, cutting the drug name 尼可刹米 the dictionary lists.
    assert ("尼可", "PER") in {(c.surface, c.label)
                              for c in Discoverer.load(None).find("药厂推动尼可刹米复产。")}
    assert "尼可" not in _new_names("药厂推动尼可刹米复产。")
    assert "柯小亮" in _new_names("记者在昆明见到了柯小亮。")  # no word is cut


def test_a_compound_of_sector_words_is_a_sector() -> None:
    # LAC calls 新能源汽车 an organisation; it is two sectors, and no company.
    assert ("新能源汽车", "ORG") in {(c.surface, c.label) for c in
                                Discoverer.load(None).find("眼下新能源汽车补贴全面退坡。")}
    assert "新能源汽车" not in _new_names("眼下新能源汽车补贴全面退坡。")


def test_a_repeated_term_with_a_one_character_head_is_no_brand() -> None:
    blocks = [(0, "交易所试点注册制，注册制改革启动，注册制是大事。"),
              (1, "监管层推动注册制落地，注册制改革加快。")]
    mentions = extract(blocks, Matcher.build([]), Discoverer.load(None))
    assert "注册制" not in {m.surface for m in mentions}  # 注册 + 制: words of the language


def test_a_lone_guess_of_a_sector_and_a_word_describes_a_business() -> None:
    found = {c.surface for c in Discoverer.load(None).find("公司建成了二十个云数据中心。")}
    assert "云数据中心" in found  # LAC's organisation, nothing else agrees
    assert "云数据中心" not in _new_names("公司建成了二十个云数据中心。")


def test_a_known_place_and_a_sector_word_are_no_unit() -> None:
    # LAC calls 中国 an organisation here; the KB knows it is a place.
    matcher = Matcher.build([KnownName("china", "中国", "place")])
    mentions = extract([(0, "这将明显提升中国资本市场吸引力。")], matcher, Discoverer.load(None))
    assert [(m.surface, m.known) for m in mentions] == [("中国", True)]


def test_an_ordinary_word_is_not_spread_where_a_modifier_makes_it_that_word() -> None:
    blocks = [(0, "浪潮发布了新服务器。"), (1, "这一波AI浪潮仍在继续。")]
    mentions = extract(blocks, Matcher.build([]), Discoverer.load(None))
    assert [(m.block, m.surface) for m in mentions if m.surface == "浪潮"] == [(0, "浪潮")]


def test_a_known_name_cut_out_of_a_longer_word_is_not_that_name() -> None:
    matcher = Matcher.build([
        KnownName("ubs", "瑞银", "organisation"), KnownName("shanghai", "上海", "place"),
        KnownName("ford", "福特汽车", "organisation"), KnownName("china", "中国", "place"),
    ])
    discoverer = Discoverer.load(None)
    mentions = extract([(0, "她在上海华瑞银行开了户。")], matcher, discoverer)
    assert "瑞银" not in {m.surface for m in mentions}  # 华瑞 + 银行: 瑞银 cuts both words
    # A word that holds the whole known name is the name and a suffix: still linked.
    found = {m.surface: m for m in extract(
        [(0, "福特汽车公司和中国政府都表了态。")], matcher, discoverer)}
    assert found["福特汽车"].entity_key == "ford" and found["中国"].entity_key == "china"


def test_a_known_name_inside_a_common_noun_is_that_noun() -> None:
    matcher = Matcher.build([KnownName("apple", "苹果", "organisation")])
    mentions = extract([(0, "他买了苹果汁，又去了苹果的门店。")], matcher, Discoverer.load(None))
    assert [(m.surface, m.start) for m in mentions] == [("苹果", 10)]  # not in 苹果汁


def test_a_lone_guess_of_a_word_no_name_is_made_of_needs_more() -> None:
    # 本州 ("this state") is a pronoun phrase in the dictionary; LAC alone reads Honshu.
    assert ("本州", "LOC") in {(c.surface, c.label)
                              for c in Discoverer.load(None).find("该法案在本州内生效。")}
    assert "本州" not in _new_names("该法案在本州内生效。")
    assert "萧山" in _new_names("他住在萧山，每天坐地铁。")  # a noun of the dictionary


def test_status_words_onomatopoeia_and_distinguishing_words_are_no_names() -> None:
    from extraction.evidence import no_noun

    assert all(map(no_noun, ["葱翠", "丁当", "盛大"]))
    assert not any(map(no_noun, ["萧山", "后海", "关中"]))


def test_a_registered_company_name_is_one_name_with_what_is_inside() -> None:
    matcher = Matcher.build([KnownName("hefei", "合肥", "place"),
                             KnownName("qianlan", "千岚", "organisation")])
    found = {m.surface: m for m in extract(
        [(0, "千岚宣布全资收购了合肥柯达伦电器有限公司。")], matcher, Discoverer.load(None))}
    assert "合肥柯达伦电器有限公司" in found and "合肥" not in found
    # LAC reading the name from inside the word before it (运营|商...) starts it after.
    found = {m.surface for m in extract(
        [(0, "民营宽带运营商柯达伦电信传媒集团股份有限公司今天发布公告。")],
        Matcher.build([]), Discoverer.load(None))}
    assert "柯达伦电信传媒集团股份有限公司" in found


def test_places_then_a_body_are_one_organisation() -> None:
    matcher = Matcher.build([KnownName("beijing", "北京", "place"),
                             KnownName("zgc", "中关村", "place")])
    found = {m.surface for m in extract([(0, "北京中关村银行披露了一家。")], matcher,
                                        Discoverer.load(None))}
    assert "北京中关村银行" in found


def test_a_lone_guess_that_hides_another_reading_or_no_surname_is_no_name() -> None:
    # 线下|渠道: the dictionary's greedy cut (线|上线|下|渠道) hides the reading.
    assert "下渠道" not in _new_names("通过场景互联，打通线上线下渠道。")
    # A two-character person without a surname: an ordinary word misread (远赴重洋).
    assert "重洋" not in _new_names("远赴重洋的柯达伦汽车尽管可以降价。")
    assert "柯小亮" in _new_names("记者在昆明见到了柯小亮。")


def test_a_name_ends_before_a_word_its_last_character_begins() -> None:
    matcher = Matcher.build([KnownName("qianlan", "千岚", "organisation")])
    c = Candidate(0, 5, "千岚金融净", "organisation", 0.6, "ORG", ("lac:ORG",))
    text = "千岚金融净收入约为十亿元。"
    trimmed = end_at_a_word(text, c, matcher.find(text))
    assert trimmed.surface == "千岚金融"


def test_a_short_form_defined_in_brackets_names_the_same_organisation() -> None:
    matcher = Matcher.build([KnownName("beijing", "北京", "place")])
    blocks = [(0, "运营主体为北京柯达伦天下科技有限公司（以下简称“北京柯达伦”）。"),
              (1, "后来北京柯达伦又成立了新公司。")]
    found = [(m.block, m.surface, m.kind) for m in extract(blocks, matcher,
                                                           Discoverer.load(None))]
    assert (0, "北京柯达伦", "organisation") in found
    assert (1, "北京柯达伦", "organisation") in found  # the story's later uses
    assert (1, "北京", "place") not in found


def test_a_registered_name_with_a_place_in_brackets_is_one_name() -> None:
    matcher = Matcher.build([KnownName("shenzhen", "深圳", "place")])
    found = {m.surface for m in extract([(0, "该项目由柯达伦科技（深圳）有限公司负责运营。")],
                                        matcher, Discoverer.load(None))}
    assert "柯达伦科技（深圳）有限公司" in found and "深圳" not in found


def test_a_title_that_names_a_medium_is_an_organisation() -> None:
    found = {m.surface: m.kind for m in extract(
        [(0, "据《千岚日报》报道，他接受《财经》杂志采访时谈到了《千岚往事》这本书。")],
        Matcher.build([]), Discoverer.load(None))}
    assert found["千岚日报"] == "organisation" and found["财经"] == "organisation"
    assert found.get("千岚往事", "work") == "work"


def test_a_short_form_defined_without_quotes_counts_too() -> None:
    found = [(m.surface, m.kind) for m in extract(
        [(0, "运营主体为柯达伦天下科技有限公司（以下简称柯达伦天下），柯达伦天下随后增资。")],
        Matcher.build([]), Discoverer.load(None))]
    assert found.count(("柯达伦天下", "organisation")) == 2


def test_the_last_item_of_a_list_after_and_is_in_the_list() -> None:
    matcher = Matcher.build([KnownName("tmall", "天猫", "product"),
                             KnownName("jd", "京东", "organisation")])
    discoverer = Discoverer.load(None)
    listed = {m.surface for m in extract([(0, "用户常用天猫、京东和飞猪等应用。")], matcher,
                                         discoverer)}
    paired = {m.surface for m in extract([(0, "用户常用京东和飞猪等应用。")], matcher,
                                         discoverer)}
    assert "飞猪" in listed and "飞猪" not in paired  # a pair joined by 和 is no list


def test_a_known_name_cut_off_a_common_noun_is_that_noun() -> None:
    # 交通运输部|门: the ministry's name ends inside 部门 (departments), a common noun
    # LAC and the dictionary both read there; the ministry itself is still linked.
    matcher = Matcher.build([KnownName("mot", "交通运输部", "organisation")])
    discoverer = Discoverer.load(None)
    text = "该州交通运输部门已经介入调查。"
    assert [m.surface for m in matcher.find(text)] == ["交通运输部"]
    assert not [m for m in extract([(0, text)], matcher, discoverer) if m.known]
    found = extract([(0, "交通运输部昨天发布通知。")], matcher, discoverer)
    assert [(m.surface, m.known) for m in found] == [("交通运输部", True)]


def test_a_known_name_the_dictionary_reads_inside_one_ordinary_noun_is_that_noun() -> None:
    # 财政|部门 to LAC, 财政部门 (a noun) to the dictionary: the two agree that the
    # ministry's name ends inside a word, so the departments are meant, not the ministry.
    # A post after the body (财政部长) keeps it, and so does the ministry named alone.
    matcher = Matcher.build([KnownName("mof", "财政部", "organisation"),
                             KnownName("china", "中国", "place")])
    discoverer = Discoverer.load(None)
    for text in ("各地财政部门正在核对今年的补贴账目。", "这笔钱最后由县里的财政部门拨付。"):
        assert [m.surface for m in matcher.find(text)] == ["财政部"]
        assert not [m for m in extract([(0, text)], matcher, discoverer) if m.known], text
    kept = extract([(0, "财政部昨天发布了补贴细则。")], matcher, discoverer)
    assert [(m.surface, m.known) for m in kept] == [("财政部", True)]
    post = extract([(0, "财政部长昨天宣布了补贴细则。")], matcher, discoverer)
    assert [m.surface for m in post if m.known] == ["财政部"]
    # 其中|国家级: both edges of 中国 inside words the two segmenters share.
    text = "入选的项目其中国家级的有十二个。"
    assert [m.surface for m in matcher.find(text)] == ["中国"]
    assert not [m for m in extract([(0, text)], matcher, discoverer) if m.known]
    assert [m.surface for m in extract([(0, "中国的项目有十二个。")], matcher, discoverer)
            if m.known] == ["中国"]


def test_a_common_noun_the_dictionary_tags_as_a_given_name_still_cuts_a_known_name() -> None:
    # 智慧|与: LAC reads 智慧 (wisdom) as a common noun and the dictionary cuts it the
    # same way, though it tags it as a given name; 慧与 (a company) is no name there.
    matcher = Matcher.build([KnownName("hpe", "慧与", "organisation")])
    discoverer = Discoverer.load(None)
    text = "他靠的是智慧与耐心，而不是运气。"
    assert [m.surface for m in matcher.find(text)] == ["慧与"]
    assert not [m for m in extract([(0, text)], matcher, discoverer) if m.known]
    kept = extract([(0, "慧与公司发布了新的服务器。")], matcher, discoverer)
    assert [m.surface for m in kept if m.known] == ["慧与"]


def test_a_locative_across_its_edge_cuts_a_known_name() -> None:
    # 黄|海北|部 to the matcher, 黄海 + 北部 (a locative) to LAC and the dictionary: the
    # prefecture 海北 is no mention there, and 黄海 is found instead.
    matcher = Matcher.build([KnownName("haibei", "海北", "place")])
    discoverer = Discoverer.load(None)
    found = extract([(0, "渔船在黄海北部海域作业。")], matcher, discoverer)
    assert [(m.surface, m.known) for m in found] == [("黄海", False)]


def test_a_lone_guess_of_an_abstract_noun_is_no_name() -> None:
    from extraction.evidence import abstract_noun

    # LAC calls 多维度 (multi-dimensional: 多维 + 度) an organisation; nothing agrees.
    text = "监管部门正在多维度推动改革。"
    assert ("多维度", "ORG") in {(c.surface, c.label) for c in Discoverer.load(None).find(text)}
    assert "多维度" not in _new_names(text)
    guess = Candidate(0, 3, "可行性", "place", 0.6, "LOC", ("lac:LOC",))
    assert abstract_noun(guess)
    # A person whose name starts with a surname keeps the benefit of the doubt.
    assert not abstract_noun(Candidate(0, 3, "王国力", "person", 0.6, "PER", ("lac:PER",)))
    assert "柯小亮" in _new_names("记者在昆明见到了柯小亮。")


def test_a_latin_spelling_in_brackets_is_what_the_name_before_it_is() -> None:
    # LAC calls the English spelling "some proper noun" (a product, by default); in
    # brackets right after a person's Chinese name it is that person.
    text = "这家公司首席执行官吉姆（Jim Kelloway）将加入新团队。"
    guesses = {c.surface: c.label for c in Discoverer.load(None).find(text)}
    assert guesses.get("Jim Kelloway") == "nz"
    kinds = {m.surface: m.kind for m in extract([(0, text)], Matcher.build([]),
                                                 Discoverer.load(None))}
    assert kinds.get("Jim Kelloway") == "person"
    matcher = Matcher.build([KnownName("tsmc", "台积电", "organisation")])
    kinds = {(m.surface, m.start): m.kind for m in extract(
        [(0, "台积电（TMSC）将不再供货。")], matcher, Discoverer.load(None))}
    assert kinds.get(("TMSC", 4)) == "organisation"


def test_a_known_group_then_nouns_ending_in_a_unit_head_is_its_unit() -> None:
    matcher = Matcher.build([KnownName("qianlan", "千岚", "organisation")])
    discoverer = Discoverer.load(None)
    found = {m.surface: m for m in extract(
        [(0, "此外，千岚平台与内容事业群副总裁柯小亮公布了数据。"),
         (1, "千岚兴趣内容基金已经投资了十家公司。")], matcher, discoverer)}
    assert found["千岚平台与内容事业群"].kind == "organisation"
    assert found["千岚平台与内容事业群"].parent == "qianlan"
    assert "千岚兴趣内容基金" in found
    # The head alone after the group is the group and a common noun, not a unit.
    found = {m.surface for m in extract([(0, "千岚的基金已经投资了十家公司。")], matcher,
                                        discoverer)}
    assert "千岚" in found and not any("基金" in name for name in found)


def test_one_latin_word_read_as_a_person_and_a_thing_is_the_thing() -> None:
    from extraction import Mention, _no_foreign_person

    def new(block: int, surface: str, kind: str) -> Mention:
        return Mention(block, 0, len(surface), surface, None, surface, kind, False, 0.6, "model")

    mentions = [new(0, "Kelvara", "product"), new(1, "Kelvara", "person"),
                new(2, "Kelvara", "product"), new(3, "Tom Kelvin", "person"),
                new(4, "Zorund", "person")]
    kinds = [(m.surface, m.kind) for m in _no_foreign_person(mentions)]
    assert kinds == [("Kelvara", "product"), ("Kelvara", "product"), ("Kelvara", "product"),
                     ("Tom Kelvin", "person"), ("Zorund", "person")]


def test_a_term_the_dictionary_lists_as_some_proper_noun_is_no_brand() -> None:
    """Languages, currencies and wars: LAC and the dictionary both say "some proper
    noun", nothing says organisation; a list beside a name still vouches for one."""
    from extraction.evidence import dictionary_term

    term = Candidate(0, 2, "欧元", "other", 0.58, "nz", ("lac:nz", "dict:nz"))
    assert dictionary_term(term)
    assert not dictionary_term(Candidate(0, 4, "星海晚报", "other", 0.58, "nz",
                                         ("lac:nz", "dict:nz")))  # ends like a medium
    assert not dictionary_term(Candidate(0, 2, "欧元", "other", 0.79, "nz",
                                         ("lac:nz", "dict:nz", "list")))
    found = extract([(0, "这份合同改用欧元结算，译成英文后寄出。")], Matcher.build([]),
                    Discoverer.load(None))
    assert not {m.surface for m in found} & {"欧元", "英文"}


def test_a_count_before_a_body_of_ordinary_words_makes_a_description() -> None:
    """一所经贸学院 is one of a kind; 一家东亚银行 is a branch of a named bank."""
    from extraction.junk import no_name_here

    text = "两校合作办了一所经贸学院，附近还有一家东亚银行。"
    college = text.index("经贸学院")
    bank = text.index("东亚银行")
    assert no_name_here(text, college, college + 4) == "one of a kind, counted"
    assert not no_name_here(text, bank, bank + 4)
    assert not no_name_here("他是一个加泰罗尼亚人。", 4, 9)
    found = extract([(0, "镇上有一家家具公司和一家东亚银行。")], Matcher.build([]),
                    Discoverer.load(None))
    assert "家具公司" not in {m.surface for m in found}


def test_a_sector_word_read_as_a_verb_makes_no_unit() -> None:
    """腾讯支付 is a unit; 台积电支付了 is the company and what it did."""
    matcher = Matcher.build([KnownName("tsmc", "台积电", "organisation"),
                             KnownName("tencent", "腾讯", "organisation")])
    discoverer = Discoverer.load(None)
    paid = extract([(0, "台积电支付了这笔款项。")], matcher, discoverer)
    assert [(m.surface, m.entity_key) for m in paid] == [("台积电", "tsmc")]
    unit = extract([(0, "腾讯支付业务增长很快。")], matcher, discoverer)
    assert [(m.surface, m.parent) for m in unit] == [("腾讯支付", "tencent")]


def test_a_known_name_read_as_a_verb_is_the_verb() -> None:
    """联想 in 让人联想起 is to be reminded; 联想 as the subject of 发布 is the company;
    a name that is an ordinary word stays a name alone in a table cell."""
    matcher = Matcher.build([KnownName("lenovo", "联想", "organisation"),
                             KnownName("calm", "从容", "product")])
    discoverer = Discoverer.load(None)
    assert extract([(0, "这让人联想起去年的那次发布会。")], matcher, discoverer) == []
    company = extract([(0, "联想发布了新款笔记本电脑。")], matcher, discoverer)
    assert [m.entity_key for m in company] == ["lenovo"]
    assert [m.entity_key for m in extract([(0, "从容")], matcher, discoverer)] == ["calm"]


def test_a_known_place_read_as_a_common_noun_is_the_noun() -> None:
    """汉堡 eaten at lunch is the food; 汉堡 where someone works, or whose home ground
    it is, is the city. An organisation LAC calls a common noun keeps its link."""
    matcher = Matcher.build([KnownName("hamburg", "汉堡", "place"),
                             KnownName("redhat", "红帽", "organisation")])
    discoverer = Discoverer.load(None)
    assert extract([(0, "他中午在快餐店吃了一个汉堡和薯条。")], matcher, discoverer) == []
    assert extract([(0, "这家店的鸡肉汉堡卖得很好。")], matcher, discoverer) == []
    city = extract([(0, "他在汉堡工作了三年。")], matcher, discoverer)
    assert [m.entity_key for m in city] == ["hamburg"]
    club = extract([(0, "汉堡主场输了球。")], matcher, discoverer)
    assert [m.entity_key for m in club] == ["hamburg"]
    brand = extract([(0, "红帽发布了新版本的企业软件。")], matcher, discoverer)
    assert [m.entity_key for m in brand] == ["redhat"]


def test_a_known_name_the_story_uses_as_a_thing_is_that_thing_throughout() -> None:
    """A story about a tree (一株红杉) does not turn to the fund where it names the tree
    again; a story about the fund keeps it, and a brand after a verb stays a brand."""
    matcher = Matcher.build([KnownName("sequoia", "红杉", "organisation"),
                             KnownName("redhat", "红帽", "organisation")])
    discoverer = Discoverer.load(None)
    tree = [(0, "公园里种着一株红杉。"), (1, "红杉已经长到十二米高，游客常在红杉前合影。")]
    assert extract(tree, matcher, discoverer) == []
    fund = extract([(0, "红杉领投了这轮融资，红杉的合伙人表示看好。")], matcher, discoverer)
    assert [m.entity_key for m in fund] == ["sequoia", "sequoia"]
    brand = extract([(0, "一家公司收购红帽以后，红帽的业务增长很快。")], matcher, discoverer)
    assert [m.entity_key for m in brand] == ["redhat", "redhat"]


def test_a_name_then_ordinary_words_is_the_name_and_a_description() -> None:
    """A model's organisation that starts with a name the story uses alone and goes on
    with ordinary words (董事局工作室) is that name; units, sectors and bodies stay."""
    from extraction import Mention, _name_then_description
    from extraction.evidence import describes_a_name

    assert describes_a_name("董事局工作室") and describes_a_name("常规店")
    # One verb LAC joined to the name (what it does), but not a line of business.
    assert describes_a_name("发布") and describes_a_name("联合")
    assert not describes_a_name("控股") and not describes_a_name("投资")
    assert not any(describes_a_name(rest) for rest in (
        "金融", "分期", "发展银行", "管理咨询中心", "平台与内容事业群", "科技有限公司"))
    alone = Mention(0, 0, 3, "柯达伦", None, "柯达伦", "organisation", False, 0.8, "model")
    longer = Mention(1, 4, 13, "柯达伦董事局工作室", None, "柯达伦董事局工作室",
                     "organisation", False, 0.6, "model")
    trimmed = _name_then_description([alone, longer])[1]
    assert (trimmed.block, trimmed.start, trimmed.end, trimmed.surface) == (1, 4, 7, "柯达伦")


def test_a_longer_name_the_story_reads_elsewhere_replaces_the_pieces() -> None:
    """One reading per story: where LAC reads 柯特大陆 whole once and 柯特 + 大陆 later,
    the later pieces are the name too; a known name inside is never replaced."""
    from extraction import Mention, _said_again
    from extraction.lac import Word

    blocks = [(0, "柯特大陆发布新品。"), (1, "记者获悉，柯特大陆拖欠货款。")]
    words = [[Word(0, 4, "ORG"), Word(4, 6, "v"), Word(6, 8, "n"), Word(8, 9, "w")],
             [Word(0, 2, "n"), Word(2, 4, "v"), Word(4, 5, "w"), Word(5, 7, "LOC"),
              Word(7, 9, "s"), Word(9, 11, "v"), Word(11, 13, "n"), Word(13, 14, "w")]]
    whole = Mention(0, 0, 4, "柯特大陆", None, "柯特大陆", "organisation", False, 0.6, "model")
    piece = Mention(1, 5, 7, "柯特", None, "柯特", "place", False, 0.6, "model")
    found = {(m.block, m.start, m.end, m.surface)
             for m in _said_again(blocks, words, [whole, piece])}
    assert found == {(0, 0, 4, "柯特大陆"), (1, 5, 9, "柯特大陆")}
    known = replace(piece, known=True, entity_key="kt", origin="kb")
    kept = {(m.block, m.surface) for m in _said_again(blocks, words, [whole, known])}
    assert (1, "柯特") in kept and (1, "柯特大陆") not in kept


def test_a_name_of_several_capitalised_words_is_one_shape() -> None:
    """Tarvik Osmundsen written where LAC sees no proper noun is one weak candidate, not
    its first word; a generic term after it stays out (Tarvik Osmundsen CEO)."""
    from extraction.discover import _latin_words

    text = "分析师 Tarvik Osmundsen 补充称，Ravel CEO 也同意。"
    spans = [text[s:e] for s, e in _latin_words(text, [])]
    assert spans == ["Tarvik Osmundsen", "Ravel"]


def test_a_title_in_book_brackets_is_one_work() -> None:
    """《星河车辆生产企业及产品公告》 is one work, whatever pieces LAC read inside it; a
    title a known name overlaps is the known name's (《柯达伦之声》)."""
    from extraction.evidence import whole_titles

    text = "随着《星河车辆生产企业及产品公告》发布，《柯达伦之声》也做了报道。"
    start = text.index("星河")
    piece = Candidate(start, start + 4, "星河车辆", "work", 0.35, "nw", ("lac:nw",))
    known = Matcher.build([KnownName("kdl", "柯达伦", "place")]).find(text)
    found = whole_titles(text, [piece], known)
    assert [(c.surface, c.kind) for c in found] == [("星河车辆生产企业及产品公告", "work")]


def test_a_recurring_name_wins_over_the_pieces_a_model_misread_inside_it() -> None:
    from extraction import Mention, _said_again
    from extraction.lac import Word

    blocks = [(0, "星河大陆拖欠货款。"), (1, "星河大陆拖欠货款。"), (2, "星河大陆拖欠货款。")]
    words = [[Word(0, 4, "ORG"), Word(4, 6, "v"), Word(6, 8, "n"), Word(8, 9, "w")],
             [Word(0, 2, "LOC"), Word(2, 4, "s"), Word(4, 6, "v"), Word(6, 8, "n")],
             [Word(0, 2, "ORG"), Word(2, 4, "s"), Word(4, 6, "v"), Word(6, 8, "n")]]
    name = Mention(0, 0, 4, "星河大陆", None, "星河大陆", "organisation", False, 0.7, "model")
    place = Mention(1, 0, 2, "星河", None, "星河", "place", False, 0.7, "model")
    group = Mention(2, 0, 2, "星河", None, "星河", "organisation", False, 0.7, "model")
    found = {(m.block, m.surface, m.kind) for m in _said_again(blocks, words,
                                                               [name, place, group])}
    # 星河 read as a place is a misreading of the organisation; 星河 read as an
    # organisation, as sure as the longer name, may be its short form and stays.
    assert (1, "星河大陆", "organisation") in found and (1, "星河", "place") not in found
    assert (2, "星河", "organisation") in found


def test_a_sector_word_read_as_a_verb_with_its_object_ends_no_unit() -> None:
    matcher = Matcher.build([KnownName("tsmc", "台积电", "organisation")])
    mentions = extract([(0, "该公司应向台积电支付10亿美元款项。")], matcher, Discoverer.load(None))
    assert [m.surface for m in mentions] == ["台积电"]


def test_a_run_of_latin_words_after_a_noun_of_a_person_is_that_person() -> None:
    mentions = extract([(0, "研究分析师 Marcel Brandt 在评论时指出，市场在变。")],
                       Matcher.build([]), Discoverer.load(None))
    assert [(m.surface, m.kind) for m in mentions] == [("Marcel Brandt", "person")]


def test_an_item_of_a_list_of_names_is_a_name_of_their_kind() -> None:
    matcher = Matcher.build([KnownName("fliggy", "飞猪", "product"),
                             KnownName("youku", "优酷", "product")])
    discoverer = Discoverer.load(None)
    found = {(m.surface, m.kind) for m in extract(
        [(0, "公司旗下有闲鱼、飞猪、优酷等平台。")], matcher, discoverer)}
    assert ("闲鱼", "product") in found
    # ... but a word of the language in the list is that word
    found = {m.surface for m in extract([(0, "他有手机、飞猪、优酷等应用。")], matcher, discoverer)}
    assert "手机" not in found


def test_a_known_maker_series_and_model_code_are_one_product() -> None:
    matcher = Matcher.build([KnownName("gac", "广汽", "organisation"),
                             KnownName("tmall", "天猫", "product")])
    discoverer = Discoverer.load(None)
    found = [(m.surface, m.kind) for m in extract(
        [(0, "双方合作落地广汽传祺GS4等多款车型。")], matcher, discoverer)]
    assert found == [("广汽传祺GS4", "product")]
    # a brand and an event's number stay apart
    assert [m.surface for m in extract([(0, "天猫双11的销售额创新高。")], matcher,
                                       discoverer)] == ["天猫"]


def test_a_latin_name_after_a_noun_of_its_kind_is_that_kind() -> None:
    found = {(m.surface, m.kind) for m in extract(
        [(0, "欧洲家电品牌Velora进军中国市场。")], Matcher.build([]), Discoverer.load(None))}
    assert ("Velora", "organisation") in found


def test_a_brand_and_a_noun_quoted_once_are_one_product_in_the_whole_story() -> None:
    matcher = Matcher.build([KnownName("qihoo-360", "360", "organisation")])
    quoted = [(0, "奇虎推出了‘360借条’，主打小额贷款。"), (1, "用户通过360借条借款，额度很高。")]
    found = [(m.block, m.surface, m.kind, m.maker)
             for m in extract(quoted, matcher, Discoverer.load(None)) if "360" in m.surface]
    assert found == [(0, "360借条", "product", "qihoo-360"), (1, "360借条", "product", "qihoo-360")]
    # Never quoted: the brand and an ordinary noun (LAC's reading).
    alone = extract([(0, "用户通过360借条借款，额度很高。")], matcher, Discoverer.load(None))
    assert [m.surface for m in alone] == ["360"]


def test_a_known_name_and_the_word_company_are_that_name() -> None:
    matcher = Matcher.build([KnownName("huawei", "华为", "organisation"),
                             KnownName("huawei", "华为公司", "organisation")])
    mentions = extract([(0, "华为公司发布了新手机，华为技术有限公司表示。")], matcher,
                       Discoverer.load(None))
    assert [(m.surface, m.entity_key) for m in mentions if m.known] == [("华为", "huawei")]
    assert "华为技术有限公司" in {m.surface for m in mentions}  # a registered name stays whole


def test_a_known_name_and_the_noun_of_its_kind_are_that_name() -> None:
    """An alias that is the name plus the noun of its kind (星河操作系统, 观远数据) is the
    name; the KB's own name of that shape (远川数据, a company so named) stays whole."""
    matcher = Matcher.build([KnownName("xinghe", "星河", "product"),
                             KnownName("xinghe", "星河操作系统", "product"),
                             KnownName("guanyuan", "观远", "organisation"),
                             KnownName("guanyuan", "观远数据", "organisation"),
                             KnownName("yuanchuan", "远川数据", "organisation"),
                             KnownName("yuanchuan", "远川", "organisation")])
    discoverer = Discoverer.load(None)
    found = extract([(0, "据观远数据，星河操作系统的装机量去年翻了一番。")], matcher, discoverer)
    assert [(m.surface, m.entity_key) for m in found] == [
        ("观远", "guanyuan"), ("星河", "xinghe")]
    whole = extract([(0, "远川数据完成了新一轮融资。")], matcher, discoverer)
    assert [(m.surface, m.entity_key) for m in whole] == [("远川数据", "yuanchuan")]


def test_a_unit_the_story_names_once_is_that_unit_where_the_brand_is_read_alone() -> None:
    matcher = Matcher.build([KnownName("qianlan", "千岚", "organisation")])
    blocks = [(0, "千岚投资董事总经理柯小亮介绍了情况。"),  # LAC: 千岚 + 投资/vn, a unit
              (1, "林宁是千岚投资的一致行动人。")]  # LAC: 千岚 + 投资/v
    units = [(m.block, m.surface, m.parent) for m in extract(blocks, matcher, Discoverer.load(None))
             if m.surface.startswith("千岚")]
    assert units == [(0, "千岚投资", "qianlan"), (1, "千岚投资", "qianlan")]


def test_a_describing_character_before_an_ordinary_word_makes_a_description() -> None:
    from extraction.evidence import described_noun

    assert all(map(described_noun, ["小村庄", "新图书馆", "古戏台", "老金融街"]))
    assert not any(map(described_noun, ["大堡礁", "新德里", "小米", "老挝"]))


def test_a_repeated_lac_span_that_cuts_a_word_is_still_a_piece_of_it() -> None:
    from extraction.evidence import cuts_a_word, lac_alone

    text = "双方在板门店举行会谈，板门店位于三八线附近。"
    piece = Candidate(3, 5, "板门", "place", 0.66, "LOC", ("lac:LOC", "repeat:2"))
    assert lac_alone(piece) and cuts_a_word(text, piece)
    assert not lac_alone(replace(piece, evidence=("lac:LOC", "dict:ns")))


def test_a_word_the_dictionary_calls_a_person_needs_a_sentence_that_treats_it_as_one() -> None:
    # LAC reads 林海 and 白云 as persons and jieba's dictionary lists them as names, but
    # in a description of a landscape nothing treats them as people.
    discoverer = Discoverer.load(None)
    scenery = "车窗外是连绵的林海，远处白云悠悠。"
    guessed = {c.surface for c in discoverer.find(scenery) if c.kind == "person"}
    assert {"林海", "白云"} <= guessed
    assert not {"林海", "白云"} & set(_new_names(scenery))
    # A post before it, the person's verb or a possessive after it, a list of people.
    assert "林海" in _new_names("副总裁林海表示，公司明年将扩产。")
    assert "林海" in _new_names("林海的团队负责这款芯片的设计。")
    assert "林海" in _new_names("出席者有王建国、林海和赵小军。")


def test_a_story_that_calls_a_person_by_the_surname_keeps_the_full_name() -> None:
    from extraction.evidence import surname_recalled

    assert surname_recalled(["林海来了。", "老林笑着点头。"], "林海")
    assert surname_recalled(["林先生说会再来。"], "林海")
    assert not surname_recalled(["车窗外是连绵的林海。", "林子里很安静。"], "林海")


def test_a_body_keeps_its_head_where_the_next_word_begins_with_it(matcher: Matcher) -> None:
    # 资源部|分别: the dictionary reads 部分, but 部 ends the body.
    found = {m.surface for m in extract(
        [(0, "日本经济产业省和韩国产业通商资源部分别发表声明。")], matcher, Discoverer.load(None))}
    assert {"日本经济产业省", "韩国产业通商资源部"} <= found


def test_latin_names_take_their_kind_from_a_title_or_a_company_word() -> None:
    text = "一家芯片公司的CEO Rene Haas说，投资方包括Lightspeed Venture Partners。"
    mentions = extract([(0, text)], Matcher.build([]), Discoverer.load(None))
    kinds = {m.surface: m.kind for m in mentions}
    assert kinds["Rene Haas"] == "person"
    assert kinds["Lightspeed Venture Partners"] == "organisation"


def test_the_frames_that_cite_a_medium_name_it_whole() -> None:
    # 全天候 + 科技 are ordinary words; the frame says they name a medium.
    assert "全天候科技" in _new_names("他在接受全天候科技采访时表示，新品下月发布。")
    assert "蓝鲸财经" in _new_names("一位知情人士对蓝鲸财经记者表示，交易已完成。")
    assert "盒饰" in _new_names("据盒饰报道，该公司已完成新一轮融资。")
    # Generic sources and the time the frame carries are no media.
    assert not _new_names("据当地媒体报道，他在接受记者采访时说，据知情人士报道属实。")


def test_a_known_place_and_industries_is_the_place() -> None:
    # LAC reads 德国新能源汽车 as one organisation; 新能源 + 汽车 are industries, no unit.
    text = "目前德国新能源汽车市场增长很快。"
    assert "德国新能源汽车" in {c.surface for c in Discoverer.load(None).find(text)}
    matcher = Matcher.build([KnownName("de", "德国", "place")])
    assert [(m.surface, m.known) for m in extract([(0, text)], matcher, Discoverer.load(None))
            ] == [("德国", True)]


def test_a_person_only_lac_reads_whom_the_story_quotes_is_a_term() -> None:
    """林启 read as a given name, but the story writes “林启” as the name of a programme:
    not a person to suggest. Written plain both times, it still is one."""
    from extraction.evidence import quoted_person, quoted_terms

    quoted = quoted_terms(["总裁介绍，“林启”产业计划的重点是教育。", "没有引号。"])
    assert quoted == frozenset({"林启"})
    guess = Candidate(0, 2, "林启", "person", 0.66, "PER", ("lac:PER", "repeat:2"))
    assert quoted_person(guess, quoted)
    # Something besides LAC vouches for the person, or the story quotes something else.
    assert not quoted_person(replace(guess, evidence=("lac:PER", "dict:nr")), quoted)
    assert not quoted_person(guess, frozenset({"林启计划"}))
    plain = "大会上，公司还宣布推出了林启计划，总裁王建国介绍，{}产业计划的重点是教育。"
    discoverer = Discoverer.load(None)
    persons = {m.surface for m in extract([(0, plain.format("林启"))], Matcher.build([]),
                                          discoverer) if m.kind == "person"}
    assert persons == {"林启", "王建国"}
    persons = {m.surface for m in extract([(0, plain.format("“林启”"))], Matcher.build([]),
                                          discoverer) if m.kind == "person"}
    assert persons == {"王建国"}


def test_a_compass_point_and_a_known_place_in_one_word_name_a_part_of_it() -> None:
    """北弗吉尼亚州, 南加州: LAC reads the compass point and the known place as one place,
    the name of a region; a direction in other words (向北) leaves the place alone."""
    matcher = Matcher.build([KnownName("virginia", "弗吉尼亚州", "place"),
                             KnownName("california", "加州", "place")])
    discoverer = Discoverer.load(None)
    for text, name in (("新总部将设在北弗吉尼亚州，明年启用。", "北弗吉尼亚州"),
                       ("他在南加州长大。", "南加州"), ("他从加州向北开车。", "加州")):
        places = [m.surface for m in extract([(0, text)], matcher, discoverer)
                  if m.kind == "place"]
        assert places == [name]


def test_a_sector_word_that_begins_the_next_noun_is_no_unit() -> None:
    """三星智能 is a unit where 智能 ends the name, not in 三星智能手机, where 智能 begins
    the dictionary's ordinary word 智能手机."""
    matcher = Matcher.build([KnownName("samsung", "三星", "organisation")])
    discoverer = Discoverer.load(None)
    for text, name in (("不过，三星智能手机出货量已经连续下滑。", "三星"),
                       ("三星智能已经独立运营。", "三星智能")):
        names = [m.surface for m in extract([(0, text)], matcher, discoverer)]
        assert names == [name]


def test_a_known_place_and_a_word_for_its_team_are_the_team() -> None:
    """中国队, 韩国女队, 中国女排, 以色列内阁: the team or body is one organisation; a count
    of teams (八国女排) names none, an army (军队) leaves the place alone, and so does a
    company's own team (华为 + 团队)."""
    matcher = Matcher.build([KnownName("china", "中国", "place"),
                             KnownName("korea", "韩国", "place"),
                             KnownName("israel", "以色列", "place"),
                             KnownName("huawei", "华为", "organisation")])
    discoverer = Discoverer.load(None)
    for text, name, kind in (("昨晚中国队以三比一击败了对手。", "中国队", "organisation"),
                             ("韩国女队下午将与对手争夺冠军。", "韩国女队", "organisation"),
                             ("重新组建的中国女排昨天抵达赛场。", "中国女排", "organisation"),
                             ("以色列内阁昨天批准了这项计划。", "以色列内阁", "organisation"),
                             ("华为团队下个月将发布新的方案。", "华为", "organisation")):
        found = [(m.surface, m.kind) for m in extract([(0, text)], matcher, discoverer)]
        assert found == [(name, kind)]
    assert "八国女排" not in _new_names("瑞士举行的八国女排精英赛今天开幕。", matcher)



def test_a_faith_or_doctrine_is_no_organisation() -> None:
    """LAC reads 天主教派 and 新教 as organisations: what people believe names no body an
    editor would tag."""
    names = _new_names("议会里的天主教派和新教教派首次分享权力，警方还破获了一个原教旨主义团伙。")
    assert not any(name.endswith(("教", "教派", "主义")) for name in names)


def test_a_person_s_name_on_a_ship_or_a_storm_is_no_person() -> None:
    """“斯托特”号驱逐舰, 阿丽亚娜5型火箭: the craft, a product; “布拉斯”热带风暴: a storm,
    no name to tag; a verb after a name (号召) or a date (3号) leaves the person alone."""
    discoverer = Discoverer.load(None)

    def kinds(text: str) -> dict[str, str]:
        return {m.surface: m.kind for m in extract([(0, text)], Matcher.build([]), discoverer)
                if not m.known}

    assert kinds("使馆指出，“斯托特”号导弹驱逐舰将于下周靠港。").get("斯托特") == "product"
    assert kinds("这颗卫星由阿丽亚娜５型火箭运载升空。").get("阿丽亚娜") == "product"
    assert "布拉斯" not in kinds("气象台说，“布拉斯”热带风暴已经增强为飓风。")
    assert kinds("柯小亮号召大家一起参加。").get("柯小亮") == "person"
    assert kinds("柯小亮３号抵达会场。").get("柯小亮") == "person"


def test_a_post_or_a_title_keeps_a_name_that_starts_with_no_surname() -> None:
    """桥本首相, 教育部长赖利: a two-character name of no Chinese surname that LAC alone
    proposes is kept where a post or title says it is a person; alone in a sentence it
    is still an ordinary word misread (重洋)."""
    assert "桥本" in _new_names("在电话磋商时，桥本首相特意强调了这一点。")
    assert "赖利" in _new_names("教育部长赖利周二在国会作证时说。")


def test_a_body_the_dictionary_lists_whole_keeps_the_known_place_inside_it() -> None:
    """中国银联, 国际米兰: LAC's organisation that the dictionary lists whole is one name
    with the known place inside; a place's government (美国政府) stays the place."""
    matcher = Matcher.build([KnownName("china", "中国", "place"),
                             KnownName("milan", "米兰", "place"),
                             KnownName("usa", "美国", "place")])
    discoverer = Discoverer.load(None)
    for text, name in (("中国银联昨天开通了新的跨境业务。", "中国银联"),
                       ("这是他当年在国际米兰最擅长的位置。", "国际米兰"),
                       ("美国政府昨天表示反对。", "美国")):
        names = [m.surface for m in extract([(0, text)], matcher, discoverer)]
        assert names == [name]


def test_a_person_read_whole_keeps_the_known_place_inside_the_name() -> None:
    """许银川, 柳大华: a person LAC reads whole is the person, not the known place or body
    inside the name; a company before its person (华为余承东) is not taken into the name."""
    matcher = Matcher.build([KnownName("yinchuan", "银川", "place"),
                             KnownName("dahua", "大华", "organisation"),
                             KnownName("huawei", "华为", "organisation")])
    discoverer = Discoverer.load(None)
    for text, name in (("加赛快棋时，许银川只用了四分钟就赢了。", "许银川"),
                       ("最后一轮，胡荣华胜柳大华。", "柳大华")):
        persons = {m.surface for m in extract([(0, text)], matcher, discoverer)
                   if m.kind == "person"}
        assert name in persons
        assert not {"银川", "大华"} & {m.surface for m in extract([(0, text)], matcher,
                                                                discoverer)}
    found = {m.surface for m in extract([(0, "华为余承东昨天在发布会上说。")], matcher, discoverer)}
    assert "华为" in found


def test_a_person_grown_past_lacs_word_does_not_take_the_known_name() -> None:
    """工程师向虎|嗅解释: LAC reads 向虎 as a person and the discoverer grows it by the
    verb's character; that span is no person LAC read whole, so the media name stays."""
    matcher = Matcher.build([KnownName("huxiu", "虎嗅", "organisation")])
    discoverer = Discoverer.load(None)
    for text in ("上周,一位芯片工程师向虎嗅解释了原因。",
                 "采访中,创始人向虎嗅回忆了创业的第一年。"):
        found = [(m.surface, m.entity_key) for m in extract([(0, text)], matcher, discoverer)]
        assert found == [("虎嗅", "huxiu")]


def test_a_capitalised_latin_word_coordinated_with_a_name_is_a_name() -> None:
    """Tindra 或者 Bumblo, 诺瓦通信、Kelvora-Tel和Quibo: items of one coordination share a
    type, so a Latin word LAC leaves open is a name there; alone, or an English word
    beside a term (Cloud和大数据), an acronym, or a word of an English phrase, it is not."""
    found = _new_names("他常用的约会应用有Tindra 或者 Bumblo，两家都在融资。")
    assert {"Tindra", "Bumblo"} <= set(found)
    found = _new_names("这次的合作方包括诺瓦通信、Kelvora-Tel和Quibo。")
    assert {"Kelvora-Tel", "Quibo"} <= set(found)
    assert "Tindra" not in _new_names("他说Tindra很好用。")
    assert "Cloud" not in _new_names("他说Cloud和大数据都很重要。")


def test_coordination_needs_a_joiner_and_an_item_on_its_other_side() -> None:
    from extraction.evidence import coordinated, coordinated_latin_name

    text = "有Tindra 或者 Bumblo，还有Zorvy。"
    tindra, bumblo, zorvy = ((text.index(w), text.index(w) + len(w))
                             for w in ("Tindra", "Bumblo", "Zorvy"))

    def candidate(span: tuple[int, int]) -> Candidate:
        return Candidate(*span, text[span[0] : span[1]], "other", 0.4, "nz", ("lac:nz",))

    items = [tindra, bumblo, zorvy]
    assert coordinated(text, candidate(bumblo), items)  # after 或者, spaces aside
    assert coordinated(text, candidate(tindra), items)  # before it
    assert not coordinated(text, candidate(zorvy), items)  # 还有 joins no item
    assert not coordinated(text, candidate(bumblo), [bumblo, zorvy])  # nothing before
    acronyms = "有TDRA和BMBO。"
    first = (acronyms.index("TDRA"), acronyms.index("TDRA") + 4)
    second = (acronyms.index("BMBO"), acronyms.index("BMBO") + 4)
    assert coordinated(acronyms, Candidate(*first, "TDRA", "other", 0.4, "nz"), [second])
    assert not coordinated_latin_name(acronyms, Candidate(*first, "TDRA", "other", 0.4, "nz"),
                                      [second])  # an acronym: as often a standard
    assert coordinated_latin_name(text, candidate(bumblo), items)


def test_capitalised_words_joined_by_a_hyphen_are_one_shape() -> None:
    """Kelvora-Tel is one word (LAC cuts it into letters); Wi-Fi is a term, not a name."""
    from extraction.discover import _latin_words

    text = "合作方Kelvora-Tel支持Wi-Fi和NBX。"
    assert [text[s:e] for s, e in _latin_words(text, [])] == ["Kelvora-Tel", "NBX"]


def test_a_known_organisation_then_a_qualified_sector_is_its_unit() -> None:
    """柯蓝|消费|金融: a noun qualifying a sector word names a line of business, so the
    known group and both words are its unit; a one-character noun (柯蓝|牌|汽车: the
    brand's cars) and an ordinary noun after the group (柯蓝手机) are not."""
    matcher = Matcher.build([KnownName("kelan", "柯蓝", "organisation")])
    assert "柯蓝消费金融" in _new_names("依赖流量的柯蓝消费金融，去年实现盈利。", matcher)
    assert _new_names("他出售柯蓝牌汽车。", matcher) == {}
    assert _new_names("柯蓝手机销量大涨。", matcher) == {}


def test_a_known_place_takes_the_unit_lac_reads_with_it() -> None:
    """柯兹堡市: the known place and its unit are one name, linked to the place; 市 that
    begins a word of its own (柯兹堡|市场, 中国|市场) stays out."""
    matcher = Matcher.build([KnownName("kz", "柯兹堡", "place"), KnownName("cn", "中国", "place")])

    def known(text: str) -> list[tuple[str, str | None]]:
        return [(m.surface, m.entity_key) for m in extract([(0, text)], matcher,
                                                           Discoverer.load(None)) if m.known]

    assert known("他昨天抵达柯兹堡市，与市长会面。") == [("柯兹堡市", "kz")]
    assert known("柯兹堡市场很大。") == [("柯兹堡", "kz")]
    assert known("中国市场很大。") == [("中国", "cn")]


def test_a_proper_noun_with_an_organisations_post_after_it_is_an_organisation() -> None:
    """宽维通客服: LAC's open proper noun, built of ordinary words (宽 + 维 + 通), is whose
    staff they are, an organisation; without the post it needs other evidence."""
    from extraction.evidence import holds_a_post

    found = extract([(0, "宽维通客服人员对记者表示，服务已恢复。")], Matcher.build([]),
                    Discoverer.load(None))
    assert [(m.surface, m.kind) for m in found] == [("宽维通", "organisation")]
    text = "宽维通副总裁、宽维通股价"
    first = Candidate(0, 3, "宽维通", "other", 0.4, "nz", ("lac:nz",))
    second = Candidate(6, 9, "宽维通", "other", 0.4, "nz", ("lac:nz",))
    assert holds_a_post(text, first) and not holds_a_post(text, second)


def test_a_known_person_read_as_the_start_of_a_longer_person_is_another_person() -> None:
    """王兴|兴, 盖茨|比: where LAC reads a known person as the start of a longer person's
    name, the name goes on and names someone else, not the known person; the known person
    written alone before a verb stays linked."""
    matcher = Matcher.build([KnownName("wang-xing", "王兴", "person"),
                             KnownName("gates", "盖茨", "person")])
    discoverer = Discoverer.load(None)
    for text, name in (("机器人公司创始人王兴兴表示，人形机器人仍处于早期阶段。", "王兴兴"),
                       ("盖茨比站在码头尽头望着那盏绿灯。", "盖茨比")):
        found = [(m.surface, m.kind, m.entity_key)
                 for m in extract([(0, text)], matcher, discoverer)]
        assert (name, "person", None) in found
        assert not any(key for _, _, key in found)
    found = [(m.surface, m.entity_key)
             for m in extract([(0, "王兴说外卖业务不会退出。")], matcher, discoverer)]
    assert found == [("王兴", "wang-xing")]


def test_a_bank_short_form_the_dictionary_tags_as_a_verb_is_kept() -> None:
    """建行, 交行: LAC's organisation ending in a body's character is a body's short form
    though the dictionary tags the word as a verb; a guess of another shape the
    dictionary knows only as no noun (正大, an adjective) is still no name."""
    for surface in ("交行", "建行"):
        c = Candidate(0, 2, surface, "organisation", 0.6, "ORG", ("lac:ORG",))
        assert shortened_body(c)
    assert not shortened_body(Candidate(0, 2, "正大", "organisation", 0.6, "ORG", ("lac:ORG",)))
    assert not shortened_body(Candidate(0, 2, "交行", "person", 0.6, "PER", ("lac:PER",)))
    matcher = Matcher.build([])
    discoverer = Discoverer.load(None)
    for text, name in (("交行正在加快信用卡业务布局。", "交行"),
                       ("此前建行也没有回应。", "建行")):
        assert name in {m.surface for m in extract([(0, text)], matcher, discoverer)}


def test_a_transliterated_two_character_person_needs_no_chinese_surname() -> None:
    """迪亚, 卡尼: a foreign name in transliteration's characters has no Chinese surname,
    so a person LAC reads so is kept; an ordinary word LAC misreads as a person (重洋,
    涛声) has a character no transliteration writes and still needs its surname."""
    assert transliterated("迪亚") and transliterated("卡尼")
    assert not transliterated("涛声") and not transliterated("刀锋") and not transliterated("")
    person = Candidate(0, 2, "重洋", "person", 0.6, "PER", ("lac:PER",))
    assert no_surname(person)
    assert not no_surname(replace(person, surface="迪亚"))
    assert ("迪亚", "person") in _kinds("前锋迪亚在第80分钟打进一球。")
    assert ("卡尼", "person") in _kinds("中场卡尼赛后接受了采访。")


def test_a_surname_and_two_characters_is_a_name_whatever_the_dictionary_tags_it() -> None:
    """关颖珊 (tagged as an idiom), 林皎明 (a status word): three Chinese characters that a
    surname begins are a full name; a two-character word the dictionary knows as no noun
    (何止) or a longer span without a surname is not judged so."""
    person = Candidate(0, 3, "关颖珊", "person", 0.6, "PER", ("lac:PER",))
    assert full_name(person) and full_name(replace(person, surface="林皎明"))
    assert not full_name(replace(person, end=2, surface="何止"))
    assert not full_name(replace(person, surface="风清扬"))  # no common surname first
    assert not full_name(replace(person, kind="place", surface="林皎明"))
    assert ("关颖珊", "person") in _kinds("花样滑冰名将关颖珊昨天抵达北京。")
    assert ("林皎明", "person") in _kinds("村支书林皎明带领大家修通了山路。")


def test_a_person_the_story_gives_an_exchange_rate_is_a_currency_throughout() -> None:
    story = [(0, "林吉特兑美元连跌三天。"), (1, "分析师认为林吉特还会走弱。")]
    found = extract(story, Matcher.build([]), Discoverer.load(None))
    assert "林吉特" not in {m.surface for m in found}
    assert currencies(["第纳尔汇率上周下调。", "卢比对美元的比价创下新低。", "货币比尔贬值。"],
                      {"第纳尔", "卢比", "比尔", "张伟"}) == {"第纳尔", "卢比", "比尔"}
    # An amount before it in one sentence makes it a unit in the next.
    story = [(0, "合同金额约80亿雷亚尔。"), (1, "分析师认为雷亚尔还会走弱。")]
    assert "雷亚尔" not in {m.surface for m in extract(story, Matcher.build([]),
                                                       Discoverer.load(None))}
    # Nothing about money after a person: 对 + a coin's name is no exchange rate.
    assert currencies(["张伟对比特币的前景很乐观。"], {"张伟"}) == frozenset()


def test_a_known_place_before_a_clock_or_a_betting_market_is_not_that_place() -> None:
    matcher = Matcher.build([KnownName("usa", "美国", "place"),
                             KnownName("asia", "亚洲", "place")])
    found = extract([(0, "发布会定于美国时间周二上午举行，美国观众可以在线收看。"),
                     (1, "亚洲盘开出主让半球，亚洲球迷看好主队。")],
                    matcher, Discoverer.load(None))
    assert [(m.block, m.surface) for m in found if m.known] == [(0, "美国"), (1, "亚洲")]
    assert all(m.start > 2 for m in found if m.known)


def test_a_word_for_a_body_right_after_a_title_is_the_titles_body() -> None:
    text = "他在《三联生活周刊》杂志社工作了五年。"
    body = Candidate(10, 13, "杂志社", "organisation", 0.6, "ORG", ("lac:ORG",))
    assert body_of_a_title(text, body)
    assert "杂志社" not in _new_names(text)
    assert "杂志社" not in _new_names("《中国企业家》杂志社的记者参加了发布会。")
    # A name of its own after a title stays.
    brand = Candidate(6, 10, "光线传媒", "organisation", 0.6, "ORG", ("lac:ORG",))
    assert not body_of_a_title("《流浪地球》光线传媒出品。", brand)
