"""Whole-document verdicts, proportional decoding and the five classes of miss (issue 15).

Every text here is written for the test: none is copied from the shared corpus.
"""

import pytest

from cleaning import PAGE_KINDS, STORY_KINDS, InputError, check, decode

ARTICLE = "\n".join(
    [
        "新型储能电池量产",
        "本月初，一家位于江苏的电池企业宣布其新型固态电池正式进入量产阶段，首批产品将供应给国内两家车企。",
        "公司技术负责人介绍，新电池的能量密度比上一代提高了三成，充电时间缩短了一半，低温性能也有明显改善。",
        "业内人士认为，固态电池的量产意味着产业链上游的材料企业将迎来新的订单，但成本仍是需要解决的问题。",
        "据了解，这家企业计划在明年把产能扩大到现在的三倍，并在海外设立第一座工厂，以满足欧洲客户的需求。",
    ]
)


def _kinds(result):
    return {b.kind for b in result.blocks}


def test_an_article_is_judged_an_article():
    result = check(ARTICLE)
    assert result.document.kind == "article" and result.document.is_article
    assert all(b.is_story for b in result.blocks)


def test_doorway_page_with_gambling_words_is_not_an_article():
    lines = ["首页", "关于我们", "新闻中心", "联系我们"]
    for n in range(8):
        lines.append(f"百家乐{n}号厅真人娱乐平台，注册就送彩金，老虎机和捕鱼游戏天天返水")
        lines.append(f"棋牌游戏下载手机版登录入口{n}")
    result = check("\n".join(lines))
    assert result.document.kind == "doorway"
    assert result.document.score > 0.5 and result.document.reasons
    assert all(b.kind == PAGE_KINDS["doorway"] for b in result.blocks)
    assert any(w.startswith("not_an_article: doorway") for w in result.warnings)


def test_template_page_with_a_glued_name_and_a_link_farm_is_a_doorway():
    name = "青山湖绿色科技有限公司"
    paras = [
        f"{name}成立于多年以前，{name}致力于为客户提供优质的服务和产品，不断开拓创新。",
        f"{name}坚持以质量求生存、以信誉求发展的宗旨，{name}的业务覆盖全国各地。",
        f"{name}拥有一支经验丰富的团队，欢迎各界朋友莅临{name}参观指导。",
    ]
    farm = " ".join(f"第{n}号示例贸易有限公司" for n in range(40))
    result = check("\n".join([*paras, farm]))
    assert result.document.kind == "doorway"
    assert not any(b.is_story for b in result.blocks)


def test_listing_page_of_subjects_with_counts_is_not_an_article():
    subjects = [
        "人工智能",
        "芯片",
        "手机",
        "云计算",
        "机器人",
        "新能源",
        "无人机",
        "量子计算",
        "操作系统",
        "数据库",
        "网络安全",
        "开源软件",
    ]
    text = "\n".join(f"{s} ({n * 7 + 3})" for n, s in enumerate(subjects))
    result = check(text)
    assert result.document.kind == "listing"
    assert all(b.kind == PAGE_KINDS["listing"] for b in result.blocks)


def test_listing_page_of_dated_teasers_is_not_an_article():
    lines = []
    for n in range(10):
        lines.append(f"第{n}条行业快讯：某公司发布了新的产品线，售价和配置都有所调整...")
        lines.append(f"2024-03-{n + 10:02d}  阅读 {n * 13 + 5}")
    result = check("\n".join(lines))
    assert result.document.kind == "listing"


def test_login_page_is_not_an_article():
    text = "\n".join(
        [
            "会员登录",
            "用户名",
            "登录密码",
            "验证码",
            "忘记密码？",
            "立即注册",
            "记住我",
            "登录",
            "返回首页",
            "帮助中心",
        ]
    )
    result = check(text)
    assert result.document.kind == "error"
    assert not any(b.is_story for b in result.blocks)


# --- help, shop and profile pages (kind "service") ----------------------------------

FAQ_PAGE = "\n".join(
    [
        "积分兑换说明",
        "1 登录您的账号后进入积分商城，挑选您想要兑换的礼品。",
        "2 确认收货地址，提交兑换申请即可。",
        "常见问题",
        "问：积分多久会到账？ 答：完成任务后一般在两个工作日内到账。",
        "问：兑换的礼品可以退换吗？ 答：礼品一经兑换不支持退换，请谨慎选择。",
        "问：积分有有效期吗？ 答：积分自获得之日起一年内有效，过期自动清零。",
    ]
)

SHOP_BLURB = (
    "这款折叠露营椅采用加厚铝合金骨架，承重可达一百五十公斤，收起后只有一把雨伞大小，"
    "放进汽车后备箱毫不占地方。坐面使用透气网布，夏天久坐也不会闷热，扶手处还设计了杯托。"
)
SHOP_PAGE = "\n".join(
    [
        SHOP_BLURB,
        "座高：42cm",
        "展开尺寸：60×55×80cm",
        "收纳尺寸：15×15×70cm",
        "净重：2.3kg",
        "面料：600D牛津布",
        "颜色：墨绿/卡其",
        "【参考价格】199元",
        "【店铺名称】山野户外用品店",
        "【联系电话】13912345678",
        "【店铺地址】某市某区示例路8号",
        "【客服QQ】123456789",
    ]
)

PROFILE_PAGE = "\n".join(
    [
        "个人资料",
        "昵称：小林同学",
        "性别：男",
        "所在地：南方某市",
        "注册时间：2019-05-12",
        "最后登录：2024-01-03",
        "积分：1280",
        "等级：高级会员",
        "个人签名：热爱骑行和摄影",
        "主题数：36",
        "回帖数：512",
    ]
)

PRESS_QA = "\n".join(
    [
        "市交通部门答记者问：地铁新线开通后的换乘安排",
        "本周五，本市地铁五号线将正式开通运营。开通前夕，市交通部门负责人就市民关心的换乘、"
        "票价和首末班时间等问题回答了记者的提问，并介绍了沿线公交线路的调整方案。",
        "问：新线开通后，换乘站的客流会不会很拥挤？",
        "答：我们在三个换乘站都增加了引导人员，高峰时段还会临时调整进出站通道，"
        "尽量让乘客少走回头路。根据试运行期间的测算，换乘时间平均在四分钟左右，"
        "比预想的要短，我们也会根据开通后的实际客流继续优化。",
        "问：票价怎么计算？",
        "答：新线执行全市统一的里程计价办法，和现有线路之间换乘不另外收费，"
        "老年人和学生的优惠政策同样适用。",
    ]
)


def test_help_page_of_questions_and_answers_is_not_an_article():
    result = check(FAQ_PAGE)
    assert result.document.kind == "service"
    assert any("questions with their answers" in r for r in result.document.reasons)
    assert all(b.kind == PAGE_KINDS["service"] for b in result.blocks)


def test_shop_page_with_specifications_a_seller_and_a_price_is_not_an_article():
    result = check(SHOP_PAGE)
    assert result.document.kind == "service"
    assert not any(b.is_story for b in result.blocks)
    assert any("label: value" in r for r in result.document.reasons)


def test_profile_page_of_label_value_fields_is_not_an_article():
    result = check(PROFILE_PAGE)
    assert result.document.kind == "service"
    assert not any(b.is_story for b in result.blocks)


def test_press_questions_and_answers_around_a_story_stay_an_article():
    # Question/answer markers, but a lead and long answers: a story core.
    result = check(PRESS_QA)
    assert result.document.is_article
    assert "换乘时间平均在四分钟左右" in result.story_text()


