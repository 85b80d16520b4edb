"""Settings come from the environment; production refuses to start half-configured."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "from newsroom import celery_app as c; "
    "print(json.dumps([s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
    "c.conf.task_always_eager, c.conf.broker_url, s.DEBUG]))"
)


def run(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS",
                          "SECURE_SSL_REDIRECT", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean,
                          capture_output=True, text=True, timeout=60)


def test_embedded_default_is_sqlite_eager_locmem(tmp_path):
    out = run(PROBE, NEWSROOM_DATA_DIR=str(tmp_path))
    assert out.returncode == 0, out.stderr
    engine, cache, eager, broker, debug = json.loads(out.stdout)
    assert engine == "django.db.backends.sqlite3"
    assert cache.endswith("LocMemCache")
    assert eager is True and broker == "memory://" and debug is True
    assert (tmp_path / "newsroom.sqlite3").parent.exists()


def test_full_stack_from_urls():
    out = run(PROBE, DATABASE_URL="postgres://postgres@127.0.0.1:5432/x",
              REDIS_URL="redis://127.0.0.1:6379/3", SECRET_KEY="k" * 60,
              ALLOWED_HOSTS="example.com")
    assert out.returncode == 0, out.stderr
    engine, cache, eager, broker, debug = json.loads(out.stdout)
    assert engine == "django.db.backends.postgresql"
    assert cache.endswith("RedisCache")
    assert eager is False and broker == "redis://127.0.0.1:6379/3" and debug is False


def test_production_refuses_missing_secret():
    out = run(PROBE, DEBUG="0", ALLOWED_HOSTS="example.com")
    assert out.returncode != 0
    assert "SECRET_KEY must be set" in out.stderr


def test_misspelt_boolean_fails_fast():
    out = run(PROBE, DEBUG="ture")
    assert out.returncode != 0 and "DEBUG must be true or false" in out.stderr


def test_check_deploy_is_clean_in_production(tmp_path):
    code = (
        "import django, sys; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    secret = "x9-Kq7_zP3!mV8#rT2@wL5&nB4^cY6*fH1(dJ0)gS" * 2
    out = run(code, DEBUG="0", SECRET_KEY=secret, ALLOWED_HOSTS="news.example.com",
              NEWSROOM_DATA_DIR=str(tmp_path))
    assert out.returncode == 0, out.stderr + out.stdout


def test_prepare_threshold_refuses_non_ascii_digits():
    """'²' passes isdigit() but not int(): it must be refused clearly, not crash start-up."""
    for value in ("²", "٣", "1.5"):
        out = run(PROBE, DATABASE_URL="postgres://postgres@127.0.0.1:5432/x",
                  SECRET_KEY="k" * 60, ALLOWED_HOSTS="example.com",
                  DATABASE_PREPARE_THRESHOLD=value)
        assert out.returncode != 0
        assert "DATABASE_PREPARE_THRESHOLD must be a number or off" in out.stderr, out.stderr
