"""Reject discovered candidates that are not names worth an editor's time.

The model proposes spans; most errors an editor would find silly are generic
words of the beat (``大模型``, ``AI``), numbers, single characters, or common
dictionary words the model tagged with low confidence.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba
import jieba.posseg

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
_NOT_A_NAME = re.compile(r"^[\W\d_]+$|^[\d.,%]+[万亿千百十]?[元个家]?$")
_PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def is_junk(surface: str, confidence: float = 0.0) -> bool:
    """True when ``surface`` should not be offered as a new entity.

    Common dictionary words (jieba frequency >= 2000, not tagged as a proper
    noun) are junk unless the model is very sure (``confidence >= 0.95``).
    """
    text = surface.strip()
    if len(text) < 2 or _NOT_A_NAME.match(text):
        return True
    if text.lower() in COMMON_WORDS:
        return True
    freq, tags = _dictionary()
    common = freq.get(text, 0) >= 2000 and tags.get(text, "x") not in _PROPER_TAGS
    return common and confidence < 0.95
