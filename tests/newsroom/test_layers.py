"""The import-linter contracts (pyproject.toml) hold and cover the whole project core."""

import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {c["type"]: c for c in config["contracts"]}


def test_the_contracts_hold(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True) == 0


def test_every_core_module_but_the_urlconf_is_in_the_bottom_app_layer():
    layers = contracts()["layers"]["layers"]
    core = next(layer for layer in layers if "newsroom.settings" in layer)
    listed = {name.strip() for name in core.split(":")}
    modules = {f"newsroom.{path.stem}" for path in (ROOT / "newsroom").glob("*.py")
               if path.stem not in {"__init__", "urls"}}
    assert listed == modules


def test_no_exceptions_are_listed():
    for contract in contracts().values():
        assert "ignore_imports" not in contract