def test_press_questions_addressing_the_official_stay_an_article():
    # The reporter's polite "you" sits in the questions: no address to the reader.
    text = PRESS_QA.replace("问：票价怎么计算？", "问：您认为票价怎么计算才合理？您怎么看？")
    assert check(text).document.is_article


def test_product_story_with_a_spec_list_but_no_seller_stays_an_article():
    specs = SHOP_PAGE.split("\n")[:7]
    result = check("\n".join([*specs, SHOP_BLURB, ARTICLE]))
    assert result.document.is_article


def test_a_phone_number_and_a_price_in_a_story_do_not_make_a_shop():
    text = "\n".join(
        [
            ARTICLE,
            "该企业表示，新电池的零售价格约为每千瓦时八百元，咨询电话：010-12345678。",
            "售后热线：400-123-4567",
        ]
    )
    assert check(text).document.is_article


def test_listing_of_titles_teasers_and_dates_is_not_an_article():
    entries = [
        (
            "港口新泊位投入使用",
            "新建的两个集装箱泊位本周投入使用，码头年吞吐能力随之提高约一成，船舶平均等待时间有望缩短。",
        ),
        (
            "城郊绿道全线贯通",
            "全长三十公里的城郊绿道日前全线贯通，沿途设置了八处驿站，周末骑行和徒步的市民明显增多。",
        ),
        (
            "老旧小区加装电梯提速",
            "今年以来已有四十多个老旧小区完成电梯加装，街道为居民协调意见、代办手续，工期比去年缩短。",
        ),
        (
            "夜间公交线路调整",
            "三条夜间公交线路下月起调整走向，新增两个站点覆盖新建住宅区，末班车时间推迟半小时。",
        ),
    ]
    lines = ["本地新闻"]
    for n, (title, teaser) in enumerate(entries):
        lines += [title, teaser, f"2024-05-{n + 10:02d}"]
    result = check("\n".join([*lines, "下一页"]))
    assert result.document.kind == "listing"
    assert any("a title, a teaser and a date" in r for r in result.document.reasons)
    assert not any(b.is_story for b in result.blocks)


HEADLINES = [
    "港口新泊位投入使用 吞吐能力提高一成",
    "城郊绿道全线贯通 沿途设置八处驿站",
    "老旧小区加装电梯提速 工期比去年缩短",
    "夜间公交线路调整 新增两个站点",
    "市图书馆延长开放时间 周末开到晚十点",
    "新能源公交车占比过半 今年再换三百辆",
    "城东菜市场改造完工 摊位增加一倍",
    "暴雨预警解除 地铁恢复正常运营",
]


def _link_list_page(extra: str = "") -> str:
    items = "".join(
        f'<li><a href="/news/{n}.html">{h}</a> <span>2024-05-{n + 10:02d}</span></li>'
        for n, h in enumerate(HEADLINES)
    )
    return f"<html><head><title>本地新闻</title></head><body>{extra}<ul>{items}</ul></body></html>"


def test_an_html_page_of_dated_links_and_no_main_content_is_a_listing():
    result = check(_link_list_page(), "html")
    assert result.document.kind == "listing"
    assert not any(b.is_story for b in result.blocks)


def test_an_html_article_above_a_list_of_dated_links_stays_an_article():
    story = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n")[1:])
    result = check(_link_list_page(f"<h1>新型储能电池量产</h1>{story}"), "html")
    assert result.document.is_article
    assert any(b.is_story for b in result.blocks)


def test_an_html_login_form_is_an_error_page():
    page = (
        "<html><head><title>用户登录</title></head><body><h2>会员登录</h2>"
        "<form><label>用户名</label><input name=u><label>密码</label><input type=password>"
        "<button>登录</button></form>"
        "<p><a href='/reg'>立即注册</a> | <a href='/pw'>忘记密码？</a></p></body></html>"
    )
    assert check(page, "html").document.kind == "error"


def test_an_error_message_in_sentences_is_still_an_error_page():
    page = "出错了\n抱歉，您访问的页面不存在\n可能的原因：网址输入错误，或该页面已被删除\n返回首页"
    assert check(page).document.kind == "error"


LOGIN_FAULT_STORIES = {
    "zh": [
        "网银系统故障 部分用户无法登录",
        "本周一上午，一家城商行的网上银行系统出现故障，部分用户在登录时反复收到验证码错误的"
        "提示，手机银行也无法正常转账，故障持续了约两个小时。",
        "银行客服表示，故障原因是系统升级后用户名校验模块出现异常，技术人员已在中午前完成修复，"
        "用户的资金安全没有受到影响。",
        "有用户反映，登录密码输入正确后页面仍然提示出错了，只能暂时到网点柜台办理业务。"
        "银行随后发布公告致歉，并承诺对受影响的交易免收手续费。",
    ],
    "en": [
        "Bank app outage locks customers out",
        "Customers of a regional bank could not sign in to its mobile app for most of Monday "
        "morning, and many saw a page not found error when they tried to reset a password.",
        "The bank said a faulty update to the server that checks usernames was to blame, and "
        "that engineers had fixed it by noon without any loss of customer money.",
        "Some customers said they had to visit a branch to pay bills, and the bank promised "
        "to refund any late fees caused by the outage.",
    ],
}


@pytest.mark.parametrize("language", LOGIN_FAULT_STORIES)
def test_a_story_about_a_login_fault_stays_an_article(language):
    """Its error and login words are the story's subject, in Chinese and in English."""
    result = check("\n".join(LOGIN_FAULT_STORIES[language]))
    assert result.document.is_article
    assert all(b.is_story for b in result.blocks)


def test_login_page_with_a_long_copyright_footer_is_not_an_article():
    # The footer's notice is a paragraph, but a disclaimer is never a story core.
    text = "\n".join(
        [
            "欢迎登录示例论坛",
            "手机号或邮箱",
            "密码",
            "验证码",
            "忘记密码？",
            "登录",
            "还没有账号？立即注册",
            "其他登录方式：微信 微博",
            "关于我们 | 联系我们 | 帮助中心 | 网站地图",
            "示例论坛版权所有，未经书面授权禁止复制或建立镜像。本站内容仅供参考，如有侵权请联系"
            "我们删除，我们将在第一时间处理。客服电话请见帮助中心，工作时间为周一至周五。",
        ]
    )
    result = check(text)
    assert not result.document.is_article
    assert not any(b.is_story for b in result.blocks)


def test_an_article_with_dated_updates_at_the_end_stays_an_article():
    updates = "\n".join(
        ["更新", "现场救援仍在继续，消防部门又调派了两支队伍赶往现场协助搜救工作。", "2024-05-10"]
    )
    assert check("\n".join([ARTICLE, updates])).document.is_article


# --- decoding: proportion, not presence ------------------------------------------


def test_text_with_stray_control_characters_is_text_and_the_runs_are_residue():
    # Four control characters in a paragraph: far under decode's 5% binary share.
    raw = (
        "研究团队\x05\x06\x07\x08在实验室里完成了新一轮测试，结果好于预期。"
        "团队负责人表示，下一步将扩大样本规模，并与两家医院合作开展临床前研究。"
    ).encode()
    text = decode(raw)
    assert text == raw.decode()  # nothing altered
    blocks = check(text).blocks
    residue = [b for b in blocks if b.kind == "residue"]
    assert [b.text for b in residue] == ["\x05\x06\x07\x08"]
    assert "在实验室里完成了新一轮测试" in check(text).story_text()


def test_a_few_nuls_are_text_and_residue():
    raw = "第一句话写在这里。".encode() + b"\x00\x00" + "第二句话写在后面。".encode()
    text = decode(raw)
    assert text == raw.decode()  # nothing altered (the import shows NUL as U+2400)
    assert any(b.kind == "residue" and b.text == "\x00\x00" for b in check(text).blocks)
    shown = text.replace("\x00", "\u2400")
    assert any(b.kind == "residue" and b.text == "\u2400\u2400" for b in check(shown).blocks)


