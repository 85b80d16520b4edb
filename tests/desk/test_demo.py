import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_publishes(settings, eager):
    call_command("load_demo")
    first = list(Article.objects.order_by("pk").values_list("title", "status", "processing_state"))
    assert len(first) >= 3
    assert all(status == "published" and state == "done" for _, status, state in first)
    call_command("load_demo")
    assert list(
        Article.objects.order_by("pk").values_list("title", "status", "processing_state")
    ) == first


def test_load_demo_includes_the_seed_when_shared_is_present(seed_bytes, eager):
    call_command("load_demo")
    seed = Article.objects.get(source__name="虎嗅")
    assert seed.raw_body.encode("utf-8") == seed_bytes
    assert seed.blocks.exists()


def test_load_demo_without_shared(settings, tmp_path, eager, capsys):
    settings.NEWSROOM_SHARED_DIR = tmp_path
    call_command("load_demo")
    assert "Seed article not found" in capsys.readouterr().out
    assert not Article.objects.filter(source__name="虎嗅").exists()


def test_ensure_admin_prints_password_once(capsys):
    call_command("ensure_admin")
    assert "password:" in capsys.readouterr().out
    call_command("ensure_admin")
    assert "already exists" in capsys.readouterr().out
