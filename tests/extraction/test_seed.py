"""The seed article's story: every KB entity found, no crypto, no junk."""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction import Discoverer, extract
from extraction.discover import DEFAULT_MODEL_DIR
from extraction.matcher import Matcher

# Entities of the tech beat that the seed's story names (keys in the starter KB).
EXPECTED = {
    "openai", "chatgpt", "nvidia", "a100", "baidu", "ernie-bot", "alibaba", "alibaba-cloud",
    "tongyi-qianwen", "tongyi-wanxiang", "tencent", "tencent-ai-lab", "hunyuan",
    "tencent-cloud", "tencent-investment", "bytedance", "volcano-ark", "jd-cloud", "yanxi",
    "kunlun-tech", "tiangong", "qihoo-360", "360-brain", "sensetime", "sensenova",
    "iflytek", "spark-desk", "cloudwalk", "congrong", "datagrand", "caozhi", "mobvoi",
    "sequence-monkey", "zhipu-ai", "chatglm", "langboat", "mengzi", "minimax", "glow",
    "modelbest", "viscpm", "deeplang", "lingxin-ai", "ai-utopia", "frontis", "productgpt",
    "dfm-2", "aispeech", "lightyear", "baichuan-ai", "baichuan", "01-ai", "huawei",
    "huawei-cloud", "pangu", "youdao", "ziyue", "huxiu", "xiniu", "qichacha", "crunchbase",
    "miracleplus", "lu-qi", "li-zhifei", "chen-runze", "source-code-capital", "opencsg",
    "chen-ran", "yu-kai", "y-combinator", "sam-altman", "meituan", "wang-huiwen",
    "xihu-xinchen", "damo-academy", "andrew-ng", "pony-ma", "zhang-pingan", "4paradigm",
    "shishuo", "clobotics", "xiaoe-tech", "fan-xiaoxing", "midjourney", "bloomberg",
    "intel", "amd", "arm", "x86", "risc-v", "loongson", "mips", "linux", "red-hat",
    "google", "microsoft", "meta", "amazon", "inflection-ai", "anthropic", "cac",
    "zgc-forum", "waic", "istic", "tsinghua", "hkex", "star-market", "uc-berkeley",
    "guantao", "wang-yuwei", "zuoshou-yisheng", "zhang-chao-zuoshou", "gpt-3", "gpt-2",
    "v100", "silicon-valley", "shanghai", "usa", "china", "india", "bangladesh", "brazil",
    "white-house", "us-congress", "baidu-ventures", "ernie",
}
CRYPTO = ("THORChain", "Qitchain", "Riot", "ChainUP", "0xScope", "Multichain", "gate")
JUNK = {"大模型", "人工智能", "AI", "GPU", "CPU", "API", "CEO", "应激反应", "飞轮", "赛道",
        "独角兽", "AIGC", "曙光", "洗礼", "明白", "高峰期"}


def test_every_story_entity_is_found(
    matcher: Matcher, story_blocks: list[tuple[int, str]]
) -> None:
    found = {m.entity_key for m in extract(story_blocks, matcher)}
    assert EXPECTED - found == set()


def test_noisy_names_resolve(matcher: Matcher, story_blocks: list[tuple[int, str]]) -> None:
    by_surface = {(m.surface, m.entity_key) for m in extract(story_blocks, matcher)}
    assert ("騰讯AI实验室", "tencent-ai-lab") in by_surface
    assert ("智谱Al", "zhipu-ai") in by_surface
    assert ("Al乌托邦", "ai-utopia") in by_surface
    assert ("面壁科技", "modelbest") in by_surface
    assert ("面壁智能", "modelbest") in by_surface


def test_offsets_index_the_block(matcher: Matcher, story_blocks: list[tuple[int, str]]) -> None:
    texts = dict(story_blocks)
    for mention in extract(story_blocks, matcher):
        assert texts[mention.block][mention.start : mention.end] == mention.surface


def test_crypto_items_are_not_tagged(matcher: Matcher, seed_lines: list[str]) -> None:
    for number in (20, 32, 106, 133, 151):
        for match in matcher.find(seed_lines[number - 1]):
            assert not any(word.lower() in match.surface.lower() for word in CRYPTO)


@pytest.mark.parametrize("model_dir", [None, DEFAULT_MODEL_DIR], ids=["fallback", "trained"])
def test_no_junk_suggestions(
    matcher: Matcher, story_blocks: list[tuple[int, str]], model_dir: Path | None
) -> None:
    discoverer = Discoverer.load(model_dir, matcher=matcher)
    if model_dir is not None and discoverer.is_fallback:
        pytest.skip("no trained model in var/models (tools/train_ner.py)")
    suggestions = [m for m in extract(story_blocks, matcher, discoverer) if not m.known]
    assert not {m.surface for m in suggestions} & JUNK
    assert all(len(m.surface.strip()) >= 2 for m in suggestions)