def test_binary_is_judged_over_the_whole_input_not_the_first_bytes():
    # Text first, then a long binary tail: the old 8 KB sample would have let it through.
    data = ("正常的开头文字。" * 400).encode() + bytes(range(32)) * 2000
    with pytest.raises(InputError, match="binary"):
        decode(data)
    # A long text with a small control run deep inside stays text.
    data = ("正常的文字内容。" * 2000).encode() + b"\x01\x02\x03" + "结尾。".encode()
    assert decode(data).endswith("\x01\x02\x03结尾。")


def test_utf16_without_bom_says_unknown_encoding():
    data = ("This story was saved as UTF-16 without a byte order mark. " * 5).encode("utf-16-le")
    with pytest.raises(InputError, match="encoding is unknown"):
        decode(data)


# --- teasers, datelines, glued keywords --------------------------------------------


def test_truncated_summary_behind_a_label_is_a_duplicate_of_the_lead():
    lead = (
        "记者从市交通部门获悉，城市东部的两条新地铁线路将在年底前同时开通，"
        "沿线居民出行时间将大幅缩短。"
    )
    text = "\n".join(
        [f"简要描述：{lead[:30]}...", lead, "开通后，两条线路将与现有的三号线实现换乘。"]
    )
    blocks = check(text).blocks
    assert blocks[0].kind == "duplicate"
    assert blocks[1].kind == "paragraph" and blocks[1].text == lead


def test_teaser_with_ellipsis_is_a_duplicate():
    para = (
        "这家公司今年第三季度的营收同比增长了百分之二十，主要得益于海外市场的扩张和新产品的热销。"
    )
    text = "\n".join([para[:28] + "…", "正文", para, "分析师预计第四季度仍将保持增长。"])
    blocks = check(text).blocks
    assert blocks[0].kind == "duplicate"
    assert any(b.text == para and b.kind == "paragraph" for b in blocks)


@pytest.mark.parametrize(
    "line",
    [
        "2023年05月18日　来源：东海晨报 分享到",
        "作者：李明 时间：2023-05-18 09:30",
        "2023-05-18 09:30 | 某某新闻网",
        "发布时间：2023-05-18  浏览次数：1024",
    ],
)
def test_dateline_source_and_share_lines_are_chrome(line):
    blocks = check("\n".join(["新型储能电池量产", line, *ARTICLE.splitlines()[1:]])).blocks
    meta = next(b for b in blocks if b.text == line)
    assert meta.kind == "chrome", meta.reasons


def test_share_prompt_is_chrome():
    blocks = check(ARTICLE + "\n喜欢就分享到朋友圈吧").blocks
    assert blocks[-1].kind == "chrome"


@pytest.mark.parametrize(
    ("prefix", "rest"),
    [
        (
            "本报讯（记者王小明）",
            "昨天上午，全市首个智能停车场正式投入使用，可同时停放五百辆汽车。",
        ),
        (
            "东海新闻网北京3月5日讯（记者　陈静）",
            "今年的科技展会吸引了来自二十多个国家的企业参展。",
        ),
        ("新华社上海6月1日电", "上海今天发布了新的数据中心建设规划，提出五年内新增算力一倍。"),
    ],
)
def test_dateline_glued_to_the_lead_is_cut_off_as_chrome(prefix, rest):
    text = "\n".join([prefix + rest, *ARTICLE.splitlines()[1:]])
    blocks = check(text).blocks
    assert blocks[0].kind == "chrome" and blocks[0].text == prefix.strip()
    assert blocks[1].text == rest and blocks[1].is_story


@pytest.mark.parametrize(
    "lead",
    [
        # A company whose name ends in 电 ("dispatch"), after a station-like 台.
        "台积电暂未对这笔订单予以回复，但有消息人士透露，双方仍在商谈交货时间。",
        # 网 ("net") and a name ending in 讯 eight characters apart.
        "车联网和自动驾驶是腾讯智慧出行的重头戏，两项业务今年都有新的合作伙伴。",
    ],
)
def test_an_undated_dispatch_word_inside_a_sentence_is_no_dateline(lead):
    text = "\n".join([ARTICLE.splitlines()[0], lead, *ARTICLE.splitlines()[1:]])
    blocks = check(text).blocks
    assert all(b.is_story for b in blocks)
    assert any(b.text == lead for b in blocks)


def test_an_undated_dateline_before_a_bracketed_byline_is_still_cut_off():
    lead = "城南晚报讯（记者 周明）昨天，城南区第一所社区图书馆开门迎客，首日接待读者三百多人。"
    text = "\n".join([ARTICLE.splitlines()[0], lead, *ARTICLE.splitlines()[1:]])
    blocks = check(text).blocks
    assert blocks[1].kind == "chrome" and blocks[1].text == "城南晚报讯（记者 周明）"


LOTTERY = "\n".join(
    [
        "体育彩票销量稳步回升",
        "今年前三季度，全省体育彩票销量比去年同期增长一成，彩票公益金主要用于全民健身设施建设。",
        "省体育彩票管理中心介绍，即开型彩票的销量增长最快，网点也从城区扩展到了乡镇。",
        "业内人士提醒，购买彩票应当量力而行，未成年人不得购买彩票，网点也不得向其出售。",
        "据了解，彩票管理中心明年还将在金沙江沿岸的三个县新设一批销售网点。",
    ]
)


def test_a_story_about_lottery_keeps_the_word_in_its_sentences():
    """Ordinary words of the gambling lexicon, bare in a sentence, are the sentence's own."""
    blocks = check(LOTTERY).blocks
    assert all(b.is_story for b in blocks)
    assert len(blocks) == len(LOTTERY.splitlines())


def test_a_story_naming_the_lottery_in_a_few_of_many_lines_keeps_them():
    """Three lines of a long story name the lottery, one of them short: the story's own
    word, not an injected keyword, however few of its lines they are."""
    lines = [
        *ARTICLE.splitlines(),
        "为了筹集研发资金，这家企业还参加了省里的科技创新大赛，并获得了一等奖。",
        "大赛的奖金来自体育彩票公益金。",
        "省科技厅介绍，体育彩票公益金今年将继续支持二十个科技创新项目，每个项目最多五百万元。",
        "获奖企业需要在一年内完成项目验收，验收不合格的将退回部分奖金。",
        "据了解，明年的大赛将增加新能源和新材料两个组别，彩票公益金的支持额度也会提高。",
        "业内人士认为，这类大赛为中小企业提供了展示技术的机会，也帮助它们找到了投资人。",
    ]
    blocks = check("\n".join(lines)).blocks
    assert all(b.is_story for b in blocks)


def test_a_common_word_with_a_brand_tail_glued_on_is_still_cut_out():
    sentence = (
        "今年春天，这家金沙娱乐官网位于城东的工厂完成了技术改造，产量提高了一倍多，工人们都很高兴。"
    )
    text = "\n".join([*ARTICLE.splitlines(), sentence])
    foreign = [b.text for b in check(text).blocks if b.kind == "foreign"]
    assert foreign and all("金沙娱乐官网" in t for t in foreign)


def test_glued_keyword_span_covers_the_whole_keyword():
    keyword = "开云ty官网中国有限公司"
    sentence = (
        f"今年春天，这家{keyword}位于城东的工厂完成了技术改造，产量提高了一倍多，工人们都很高兴。"
    )
    text = "\n".join([*ARTICLE.splitlines(), sentence])
    start = text.index(keyword)
    foreign = [b for b in check(text).blocks if b.kind == "foreign"]
    assert foreign, "the glued keyword is flagged"
    covered = set()
    for b in foreign:
        covered.update(range(b.start, b.end))
    assert set(range(start, start + len(keyword))) <= covered
    story = check(text).story_text()
    assert "位于城东的工厂完成了技术改造" in story


