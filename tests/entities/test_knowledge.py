"""The knowledge base in the database: loading, import/export, merging, duplicates, versions."""

import json

import pytest
from django.core.management import call_command

from entities import knowledge
from entities.admin import duplicate_pairs
from entities.models import Alias, Entity, KnowledgeBaseVersion, Mention, Relation

pytestmark = pytest.mark.django_db


def test_starter_kb_loads_idempotently_and_keeps_editor_changes(starter_kb):
    assert starter_kb.created > 400 and not starter_kb.warnings
    counts = (Entity.objects.count(), Alias.objects.count(), Relation.objects.count())
    baidu = Entity.objects.get(key="baidu")
    baidu.description = "编辑改过的描述"
    baidu.save()
    again = knowledge.load_starter()
    assert again.created == 0 and again.updated == 0
    assert (Entity.objects.count(), Alias.objects.count(), Relation.objects.count()) == counts
    assert Entity.objects.get(key="baidu").description == "编辑改过的描述"
    ernie = Entity.objects.get(key="ernie-bot")
    assert ernie.maker().key == "baidu"
    assert Entity.objects.get(key="tencent-ai-lab").parent.key == "tencent"
    assert Entity.objects.get(key="modelbest").aliases.filter(name="面壁科技").exists()


def test_load_kb_command_is_idempotent(capsys):
    call_command("load_kb")
    call_command("load_kb")
    assert "0 created" in capsys.readouterr().out
    assert Entity.objects.filter(key="chatglm", relations__object__key="zhipu-ai").exists()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_import_roundtrip(small_kb, fmt):
    Alias.objects.create(entity=small_kb["baidu"], name="百度公司")
    exported = knowledge.export_kb(fmt)
    before = list(knowledge.records())
    Entity.objects.all().delete()
    report = knowledge.import_kb(exported.encode(), fmt)
    assert report.created == 5 and not report.warnings
    assert list(knowledge.records()) == before
    assert knowledge.export_kb(fmt) == exported


def test_import_updates_existing_entities_and_reports_bad_files(small_kb):
    records = [{"key": "baidu", "kind": "organisation", "name": "百度", "name_en": "Baidu Inc.",
                "aliases": ["Baidu"], "description": "", "parent": None, "maker": None,
                "wikidata": "Q14772", "website": None}]
    report = knowledge.import_kb(json.dumps(records), "json")
    assert report.updated == 1
    baidu = Entity.objects.get(key="baidu")
    assert (baidu.name_en, baidu.wikidata) == ("Baidu Inc.", "Q14772")
    assert list(baidu.aliases.values_list("name", flat=True)) == ["Baidu"]
    with pytest.raises(knowledge.KBFormatError):
        knowledge.import_kb('[{"key": "x", "name": "X", "kind": "planet"}]', "json")
    with pytest.raises(knowledge.KBFormatError):
        knowledge.import_kb("not json", "json")


def test_import_and_export_commands(small_kb, tmp_path, capsys):
    out = tmp_path / "kb.csv"
    call_command("export_kb", "--format", "csv", "--output", str(out))
    assert "文心一言" in out.read_text(encoding="utf-8")
    Entity.objects.filter(key="ernie-bot").delete()
    call_command("import_kb", str(out))
    assert Entity.objects.get(key="ernie-bot").maker().key == "baidu"
    capsys.readouterr()
    call_command("export_kb", "--format", "json")
    assert json.loads(capsys.readouterr().out)[0]["key"] == "baidu"


def test_merge_moves_mentions_aliases_and_links(small_kb, processed):
    article = processed("智谱发布新模型。\n")
    duplicate = Entity.objects.create(key="zhipu-2", name="北京智谱", kind="organisation",
                                      website="https://zhipuai.cn")
    Alias.objects.create(entity=duplicate, name="智谱华章")
    product = Entity.objects.create(key="chatglm", name="ChatGLM", kind="product")
    Relation.objects.create(subject=product, predicate="made_by", object=duplicate)
    mention = Mention.objects.create(article=article, entity=duplicate, block_index=0, start=0,
                                     end=2, block_end=2, surface="智谱", kind="organisation",
                                     origin="editor", status="confirmed")
    keep = small_kb["zhipu"]
    keep.absorb(duplicate)
    assert not Entity.objects.filter(key="zhipu-2").exists()
    mention.refresh_from_db()
    assert mention.entity == keep and mention.status == "confirmed"
    assert set(keep.aliases.values_list("name", flat=True)) == {"北京智谱", "智谱华章"}
    assert product.maker() == keep
    keep.refresh_from_db()
    assert keep.website == "https://zhipuai.cn"


def test_near_duplicates_are_offered_not_merged(small_kb):
    Entity.objects.create(key="modelbest", name="面壁智能", kind="organisation")
    Entity.objects.create(key="modelbest-tech", name="面壁科技", kind="organisation")
    pairs = duplicate_pairs()
    names = {(a.name, b.name) for a, b, _score in pairs}
    assert ("面壁智能", "面壁科技") in names
    assert Entity.objects.filter(key__startswith="modelbest").count() == 2
    # 腾讯 and 腾讯AI Lab are a parent and a sub-brand, not a duplicate.
    assert not any({a.key, b.key} == {"tencent", "tencent-ai-lab"} for a, b, _ in pairs)


def test_matcher_is_rebuilt_in_the_same_process_after_an_alias_is_added(small_kb):
    first = knowledge.toolkit()
    assert knowledge.toolkit() is first  # cached while the KB is unchanged
    assert not first.matcher.find("鹅厂发布了新模型")
    before = KnowledgeBaseVersion.objects.get(pk=1).version
    Alias.objects.create(entity=small_kb["tencent"], name="鹅厂")
    assert KnowledgeBaseVersion.objects.get(pk=1).version == before + 1
    second = knowledge.toolkit()
    assert second is not first
    assert [m.entity_key for m in second.matcher.find("鹅厂发布了新模型")] == ["tencent"]


def test_bulk_loads_bump_the_version_once(small_kb):
    before = KnowledgeBaseVersion.objects.get(pk=1).version
    knowledge.import_kb(knowledge.export_kb("json"), "json")
    assert KnowledgeBaseVersion.objects.get(pk=1).version == before + 1


def test_analyze_works_from_the_starter_file_when_the_kb_is_empty():
    kit = knowledge.offline_toolkit()
    assert kit.version == "starter"
    assert kit.matcher.find("智谱Al")[0].entity_key == "zhipu-ai"
