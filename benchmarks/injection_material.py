"""Foreign material of shapes other than a news paragraph, for ``eval_injection.py``.

Issue 15: the labelled foreign spans are not only pasted news paragraphs: ads with prices
and contacts, encyclopedia entries, keyword lines a spam page stuffs in, novel ads, items
under a title of their own. Every text here was written for this benchmark (no shared
document is quoted) and is put together from parts at random, so a rule cannot learn one
sentence: each generator takes a ``random.Random`` and returns the lines to paste.
"""

from __future__ import annotations

import random

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高"
_CITIES = ("石家庄", "郑州", "合肥", "南昌", "济南", "太原", "长沙", "昆明", "兰州", "福州")
_ROADS = ("人民路", "建设大街", "中山路", "解放路", "和平西路", "新华路", "光明大道", "迎宾路")

# Ads: (business, goods or course, gift) triples; the wording around them is shared.
_BUSINESSES = (
    ("驾校", "C1手动挡班", "科目二模拟课"),
    ("英语培训中心", "暑期口语班", "外教试听课"),
    ("少儿编程学校", "图形化编程课", "积木套装"),
    ("装修公司", "全包装修套餐", "全屋甲醛检测"),
    ("体检中心", "中老年体检套餐", "骨密度检测"),
    ("健身会所", "年卡", "私教体验课"),
    ("家政公司", "月嫂服务", "上门保洁"),
    ("婚纱摄影", "婚纱照套系", "相册一本"),
    ("钢琴教室", "一对一钢琴课", "乐理课"),
    ("眼镜店", "防蓝光镜片", "清洗护理"),
)
_BRAND_HEADS = ("东方", "金桥", "阳光", "华美", "新世纪", "瑞丰", "启航", "万家", "博雅", "鸿运")
_AD_HEADS = (
    "【{brand}{biz}】{goods}火热报名中",
    "{brand}{biz}限时特惠",
    "{brand}{biz}周年庆大酬宾",
    "{goods}开春特价，名额有限",
    "广告",
)
_AD_OFFERS = (
    "{goods}原价{high}元，活动期间仅需{low}元。",
    "前{n}名报名者免费赠送{gift}。",
    "{goods}每人立减{cut}元，两人同行再享九折。",
    "活动时间：{month}月{day}日至{month2}月{day}日。",
    "●{goods}学费一次交清，绝不额外收费；",
    "●签约即送{gift}，不满意全额退款；",
    "凡在本店消费满{high}元，即可参加抽奖，百分百中奖。",
    "现在预约{goods}，可享受分期付款，首付仅{cut}元。",
)
_AD_CONTACTS = (
    "咨询热线：0{area}-{landline}",
    "联系人：{surname}老师 1{mobile}",
    "地址：{city}{road}{num}号（{brand}大厦{floor}楼）",
    "报名请联系{surname}经理：1{mobile}",
    "微信同号：1{mobile}",
    "本活动最终解释权归{brand}{biz}所有。",
)
# One-paragraph ads, the whole offer in a sentence or two.
_AD_PARAGRAPHS = (
    "{brand}{biz}推出{goods}，现价{low}元起，报名即送{gift}，详情请致电1{mobile}。",
    "想要{goods}？来{brand}{biz}！地址：{city}{road}{num}号，电话0{area}-{landline}，"
    "本月特价{low}元，欲购从速。",
    "（广告）{brand}{biz}{goods}全城最低价，原价{high}元，现只要{low}元，名额仅剩{n}个，"
    "咨询电话1{mobile}。",
)