def test_private_use_separators_break_paragraphs():
    text = "\ue40c".join(ARTICLE.splitlines())
    blocks = check(text).blocks
    assert len(blocks) == len(ARTICLE.splitlines())
    assert all(b.kind in STORY_KINDS for b in blocks)


@pytest.mark.parametrize("credit", ["（东海网）", "(李华)"])
def test_source_credit_after_the_last_sentence_is_chrome(credit):
    last = "据了解，这家企业计划在明年把产能扩大到现在的三倍。"
    text = "\n".join([*ARTICLE.splitlines()[:-1], last + credit])
    blocks = check(text).blocks
    assert blocks[-1].text == credit and blocks[-1].kind == "chrome"
    assert blocks[-2].text == last and blocks[-2].is_story


def test_title_bar_repeating_the_headline_is_a_duplicate():
    text = "\n".join(["新型储能电池量产_东海科技网", *ARTICLE.splitlines()])
    blocks = check(text).blocks
    assert blocks[0].kind == "duplicate"
    assert blocks[1].text == "新型储能电池量产" and blocks[1].is_story


def test_a_flattened_table_does_not_make_a_listing():
    cells = [
        "公司",
        "成立时间",
        "融资轮次",
        "甲科技",
        "2001",
        "上市",
        "乙智能",
        "2015",
        "B轮",
        "丙芯片",
        "2018",
        "A轮",
        "丁机器人",
        "2020",
        "天使轮",
    ]
    text = "\n".join(["今年的融资情况如下。", *cells, "部分公司统计", "这些公司都在扩张。"])
    result = check(text)
    assert result.document.kind == "article"
    assert any(b.kind == "table_cells" for b in result.blocks)


def test_story_core_above_a_teaser_listing_keeps_the_page_an_article():
    """A short report followed by the site's teasers is an article with chrome, not a listing."""
    story = [
        "全国大学生机器人大赛决赛周末开幕",
        "本届全国大学生机器人大赛决赛将于本周六在杭州开幕，来自八十多所高校的两百余支队伍报名参赛，"
        "比赛分为搬运、巡线和协作三个项目，决赛成绩将作为明年国际赛的选拔依据，"
        "前三名队伍还将获得企业提供的实习机会和研发经费支持，赛事全程在网上直播。",
        "组委会介绍，今年首次允许队伍使用开源的视觉模型，评委将更看重机械结构和控制算法的原创性。",
    ]
    teasers = [f"第{n}届校园科技节回顾：同学们展示了各自的作品和创意..." for n in range(8)]
    result = check("\n".join([*story, "标签： 机器人 大赛 高校", *teasers]))
    assert result.document.is_article
    assert any(b.is_story for b in result.blocks)


def test_one_weak_listing_signal_alone_is_no_verdict():
    """Short lines but running text in every paragraph: an interview, not a listing."""
    lines = []
    for n in range(6):
        lines.append(f"问{n}：")
        lines.append(
            f"答：我们第{n + 1}年参加这个项目，最大的体会是团队要在早期就把测试做扎实，"
            "否则后面每一次改动都会付出更高的代价。"
        )
    result = check("\n".join(lines))
    assert result.document.is_article


def test_a_sentence_citing_two_web_addresses_is_story_not_metadata():
    text = "\n".join(
        [
            ARTICLE,
            "更多相关政策的详细解读，读者可以通过监管部门官网（https://www.example.gov.cn）"
            "或者其官方公众号以及 www.example.org 等渠道查询和获取，咨询服务全年免费提供。",
        ]
    )
    result = check(text)
    assert all(b.is_story for b in result.blocks)


AD = [
    "春季学车节活动时间：4月1日起",
    "报名即享优惠，名额有限",
    "●教练一对一教学，随到随学；",
    "●考试不过免费补训；",
    "本活动最终解释权归本驾校所有",
    "咨询热线：13800001234",
]


def test_an_advertisement_inside_an_article_is_foreign():
    story = ARTICLE.split("\n")
    result = check("\n".join([*story[:3], *AD, *story[3:]]))
    kinds = {b.text: b.kind for b in result.blocks}
    assert all(kinds[line] == "foreign" for line in AD)
    assert all(kinds[line] == "paragraph" for line in story[1:])


def test_an_advertorial_that_is_the_whole_story_stays_story():
    """Offer words all through the text: the ad IS the story, only the page verdict may judge it."""
    text = "\n".join(
        [
            "驾校春季招生优惠开启",
            "本驾校春季招生正式开始，报名学员可享受优惠价格，名额有限，欢迎咨询预约。",
            *AD,
        ]
    )
    result = check(text)
    assert not any(b.kind == "foreign" for b in result.blocks)


def test_a_sentence_broken_into_short_lines_above_the_story_is_not_a_link_list():
    """Short lines that end in punctuation are prose set line by line, not links."""
    opening = [
        "说起乡村小学，",
        "很多人想到的是，",
        "漏雨的教室？",
        "缺课的孩子？",
        "没有老师愿意留下？",
        "然而，我们看到的是，",
    ]
    result = check("\n".join([*opening, *ARTICLE.splitlines()[1:]]))
    assert all(b.is_story for b in result.blocks[: len(opening)])


def test_unpunctuated_headlines_above_the_story_are_a_link_list():
    links = ["本地新闻", "财经快讯", "体育赛事", "科技前沿", "汽车频道", "房产资讯"]
    result = check("\n".join([*links, *ARTICLE.splitlines()[1:]]))
    assert [b.kind for b in result.blocks[1:5]] == ["chrome"] * 4


def test_two_navigation_labels_close_a_short_story_before_longer_teasers():
    """Tags then a previous-story link end the story; the teasers after it are chrome."""
    story = ARTICLE.splitlines()[:3]
    teasers = [
        "城市轨道交通新线开通",
        "本周六起，城市东部的轨道交通新线开通运营，沿线设有十二座车站，"
        "早晚高峰的发车间隔为四分钟，票价与现有线路一致，换乘站设在市中心。",
        "高校联合实验室揭牌",
        "三所高校与两家企业共建的材料联合实验室昨日揭牌，将围绕电池隔膜和导热材料开展研究，"
        "首批十项课题已经立项，研究生可以在企业完成一半的课题工作。",
        "新一季农产品展销会闭幕",
        "为期五天的农产品展销会昨天闭幕，来自省内各县的三百多家合作社参展，现场签约金额超过两亿元，"
        "不少展商表示明年还会再来，主办方计划把展会移到更大的场馆。",
    ]
    nav = ["标签： 电池 量产 车企", "上一篇：新能源车销量创新高"]
    result = check("\n".join([*story, *nav, *teasers]))
    tail = [b for b in result.blocks if b.start >= len("\n".join(story))]
    assert tail and all(b.kind == "chrome" for b in tail)
    assert all(b.is_story for b in result.blocks[:3])


def test_the_headline_below_a_list_of_links_is_not_a_link():
    menu = ["首页", "本地新闻", "财经快讯", "体育赛事", "科技前沿", "汽车频道"]
    headline = "江苏电池企业新型固态电池正式量产"
    result = check("\n".join([*menu, headline, *ARTICLE.splitlines()[1:]]))
    block = next(b for b in result.blocks if b.text == headline)
    assert block.is_story
    assert any(b.kind == "chrome" for b in result.blocks[: len(menu)])


