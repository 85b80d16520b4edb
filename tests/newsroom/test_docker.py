"""No Docker engine runs here, so check the compose file and Dockerfile by reading them."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

DOCKER = Path(__file__).resolve().parents[2] / "docker"


def compose() -> dict:
    return yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_has_the_full_stack_with_health_checks():
    services = compose()["services"]
    assert set(services) >= {"postgres", "redis", "web", "worker", "beat"}
    for name in ("postgres", "redis", "web"):
        assert "test" in services[name]["healthcheck"], name
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "migrate" in " ".join(services["migrate"]["command"])
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]


def test_compose_secrets_come_from_the_environment():
    text = (DOCKER / "compose.yaml").read_text(encoding="utf-8")
    assert "${SECRET_KEY:?" in text


def test_dockerfile_installs_the_project():
    text = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    assert text.startswith("# syntax=") or text.startswith("FROM")
    assert "python:3.11" in text
    assert "pip install" in text and "collectstatic" in text
    assert "USER" in text  # never run as root


@pytest.mark.skipif(
    shutil.which("docker") is None
    or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0,
    reason="docker compose client not installed",
)
def test_docker_compose_config_validates():
    out = subprocess.run(
        ["docker", "compose", "-f", str(DOCKER / "compose.yaml"), "config", "--quiet"],
        capture_output=True, text=True, env={"SECRET_KEY": "x" * 60, "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr


def test_dockerfile_copies_every_package_the_project_installs():
    """The image copies packages one by one; a new app must be listed, or the image
    starts without it."""
    import tomllib

    root = DOCKER.parent
    text = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    found = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = found["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = {pattern.rstrip("*") for pattern in patterns}
    missing = {name for name in packages if f"COPY {name} ./{name}" not in text}
    assert not missing, f"docker/Dockerfile does not copy {sorted(missing)}"
