"""Reject discovered candidates that are not names worth an editor's time.

The model proposes spans; most errors an editor would find silly are generic
words of the beat (``大模型``, ``AI``), numbers, single characters, or common
dictionary words the model tagged with low confidence.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba

__all__ = ["COMMON_WORDS", "is_junk"]

COMMON_WORDS: frozenset[str] = frozenset(
    {
        "ai", "aigc", "api", "gpu", "cpu", "npu", "tpu", "ceo", "cto", "coo", "cfo", "ipo",
        "pc", "cad", "cae", "pcie", "tob", "to b", "toc", "saas", "app", "llm", "gpt", "ip",
        "btc", "eth", "nft", "web3", "ar", "vr", "xr", "5g", "iot", "it", "ui", "ok",
        "大模型", "人工智能", "生成式ai", "互联网", "科技", "公司", "企业", "行业", "市场",
        "政府", "国家", "国内", "国外", "海外", "全球", "世界", "中央", "地方", "集团",
        "资本", "投资人", "创始人", "联合创始人", "总裁", "董事", "高管", "团队", "用户",
        "平台", "云厂商", "大厂", "巨头", "独角兽", "芯片", "算力", "模型", "数据",
        "应激反应", "飞轮", "赛道", "场景", "监管", "有关部门", "相关部门", "学术界",
        "产业界", "业界", "研究院", "实验室", "大学", "高校", "交易所", "硅谷大佬",
        "西方", "东方", "南方", "北方", "中外", "中美", "亚太", "欧美", "国产", "本土",
    }
)
# "AI公司", "研发团队": a generic word plus a generic head is a description, not a name.
_GENERIC_HEADS = (
    "公司", "企业", "团队", "机构", "部门", "厂商", "集团", "平台", "行业", "领域", "市场",
    "大厂", "巨头", "实验室", "研究院", "基金", "模型", "大模型", "芯片", "赛道", "项目",
)
_LEADING_LATIN = re.compile(r"[A-Za-z0-9]+")
_NOT_A_NAME = re.compile(r"^[\W\d_]+$|^[\d.,%]+[万亿千百十]?[元个家]?$")


def _is_generic(word: str) -> bool:
    """A modifier that names nothing: a beat word, a dictionary word, a number."""
    word = word.strip()
    acronym = _LEADING_LATIN.match(word)
    if acronym and acronym.group().lower() in COMMON_WORDS:
        word = word[acronym.end() :]  # "AI创业" is as generic as "创业"
    return (
        not word
        or word.lower() in COMMON_WORDS
        or bool(_NOT_A_NAME.match(word))
        or _dictionary().get(word, 0) >= 50
    )


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, int]:
    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt.FREQ


def is_junk(surface: str, confidence: float = 0.0) -> bool:
    """True when ``surface`` should not be offered as a new entity.

    Words in jieba's dictionary with a frequency of 50 or more are junk unless
    the model is sure (``confidence >= 0.9``): the names an editor needs
    suggested are new ones, and the dictionary's own tags are too noisy to tell
    a name from a word (``明白`` is tagged ``nr``). Rarer dictionary words need
    a confidence of 0.5.
    """
    text = surface.strip()
    if len(text) < 2 or _NOT_A_NAME.match(text):
        return True
    if text.lower() in COMMON_WORDS:
        return True
    freq = _dictionary().get(text, 0)
    for head in _GENERIC_HEADS:
        if text.endswith(head) and len(text) > len(head):
            modifier = text[: -len(head)]
            if _is_generic(modifier):
                return True
    return (freq >= 50 and confidence < 0.9) or (freq > 0 and confidence < 0.5)