@pytest.mark.parametrize("sep", ["\r", "\r\n", "\u2028", "\u2029", "\x85"])
def test_any_line_or_paragraph_separator_breaks_paragraphs_at_raw_offsets(sep):
    text = sep.join(ARTICLE.splitlines())
    blocks = check(text).blocks
    assert [b.text for b in blocks] == ARTICLE.splitlines()
    assert all(text[b.start : b.end] == b.text for b in blocks)
    assert all(b.kind in STORY_KINDS for b in blocks)


@pytest.mark.parametrize("credits", ["记者\u3000周明", "东海晚报记者 周明 编辑 孙立 吴海涛"])
def test_a_line_of_staff_roles_and_names_is_chrome(credits):
    lines = ARTICLE.splitlines()
    result = check("\n".join([lines[0], credits, *lines[1:]]))
    block = next(b for b in result.blocks if b.text == credits)
    assert block.kind == "chrome"
    assert sum(b.is_story for b in result.blocks) == len(lines)


def test_a_role_word_inside_a_sentence_is_not_a_byline():
    lines = ARTICLE.splitlines()
    sentence = "记者 走访发现，不少车企已经开始试装新电池。"
    result = check("\n".join([*lines, sentence]))
    assert next(b for b in result.blocks if b.text == sentence).is_story


@pytest.mark.parametrize(
    "menu", ["首页|新闻|体育|娱乐|财经|科技|汽车", "首页 关于我们 本地要闻 专题报道 联系我们"]
)
@pytest.mark.parametrize("where", [0, 3, 5])
def test_a_line_of_short_labels_is_a_menu_wherever_it_stands(menu, where):
    lines = ARTICLE.splitlines()
    result = check("\n".join([*lines[:where], menu, *lines[where:]]))
    assert next(b for b in result.blocks if b.text == menu).kind == "chrome"
    assert sum(b.is_story for b in result.blocks) == len(lines)


def test_a_sentence_listing_names_with_commas_is_not_a_menu():
    lines = ARTICLE.splitlines()
    names = "出席仪式的有张伟、李娜、王强、赵敏和陈杰等五位嘉宾。"
    result = check("\n".join([*lines, names]))
    assert next(b for b in result.blocks if b.text == names).is_story


def test_a_sentence_above_the_story_printed_again_inside_it_is_a_duplicate():
    quote = "量产只是开始，成本才是真正的考验。"
    lines = ARTICLE.splitlines()
    body = lines[2].replace("。", "。" + quote, 1)
    result = check("\n".join([quote, lines[0], lines[1], body, *lines[3:]]))
    assert result.blocks[0].kind == "duplicate"
    assert sum(b.is_story for b in result.blocks) == len(lines)


def test_a_headline_whose_words_the_story_repeats_is_not_a_duplicate():
    lines = ARTICLE.splitlines()
    body = "新型储能电池量产，" + lines[1]
    result = check("\n".join([lines[0], body, *lines[2:]]))
    assert result.blocks[0].is_story


def test_rows_of_a_table_with_space_separated_cells_are_not_menus():
    lines = ARTICLE.splitlines()
    rows = [
        "公司 成立 融资 估值 地区",
        "甲科技 2001 上市 百亿 北京",
        "乙智能 2015 B轮 十亿 上海",
        "丙芯片 2018 A轮 五亿 深圳",
    ]
    result = check("\n".join([*lines[:3], "今年的融资情况如下。", *rows, *lines[3:]]))
    assert all(b.is_story for b in result.blocks)


# A story broken at its commas, one phrase a line (as some account pages print stories).
PHRASES = [
    "河湾市车联网产业联盟成立",
    "河湾市车联网产业联盟昨天在会展中心成立，",
    "首批成员共有十六家企业，",
    "联盟秘书处设在市工业和信息化局。",
    "联盟负责人表示，",
    "成员企业将共同制定车路协同的技术标准，",
    "明年在城东新区建设一条二十公里长的测试道路，",
    "供成员企业的自动驾驶车辆开展测试。",
    "业内人士认为，",
    "联盟的成立有助于本地企业抱团发展，",
    "但标准能否被外地车企采用，",
    "还需要时间检验。",
]


def test_a_story_broken_at_its_commas_still_has_a_sentence_core():
    from cleaning.pages import CORE_CHARS, features
    from cleaning.segment import segment_text

    phrased = features(segment_text("\n".join(PHRASES)))
    assert phrased.core_chars == 0  # no line is a paragraph
    assert phrased.sentence_core >= CORE_CHARS
    whole = features(segment_text("\n".join([PHRASES[0], "".join(PHRASES[1:])])))
    assert whole.sentence_core == whole.core_chars >= CORE_CHARS


def test_one_doorway_signal_does_not_outweigh_a_story_broken_into_phrases():
    """Names enough for a link farm, on a page whose sentences make a core: two doorway
    signals are needed, as on a page with a paragraph."""
    from dataclasses import replace

    from cleaning import pages
    from cleaning.segment import segment_text

    f = replace(pages.features(segment_text("\n".join(PHRASES))), distinct_names=40)
    assert not pages._agreed("doorway", f, False)
    assert pages._agreed("doorway", replace(f, sentence_core=0), False)


def test_a_list_of_names_broken_at_its_commas_is_no_sentence_core():
    from cleaning.pages import features
    from cleaning.segment import segment_text

    names = [f"{place}{trade}有限公司，" for place in ("东岭", "北湖", "南山", "西川")
             for trade in ("电子科技", "网络科技", "数据服务")]
    names[-1] = names[-1].rstrip("，") + "。"
    assert features(segment_text("\n".join(names))).sentence_core == 0


CLOSING_PHRASES = [
    "就这个联盟来说，",
    "成员和计划都有了，",
    "下一个五年结束时，",
    "它能否交出一份好答卷呢？",
]


def test_a_story_closing_in_phrases_keeps_its_last_sentence():
    """The last sentence, broken into short lines, is no list of links after the story."""
    blocks = check("\n".join([*ARTICLE.splitlines(), *CLOSING_PHRASES])).blocks
    assert all(b.is_story for b in blocks)


def test_a_phrase_said_again_later_is_no_copy():
    repeated = "成员企业将共同制定车路协同的技术标准，"
    lines = [*ARTICLE.splitlines(), *PHRASES[1:], "联盟负责人再次强调，", repeated]
    lines.append("并向全国推广。")
    blocks = check("\n".join(lines)).blocks
    copies = [b for b in blocks if b.text == repeated]
    assert len(copies) == 2 and all(b.is_story for b in copies)


# Spam stuffing of any trade, lists that overwhelm one paragraph, error pages in English and
# in HTML (issue 15: verdicts that generalise past the tuning half's sites).
TEMPLATE = [
    "本公司成立于二零零八年，是一家专业从事包装材料研发、生产和销售的企业，产品远销海内外。",
    "公司拥有现代化的生产车间和完善的检测设备，坚持以质量求生存，以信誉求发展。",
    "多年来公司始终把客户的需求放在第一位，建立了覆盖全国的销售和服务网络。",
    "我们真诚欢迎各界朋友前来参观考察，洽谈业务，共同创造美好的明天。",
]
PHARMA = ("伟哥", "壮阳药", "印度神油", "延时喷剂", "减肥药")


def _stuffed(paragraph: str, k: int) -> str:
    sentences = [s + "。" for s in paragraph.split("。") if s]
    return "".join(PHARMA[(k + n) % len(PHARMA)] + s for n, s in enumerate(sentences))


def test_pharmacy_words_stuffed_into_sentences_and_listed_make_a_doorway():
    lines = ["伟哥_印度神油_延时喷剂官网"]
    for k, para in enumerate(TEMPLATE):
        lines += [_stuffed(para, k), " | ".join(PHARMA[k:] + PHARMA[:k])]
    result = check("\n".join(lines))
    assert result.document.kind == "doorway"
    assert not any(b.is_story for b in result.blocks)