def _ad_slots(rng: random.Random) -> dict[str, str]:
    biz, goods, gift = rng.choice(_BUSINESSES)
    high = rng.choice((1280, 1980, 2680, 3980, 5800, 699))
    month = rng.randint(1, 11)
    return {
        "biz": biz,
        "goods": goods,
        "gift": gift,
        "brand": rng.choice(_BRAND_HEADS),
        "high": str(high),
        "low": str(high // 2 - rng.randint(1, 9) * 10),
        "cut": str(rng.choice((100, 200, 300, 500))),
        "n": str(rng.choice((10, 20, 30, 50, 100))),
        "month": str(month),
        "month2": str(month + 1),
        "day": str(rng.randint(1, 28)),
        "area": str(rng.randint(10, 999)),
        "landline": "".join(str(rng.randint(0, 9)) for _ in range(8)),
        "mobile": str(rng.randint(3, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(9)),
        "surname": rng.choice(_SURNAMES),
        "city": rng.choice(_CITIES),
        "road": rng.choice(_ROADS),
        "num": str(rng.randint(1, 399)),
        "floor": str(rng.randint(2, 30)),
    }


def advert(rng: random.Random) -> list[str]:
    """An ad: a heading, offer lines and contact lines, or a single paragraph."""
    slots = _ad_slots(rng)
    if rng.random() < 0.3:
        return [rng.choice(_AD_PARAGRAPHS).format(**slots)]
    lines = []
    if rng.random() < 0.7:
        lines.append(rng.choice(_AD_HEADS).format(**slots))
    lines += [t.format(**slots) for t in rng.sample(_AD_OFFERS, rng.randint(1, 4))]
    lines += [t.format(**slots) for t in rng.sample(_AD_CONTACTS, rng.randint(1, 3))]
    return lines


# Encyclopedia entries: (term, foreign name, category, definition, more).
_ENTRIES = (
    ("银杏", "Ginkgo biloba", "植物",
     "银杏是银杏科银杏属的落叶乔木，为中生代孑遗植物，被称为植物界的活化石",
     "银杏树形高大，叶呈扇形，秋季变黄，种子俗称白果，可入药，也可食用"),
    ("光合作用", "Photosynthesis", "生物学术语",
     "光合作用是指绿色植物利用光能，把二氧化碳和水转化成储存能量的有机物并释放氧气的过程",
     "光合作用主要在叶绿体中进行，分为光反应和暗反应两个阶段"),
    ("京剧", "Peking Opera", "戏曲剧种",
     "京剧又称平剧、京戏，是中国影响最大的戏曲剧种之一，分布地以北京为中心",
     "京剧的角色分为生、旦、净、丑四大行当，唱腔以西皮和二黄为主"),
    ("二十四节气", "Solar Terms", "历法",
     "二十四节气是古代用来指导农事的历法补充，根据太阳在黄道上的位置划分",
     "每个节气约相隔十五天，立春为首，大寒为末"),
    ("大熊猫", "Giant Panda", "哺乳动物",
     "大熊猫属于食肉目熊科，是中国特有物种，体色为黑白两色，主要以竹子为食",
     "野生大熊猫主要栖息在四川、陕西和甘肃的山区，寿命一般为十八至二十年"),
    ("太阳黑子", "Sunspot", "天文现象",
     "太阳黑子是指太阳光球层上温度较低而显得较暗的区域，是太阳活动的基本标志",
     "黑子的数量大约以十一年为周期增减，天文学上称为太阳活动周"),
    ("活字印刷术", "Movable Type", "发明",
     "活字印刷术是一种古代印刷方法，由北宋毕昇发明，先制成单字的阳文反文字模",
     "与雕版印刷相比，活字可以反复使用，大大节省了时间和材料"),
    ("维生素C", "Vitamin C", "营养素",
     "维生素C又称抗坏血酸，是一种水溶性维生素，人体自身不能合成，需要从食物中摄取",
     "新鲜蔬菜和水果中维生素C含量丰富，缺乏时可引起坏血病"),
    ("丝绸之路", "Silk Road", "古代商路",
     "丝绸之路简称丝路，一般指起始于古代长安，连接亚洲、非洲和欧洲的陆上商业通道",
     "这一名称由德国地理学家李希霍芬在十九世纪首先提出"),
    ("珠穆朗玛峰", "Mount Everest", "山峰",
     "珠穆朗玛峰简称珠峰，是喜马拉雅山脉的主峰，也是世界海拔最高的山峰",
     "珠峰位于中国与尼泊尔边界上，峰顶终年积雪，气候极为恶劣"),
    ("楷书", "Regular Script", "书体",
     "楷书也叫正楷、真书，是汉字书法中常用的一种字体，由隶书逐渐演变而来",
     "楷书形体方正，笔画平直，可作楷模，故名楷书"),
    ("潮汐", "Tide", "自然现象",
     "潮汐是指海水在天体引潮力作用下产生的周期性涨落运动",
     "古人把白天的海水涨落称为潮，把晚上的称为汐"),
)
_ENTRY_OPENINGS = ("{term}（{en}）", "{term}", "{term}，")


def entry(rng: random.Random) -> list[str]:
    """An encyclopedia entry: its term as a heading or an info box, then the definition."""
    term, en, category, definition, more = rng.choice(_ENTRIES)
    lines = []
    shape = rng.randrange(3)
    if shape == 0:
        lines.append(term)
    elif shape == 1:
        lines += [f"中文名：{term}", f"外文名：{en}", f"类别：{category}"]
    opening = rng.choice(_ENTRY_OPENINGS).format(term=term, en=en)
    first = definition.replace(term, opening, 1) if definition.startswith(term) else definition
    if rng.random() < 0.5:
        lines.append(f"{first}。{more}。")
    else:
        lines += [f"{first}。", f"{more}。"]
    return lines


# Keyword lines a spam page stuffs into a story: a brand with download/site words, or a
# phrase with the questions people search for.
_SPAM_BRANDS = ("ope", "bob", "kx", "ky", "hth", "乐鱼", "九游", "米乐", "华体会", "开元")
_SPAM_SUFFIXES = (
    "官网", "app下载", "手机版", "官方网站", "平台登录", "最新版下载", "网页版", "注册入口",
    "体育app下载手机版", "客户端下载",
)
_SEARCH_WORDS = ("二手挖掘机", "不锈钢水箱", "钢结构厂房", "无纺布", "玻璃钢储罐", "激光切割机",
                 "中央空调", "液压升降机")
_SEARCH_SUFFIXES = ("哪家好", "多少钱", "价格", "厂家", "批发", "生产厂家", "报价", "图片")


def spam(rng: random.Random) -> list[str]:
    """One to three keyword-stuffed lines."""
    lines = []
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.5:
            brand = rng.choice(_SPAM_BRANDS)
            words = [brand + s for s in rng.sample(_SPAM_SUFFIXES, rng.randint(1, 4))]
        else:
            word = rng.choice(_SEARCH_WORDS)
            words = [word + s for s in rng.sample(_SEARCH_SUFFIXES, rng.randint(2, 5))]
        lines.append(rng.choice((" ", "_", "|", "，")).join(words))
    return lines


# Novel ads: a title put together from parts, its blurb, reading prompts, more titles.
_NOVEL_A = ("重生", "都市", "绝世", "龙王", "神医", "战神", "逆天", "万古", "至尊", "修罗")
_NOVEL_B = ("狂婿", "归来", "仙尊", "毒妃", "剑帝", "赘婿", "医圣", "邪王", "天骄", "兵王")
_GENRES = ("都市言情", "玄幻", "仙侠", "穿越", "历史架空", "都市异能")
_NOVEL_LINES = (
    "《{title}》是作者{author}创作的{genre}小说，主角{hero}{plot}。",
    "《{title}》最新章节免费阅读，无弹窗全文在线阅读。",
    "{title}全文阅读_{title}txt下载_{author}最新作品",
    "推荐小说：《{other1}》《{other2}》《{other3}》",
    "小说《{title}》精彩节选：{hero}冷冷一笑，转身离开了大厅。",
    "点击阅读《{title}》第{n}章，精彩内容抢先看。",
)
_PLOTS = (
    "被家族逐出后隐忍三年，一朝觉醒，从此无人敢欺",
    "穿越到古代成为落魄王妃，凭借医术步步翻身",
    "意外获得上古传承，一路逆袭登顶",
    "退伍归来，只为守护心爱之人",
)


def _novel_title(rng: random.Random) -> str:
    return rng.choice(_NOVEL_A) + rng.choice(_NOVEL_B)


def novel(rng: random.Random) -> list[str]:
    """A novel ad: one to three lines of blurb, reading prompts and titles."""
    slots = {
        "title": _novel_title(rng),
        "author": rng.choice("墨夜风月青") + rng.choice(("小白", "三少", "无痕", "倾城")),
        "genre": rng.choice(_GENRES),
        "hero": rng.choice(_SURNAMES) + rng.choice(("天", "辰", "凡", "峰", "瑶", "雪")),
        "plot": rng.choice(_PLOTS),
        "other1": _novel_title(rng),
        "other2": _novel_title(rng),
        "other3": _novel_title(rng),
        "n": str(rng.randint(1, 999)),
    }
    return [t.format(**slots) for t in rng.sample(_NOVEL_LINES, rng.randint(1, 3))]


GENERATORS = {"advert": advert, "entry": entry, "spam": spam, "novel": novel}
