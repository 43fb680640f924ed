"""lod.pipeline.blockyaml reads what PyYAML (the corrections loader, with ``__line__``) reads, or gives up: on every YAML
file of the repository, on generated corrections files, and on thousands of damaged copies of them."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from lod.pipeline import blockyaml
from lod.pipeline.corrections import _LineLoader

ROOT = Path(__file__).parents[2]
DAMAGED = 40  # copies of each generated file, each damaged a few ways


def _pyyaml(text: str) -> tuple[str, Any]:
    try:
        return "value", yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except Exception as error:  # noqa: BLE001 - whatever PyYAML raises, blockyaml must give up there
        return "error", type(error).__name__


def _same_or_other(text: str, what: str) -> bool:
    """True if blockyaml read the text (and then it read it as PyYAML does, types included)."""
    ours = blockyaml.load(text)
    if ours is blockyaml.OTHER:
        return False
    kind, theirs = _pyyaml(text)
    assert kind == "value", f"{what}: PyYAML raises {theirs}, blockyaml read {ours!r}\n{text}"
    assert repr(ours) == repr(theirs), f"{what}\nours:   {ours!r}\nPyYAML: {theirs!r}\n{text}"
    return True


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name) or importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("yaml")
    module.generate(60, folder / "data", seed=3)
    return [p.read_text(encoding="utf-8") for p in sorted((folder / "data" / "articles").glob("*.yaml"))]


def test_generated_corrections_are_read_here_as_pyyaml_reads_them(generated: list[str]) -> None:
    read = sum(_same_or_other(text, f"generated file {i}") for i, text in enumerate(generated))
    assert read == len(generated)  # the subset is what the generator writes


def test_every_yaml_file_of_the_repository_is_read_as_pyyaml_reads_it_or_left_to_it() -> None:
    files = [p for p in sorted(ROOT.glob("data/**/*.yaml")) + sorted(ROOT.glob("tests/**/*.yaml"))
             if p.stat().st_size < 2_000_000]
    assert files
    read = sum(_same_or_other(p.read_text(encoding="utf-8"), str(p)) for p in files)
    assert read > 0


def test_damaged_files_are_read_as_pyyaml_reads_them_or_left_to_it(generated: list[str]) -> None:
    rng = random.Random(5)
    read = left = 0
    for index, text in enumerate(generated[:25]):
        for round_ in range(DAMAGED):
            damaged = _damage(text, rng)
            if _same_or_other(damaged, f"file {index}, damage {round_}"):
                read += 1
            else:
                left += 1
    assert read > 100 and left > 100  # both ways were taken


def test_what_it_gives_up_on() -> None:
    for text in ("a: [1, 2]\n", "a: |\n  x\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: b\n  c\n", "a: 'x\n  y'\n",
                 'a: "x\\ty"\n', "a: 1 # one\n", "a: 1\na: 2\n", "? a\n: 1\n", "a:\tb\n", "---\na: 1\n", "yes: 1\n",
                 "a: 2021-02-30\n", "- - a\n", "  a: 1\n", "a: b: c\n", "\ufeffa: 1\n", "a: 1\r\n", "text\n"):
        assert blockyaml.load(text) is blockyaml.OTHER, text


def test_what_it_reads() -> None:
    text = ("# comment\nfigure: 12\nsince: 2021-09-12\nok: yes\nnothing:\nname: Al-Ahmad's \"team\"\n"
            "quoted: 'it''s: here'\nlist:\n- a\n- b: 1\n  c: ~\n-\n  d: e\n")
    assert _same_or_other(text, "sample")
    assert blockyaml.load(text)["list"][1] == {"b": 1, "c": None, "__line__": 10}
    assert blockyaml.load("") is None and blockyaml.load("# nothing\n") is None


_DAMAGES = [":", "-", " ", "  ", "#", "'", '"', "\t", "[", "{", "&", "*", "!", "|", ">", "\n", "y", "0", "- ", ": ",
            "~", "?", ",", "%", "@", "`", "\\", "\u00a0", "\u2028", "é"]


def _damage(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randrange(1, 4)):
        how = rng.randrange(6)
        i = rng.randrange(len(lines))
        line = lines[i]
        if how == 0 and line:
            j = rng.randrange(len(line))
            lines[i] = line[:j] + rng.choice(_DAMAGES) + line[j:]
        elif how == 1 and line:
            j = rng.randrange(len(line))
            lines[i] = line[:j] + line[j + 1:]
        elif how == 2:
            lines[i] = rng.choice(["", " ", "  ", "    "]) + line.lstrip(" ")
        elif how == 3:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif how == 4:
            del lines[i]
        else:
            k = rng.randrange(len(lines))
            lines[i], lines[k] = lines[k], lines[i]
    return "\n".join(lines)