def test_anchor_lines_of_a_loan_site_without_a_story_make_a_doorway():
    lines = ["无抵押贷款官网", "急用钱？秒批到账，快来申请吧。"]
    words = ("无抵押贷款", "网贷口子", "信用卡套现")
    lines += [f"{w}{tail}" for w in words for tail in ("官网", "登录入口")]
    assert check("\n".join(lines)).document.kind == "doorway"


def test_a_report_on_a_crackdown_naming_spam_words_stays_an_article():
    story = "\n".join(
        [
            "警方打掉一个销售假冒伟哥的团伙",
            "记者从市公安局获悉，警方近日打掉一个通过网络销售假冒伟哥、壮阳药和减肥药的犯罪团伙，抓获犯罪嫌疑人七名。",
            "经查，该团伙在多个网站发布印度神油、延时喷剂等广告，诱导消费者购买，涉案金额超过三百万元。",
            "民警提醒，市民应通过正规渠道购买药品，发现非法广告可向有关部门举报。",
        ]
    )
    result = check(story)
    assert result.document.is_article
    assert any(b.is_story for b in result.blocks)


LONG_STORY = [
    "本月初，一家位于江苏的电池企业宣布其新型固态电池正式进入量产阶段。首批产品将供应给国内两家车企。"
    "公司技术负责人介绍，新电池的能量密度比上一代提高了三成，充电时间缩短了一半。"
    "他表示，低温环境下的续航衰减问题也有了明显改善，冬季用户将不再为电量焦虑。",
    "业内人士认为，固态电池的量产意味着产业链上游的材料企业将迎来新的订单。但成本仍是需要解决的问题。"
    "据了解，这家企业计划在明年把产能扩大到现在的三倍，并在海外设立第一座工厂。",
    "分析师指出，随着更多企业加入竞争，固态电池的价格有望在三年内下降一半。"
    "届时新能源汽车的续航和安全性都将得到明显提升，消费者也会因此受益。",
]


def test_spam_glued_into_every_sentence_of_an_unrelated_text_under_a_spam_title_is_a_doorway():
    """The title's spam words are all the title says and the body tells none of it: the body
    is borrowed text, and the spam glued through it agrees (two groups, story core or not)."""
    lines = ["伟哥_印度神油_延时喷剂官网", *(_stuffed(p, k) for k, p in enumerate(LONG_STORY))]
    result = check("\n".join(lines))
    assert result.document.kind == "doorway"
    assert "the title is made of spam keywords the text does not otherwise speak of" in (
        result.document.reasons
    )


def test_a_story_with_one_sentence_glued_under_a_spam_title_stays_an_article():
    """An injected title and one glued keyword leave the story to the block verdicts."""
    first, *rest = LONG_STORY
    lines = ["伟哥_印度神油_延时喷剂官网", "延时喷剂" + first, *rest]
    result = check("\n".join(lines))
    assert result.document.is_article
    assert any(b.is_story for b in result.blocks)


CASINO_STORY = [
    "澳门赌场博彩收入连续三个月下滑",
    "澳门博彩监察协调局公布的数据显示，上月当地赌场的博彩收入比去年同期下降了一成。",
    "分析人士认为，收入下滑与访澳旅客减少有关，澳门各大赌场正在把更多资源投向会展和演出。",
    "多家赌场运营商表示，将在今年下半年推出新的酒店和餐饮项目，以吸引家庭游客前来澳门。",
    "业内预计，澳门的博彩收入要到明年才能恢复到往年的水平，赌场的非博彩业务会继续增长。",
]


def test_a_story_about_casinos_under_a_title_of_their_words_stays_an_article():
    """The headline names what the body tells (Macau, revenue, decline): not a borrowed text."""
    from cleaning.pages import spam_title, unrelated_title

    assert spam_title(CASINO_STORY[0])
    assert not unrelated_title(CASINO_STORY[0], CASINO_STORY[1:])
    assert check("\n".join(CASINO_STORY)).document.is_article


def test_a_title_of_keywords_glued_through_the_body_speaks_of_nothing_it_tells():
    """The title's keywords are set aside where the body repeats them glued in, even when
    the lexicon knows only part of each ("网上赌场", "开户送彩金")."""
    from cleaning.pages import unrelated_title

    title = "网上赌场_开户送彩金【官方网站】"
    body = [
        "网上赌场本月初，一家位于江苏的电池企业宣布其新型固态电池正式进入量产阶段。",
        "开户送彩金公司技术负责人介绍，新电池的能量密度比上一代提高了三成。",
    ]
    assert unrelated_title(title, body)
    assert not unrelated_title("固态电池量产_网上赌场", body)


def test_gambling_words_glued_into_an_html_page_under_a_spam_title_make_a_doorway():
    words = ("百家乐", "真人娱乐", "时时彩", "娱乐城")
    paras = [
        "".join(f"{words[(k + n) % len(words)]}{s}。" for n, s in enumerate(p.split("。")) if s)
        for k, p in enumerate(LONG_STORY)
    ]
    body = "".join(f"<p>{p}</p>" for p in paras)
    page = f"<html><head><title>百家乐_时时彩_真人娱乐官网</title></head><body>{body}</body></html>"
    assert check(page, "html").document.kind == "doorway"


def test_spam_words_are_whole_words_in_english():
    from cleaning.pages import spam_words

    assert spam_words("a specialist in escort duty") == []
    assert spam_words("buy Viagra and cialis, payday loans") == ["viagra", "cialis", "payday loans"]


SUBJECTS = [
    "人工智能", "芯片", "手机", "云计算", "机器人", "新能源", "无人机", "量子计算",
    "操作系统", "数据库", "网络安全", "开源软件", "卫星", "电池", "光伏",
]
INTRO = (
    "本栏目汇集了本站历年来发布的科技类文章，内容涵盖前沿技术、产业动态、企业新闻和产品评测等多个方面，"
    "读者可以按照下面的分类浏览感兴趣的内容，也可以通过页面顶部的搜索框查找具体的文章，"
    "我们会持续更新各个分类下的内容，欢迎读者提出宝贵意见。"
    "如果您发现文章中有错误或者过时的信息，也请通过页面底部的联系方式告诉我们，我们会及时核实并更正。"
)


def test_subject_counts_under_one_introduction_are_a_listing():
    lines = ["全部分类", INTRO, *(f"{s} ({n * 7 + 3})" for n, s in enumerate(SUBJECTS))]
    result = check("\n".join(lines))
    assert result.document.kind == "listing"


def test_a_story_above_an_archive_of_counts_stays_an_article():
    archive = [f"2023年{m}月 ({m + 2})" for m in range(1, 13)]
    archive += ["2022年12月 (4)", "2022年11月 (6)"]
    result = check("\n".join([*ARTICLE.split("\n"), "文章归档", *archive]))
    assert result.document.is_article
    assert any(b.is_story for b in result.blocks)


def test_an_html_list_of_tags_under_a_heading_is_a_listing():
    items = "".join(
        f'<li><a href="/tag/{n}">{s}</a> ({n + 3})</li>' for n, s in enumerate(SUBJECTS)
    )
    body = f"<h1>全部标签</h1><ul>{items}</ul>"
    page = f"<html><head><title>标签</title></head><body>{body}</body></html>"
    assert check(page, "html").document.kind == "listing"


def test_an_english_error_page_is_an_error_page():
    page = "\n".join(
        [
            "Home | News | Business | Contact",
            "404 - Page not found",
            "Sorry, the page you are looking for does not exist or has been moved.",
            "Please check the address or return to the homepage.",
        ]
    )
    assert check(page).document.kind == "error"


