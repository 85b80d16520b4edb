"""The checker's verdicts on the corpus and the seed are those of the stored snapshot.

A change meant to alter verdicts regenerates it (``python tools/snapshot_verdicts.py
--write``) and the diff of ``tests/cleaning/verdicts.json`` shows what moved.
"""

import importlib.util
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "snapshot_verdicts.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("snapshot_verdicts", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_verdicts_match_the_snapshot(shared):
    tool = load_tool()
    changed = tool.differences(tool.stored_verdicts(), tool.snapshot(shared))
    assert changed == [], (
        "checker verdicts changed; if that was meant, run "
        "`python tools/snapshot_verdicts.py --write` and review the diff:\n" + "\n".join(changed)
    )


def test_blind_plain_text_is_reached_only_through_labels(shared):
    tool = load_tool()
    names = [name for name, *_rest in tool.documents(shared)]
    corpus = shared / "data" / "contamination"
    labelled = {path.stem for path in tool.label_files(corpus)}
    for name in names:
        if name.endswith(".txt"):
            folder, file = name.removeprefix("raw/").split("/", 1)
            assert f"{folder}__{Path(file).stem}" in labelled, name