def test_an_html_server_error_page_is_an_error_page():
    page = (
        "<html><head><title>出错了</title></head><body><div class='error'>"
        "<p>出错了！</p><p>服务器繁忙，请稍后再试。</p><p>错误代码：502</p><p>返回首页</p>"
        "</div></body></html>"
    )
    assert check(page, "html").document.kind == "error"


def test_a_few_spam_lines_injected_into_a_story_leave_it_an_article():
    """Keyword lines make a doorway only as a share of the page: three under a story are
    contamination for the block verdicts."""
    spam = ["百家乐真人娱乐官网", "时时彩登录入口", "百家乐app下载"]
    lines = ["固态电池量产", *LONG_STORY, *ARTICLE.split("\n")[1:], *spam]
    result = check("\n".join(lines))
    assert result.document.is_article
    assert any(b.is_story for b in result.blocks)


SPAM_SAMPLES = (
    *("伟哥", "威而钢", "犀利士", "必利劲", "壮阳", "印度神油", "延时喷剂"),
    *("延时药", "延时湿巾", "春药", "催情", "迷药", "性药", "减肥药", "代孕"),
    *("治疗阳痿", "早泄", "无抵押贷款", "黑户贷款", "黑户口子", "黑户秒下"),
    *("网贷口子", "贷款口子", "下款", "秒批", "秒到账", "信用卡套现", "快速借款"),
    *("急用钱", "成人影院", "成人网站", "成人视频", "成人电影", "成人直播"),
    *("福利视频", "福利影院", "福利姬", "色情", "黄色网站", "黄色视频", "AV在线"),
    *("av女优", "Av在线", "一夜情", "约炮", "裸聊", "援交", "快速排名"),
    *("刷排名", "SEO优化", "Seo优化", "网站优化", "蜘蛛池", "外链代发"),
    *("外链出售", "百度快照", "站群", "黑帽SEO", "关键词排名", "Viagra"),
    *("CIALIS", "levitra", "PAYDAY LOANS", "cash loan"),
    *("Online Casino", "sports betting", "Pornography"),
    *("escort services", "Buy Cheap Pills", "buy pills"),
    *("SEO Services", "backlinks"),
)


def test_every_spam_branch_passes_the_pre_check():
    """maybe_spam is a necessary condition of SPAM: never a false "no"."""
    from cleaning.lexicon import SPAM, maybe_spam

    for sample in SPAM_SAMPLES:
        assert SPAM.fullmatch(sample), sample
        assert maybe_spam(f"前文{sample}后文") and maybe_spam(f"x {sample} y"), sample
    assert not maybe_spam("本月初，一家电池企业宣布其新型固态电池正式进入量产阶段，优化了工艺。")




# --- error pages in site chrome, short posts beside long lists ----------------------------

NAV_LINES = ["首页", "新闻", "财经", "科技", "体育", "娱乐", "汽车", "房产", "视频", "论坛"]
FOOTER_LINES = [
    "关于我们 | 联系我们 | 广告服务 | 网站地图",
    "Copyright © 2010-2024 本站 版权所有",
    "沪ICP备12345678号",
]


@pytest.mark.parametrize(
    "message",
    [
        ["页面未找到", "对不起，您要查看的页面已经删除或者不存在。", "请检查网址。", "返回首页"],
        ["用户登录", "用户名：", "密码：", "验证码：", "忘记密码？", "还没有账号？立即注册"],
    ],
    ids=["404", "login"],
)
def test_an_error_or_login_page_inside_site_chrome_is_an_error_page(message):
    # The menu and the footer are short lines without sentences, as a listing's are: the
    # error's words name the page.
    page = "\n".join([*NAV_LINES, *message, *FOOTER_LINES])
    assert check(page).document.kind == "error"


def test_an_error_page_offering_dated_entries_is_still_a_listing_of_them():
    entries = [f"第{n}期行业观察：新品发布与市场变化  2024-05-{n + 10:02d}" for n in range(12)]
    page = "\n".join(["页面未找到", "您访问的页面不存在或已被删除。", *entries])
    assert check(page).document.kind == "listing"


SHORT_POST = [
    "海边小城试行夜间公交 末班车延后到零点",
    "记者从市交通局获悉，海边小城从下月起试行夜间公交，三条线路的末班车将延后到零点，方便夜班职工回家。",
]
ARCHIVE = [f"{2024 - m // 12}年{12 - m % 12:02d}月 ({m * 3 % 40 + 2})" for m in range(20)]
RELATED = [f"第{n}届城市论坛开幕 讨论老城区更新  2023-0{n % 9 + 1}-1{n % 10}" for n in range(16)]


@pytest.mark.parametrize("listed", [ARCHIVE, RELATED], ids=["archive", "related"])
@pytest.mark.parametrize("where", ["after", "before"])
def test_a_one_paragraph_post_beside_a_long_list_stays_an_article(listed, where):
    # Its paragraph tells what its headline says: a post, whose list is the page's chrome.
    side = ["往期回顾", *listed]
    lines = [*SHORT_POST, *side] if where == "after" else [*side, *SHORT_POST]
    result = check("\n".join(lines))
    assert result.document.is_article
    assert any(b.is_story for b in result.blocks)


def test_a_long_heading_unrelated_to_the_introduction_leaves_the_listing():
    # A heading as long as a headline that the paragraph below does not tell is no headline.
    lines = ["二〇二四年度精选栏目与热门话题汇总", INTRO, *ARCHIVE]
    assert check("\n".join(lines)).document.kind == "listing"


# --- spun pages: sentences of several stories shuffled together -------------------------

SALAD = "\n".join(
    [
        "多地迎来降温天气 市民添衣出行",
        "气象台发布寒潮预警，北方大部气温将下降八到十度。球队主帅赛后表示：“我们在下半场丢掉了"
        "节奏。博物馆新展厅本周末起免费向公众开放，预约人数已经超过两万。",
        "麦农们抓住晴好天气抢收小麦，收割机在田间来回穿梭。电池工厂的第二条产线下月投产，"
        "年产能将达到二十万组。暴雪可能导致部分高速公路临时封闭，请司机提前规划路线。",
        "今年小麦亩产比去年提高了约一成，收购价格保持稳定。工厂负责人说，新产线采用了更高效的"
        "涂布工艺）。机场提醒旅客关注航班动态，部分航班可能延误或取消。",
        "球员们在更衣室里观看了比赛录像，逐个分析失球的原因。门票收入将全部用于文物修复和青少年"
        "教育项目。”气温回升要等到下周中期，届时大部地区将转为晴好天气。",
    ]
)


def test_sentences_of_several_stories_with_quotes_cut_open_are_a_spun_page():
    # Quotes and brackets opened in one paragraph and closed in another, and no two adjacent
    # sentences sharing a word: sentences taken out of several stories.
    result = check(SALAD)
    assert result.document.kind == "spun"
    assert not any(b.is_story for b in result.blocks)


BROKEN = "\n".join(
    [
        "老城区雨污分流改造完成",
        "经过一年施工，老城区的雨污分流改造工程本月全部完工，二十多条街巷的雨水管网和污水管网得到更新。住在巷口的居民说：“过去一下大雨，巷子里的积水能没过脚踝。",
        "雨污分流改造之后，巷子里的积水问题基本解决了。”施工单位介绍，这次改造新铺设雨水管网约十二公里，污水管网约九公里。",
        "改造后的雨水管网和污水管网将接入城区的智能监测平台，管网运行数据可以实时传回。管网出现堵塞，监测平台能够及时报警。",
        "市政部门表示，明年还将对另外三个片区的老旧管网进行雨污分流改造，预计惠及居民一万多户。老旧管网改造的资金已经列入预算。",
    ]
)


def test_a_story_whose_quote_runs_over_a_paragraph_break_stays_an_article():
    # Two paragraphs hold a quote cut open, but the sentences link to their neighbours.
    assert check(BROKEN).document.is_article


ROUNDUP = "\n".join(
    [
        "今日简讯",
        "气象台发布寒潮预警，北方大部气温将下降八到十度，请市民及时添衣。",
        "博物馆新展厅本周末起免费向公众开放，预约人数已经超过两万。",
        "麦农们抓住晴好天气抢收小麦，收割机在田间来回穿梭。",
        "电池工厂的第二条产线下月投产，年产能将达到二十万组。",
        "机场提醒旅客关注航班动态，部分航班可能延误或取消。",
        "球员们在更衣室里观看了比赛录像，逐个分析失球的原因。",
        "图书馆延长了周末的开放时间，晚上十点才闭馆。",
        "动物园的大熊猫幼仔满百天，园方为它征集名字。",
        "地铁新线路完成空载试运行，预计年底开通。",
    ]
)


def test_a_roundup_of_unrelated_items_stays_an_article():
    # No two adjacent sentences share a word, but nothing is cut out of its sentence.
    assert check(ROUNDUP).document.is_article


def test_a_quote_over_several_one_sentence_lines_is_not_cut_open():
    from cleaning.pages import cut_open

    lines = [
        "站长说：“今年的候鸟比往年来得早。",
        "湖边的芦苇长得好，鸟儿有地方落脚。”",
        "“我们每天巡湖两次。",
        "看到受伤的鸟就送去救护站。”他补充道。",
    ]
    # One sentence a line: the quote goes on over the next line, as the layout broke it.
    assert cut_open(lines) == set()
    # Two sentences in a paragraph, and the quote closes before it opens.
    assert cut_open(["湖边的芦苇长得好。鸟儿有地方落脚。”工作人员说。"]) != set()


def test_gambling_words_in_a_flattened_table_count_for_the_page():
    """A casino's bonus table sells as the page around it does: its cells holding gambling
    words count as blocks of the page's lexicon, whatever the block verdicts made of them."""
    from cleaning.pages import features
    from cleaning.segment import segment_text

    lines = ["新会员首存活动说明", "注册后联系客服即可申请，每人限一次。"]
    cells = ["百家乐 返水 1%", "老虎机 返水 2%", "捕鱼 返水 1%"]
    plain = features(segment_text("\n".join(lines)))
    tabled = features(segment_text("\n".join(lines)), cells=cells)
    assert plain.gambling_blocks == 0
    assert tabled.gambling_blocks == 3
    assert tabled.gambling_rate > 0


# A story of the game industry that discusses card games and gambling in its own words, and
# three lines of casino keywords pasted between its paragraphs (written for these tests).
GAME_STORY = [
    "手游公司收购海外棋牌工作室遇阻",
    "本周一晚间，远帆互动娱乐科技公司公告称，收购一家海外棋牌游戏工作室的方案作出调整，"
    "交易对价不变，但支付方式全部改为发行股份。",
    "参与此次收购的财团成员包括青禾投资管理公司、北岸资本集团、南湖创业投资中心和东川控股集团，"
    "其中两家已经提前退出。",
    "据公告，退出的晨星并购基金和白塔实业集团把所持份额转让给了远帆互动娱乐科技公司"
    "实际控制人旗下的云杉咨询公司。",
    "分析人士指出，近年来国内对棋牌类游戏的监管不断收紧，多家媒体曾点名一些涉嫌赌博的棋牌应用，"
    "相关公司纷纷调整业务。",
    "标的工作室的主要产品是几款以扑克玩法为基础的棋牌游戏，用户大多在北美和欧洲，"
    "公司表示其业务严格遵守当地关于赌博的法律。",
    "不过，这家工作室的收入有八成来自棋牌游戏，国内监管部门是否认可海外棋牌资产，"
    "仍是交易最大的不确定因素。",
    "此前，海峰网络技术公司、林语软件开发公司、橙光数字娱乐集团和石桥信息科技公司"
    "也曾尝试收购海外棋牌团队，最终均未完成。",
    "另有知情人士透露，金穗文化传媒公司和蓝鲸数据服务中心正在评估是否参与下一轮融资，"
    "明川证券公司担任此次交易的财务顾问。",
    "远帆互动娱乐科技公司前三季度营业收入同比增长四成，但净利润有所下滑，"
    "公司称将继续推进重组，并于下周一复牌。",
]
CASINO_KEYWORD_LINES = [
    "星耀体育app下载手机版，星耀平台登录入口",
    "华体会官网|华体会注册入口|华体会最新版下载",
    "开云体育官网 开云app下载",
]


def test_a_game_industry_story_with_casino_keyword_lines_pasted_in_keeps_its_story():
    """The story's 棋牌 and 赌博 are its subject: casino brands named only in a few pasted
    keyword lines make no page of gambling of it (pages.brand_sells). The pasted lines are
    flagged, every line of the story is kept whole."""
    lines = [*GAME_STORY[:4], *CASINO_KEYWORD_LINES[:2], *GAME_STORY[4:8]]
    lines += [CASINO_KEYWORD_LINES[2], *GAME_STORY[8:]]
    text = "\n".join(lines)
    result = check(text)
    assert result.document.is_article
    kept = {text[b.start : b.end] for b in result.blocks if b.is_story}
    assert kept == set(GAME_STORY)
    flagged = {text[b.start : b.end] for b in result.blocks if not b.is_story}
    assert flagged == set(CASINO_KEYWORD_LINES)


def test_a_brand_sells_in_the_page_s_own_text_or_on_a_page_of_keyword_lines():
    from cleaning.pages import brand_sells

    story = [*GAME_STORY, *CASINO_KEYWORD_LINES]
    assert not brand_sells(story)
    # A brand's search phrases whose site words the lexicon does not know are no sentence.
    assert not brand_sells([*story, "九游网页版，九游客户端下载"])
    # A brand in a sentence of the page sells its ordinary words too.
    assert brand_sells([*story, "华体会提醒您，棋牌游戏注册即送彩金，百家乐天天返水。"])
    # Keyword lines that make up the page (KEYWORD_SHARE of its lines) are its business.
    assert brand_sells([*GAME_STORY[:3], *CASINO_KEYWORD_LINES])
    # No brand at all: the lottery and card-game words are a story's.
    assert not brand_sells(GAME_STORY)


def test_casino_keywords_glued_onto_an_unrelated_company_description_make_a_doorway():
    """A doorway's template text: a company description with casino brands glued into its
    sentences and a keyword title, two keyword lines beside it. The brands stand in the
    page's own sentences, so its ordinary gambling words sell too."""
    lines = [
        "星耀娱乐官网_真人百家乐_棋牌游戏平台",
        "星耀娱乐青松机械制造有限公司成立于二〇〇八年，百家乐主要生产各类液压设备和配件，"
        "产品远销东南亚。公司坚持质量第一、客户至上的原则，华体会为广大客户提供优质服务。",
        "棋牌游戏公司拥有现代化厂房两万平方米，开云体育官网员工三百余人，其中技术人员八十名。"
        "真人百家乐多年来，公司先后获得多项国家专利，星耀娱乐产品通过了质量体系认证。",
        "欢迎新老客户来电咨询，百家乐我们将竭诚为您服务。华体会公司地址位于工业园区创业路八号。",
        "星耀娱乐官网 星耀娱乐app下载",
        "华体会官网|华体会注册入口",
    ]
    result = check("\n".join(lines))
    assert result.document.kind == "doorway"
    assert not any(b.is_story for b in result.blocks)
