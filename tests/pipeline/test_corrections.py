"""The corrections file: located quotes, clear errors, and merging with extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from lod.errors import CorrectionsError
from lod.model.articles import parse_article
from lod.model.records import Extraction, ObservationRecord, Span, StatementRecord
from lod.pipeline.corrections import apply, load_corrections

BODY = "OCHA said on Monday that 500 families fled Saraqeb. It said 20 people were killed."
ARTICLE = parse_article(
    f"Title: t\nSource URL: https://news.example/x\nPublisher: OCHA\nPublished: 2020-01-28\n\n{BODY}", "x.txt"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_quotes_locate_spans(tmp_path: Path) -> None:
    fix = load_corrections(write(tmp_path, "observations:\n  - text: 500 families fled Saraqeb\n    figure: 500\n    unit: families\n"), ARTICLE)
    obs = fix.extraction.observations[0]
    assert BODY[obs.span.start : obs.span.end] == "500 families fled Saraqeb"
    assert fix.origins[id(obs)] == f"{tmp_path / 'x.yaml'}:2"


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("observations:\n  - text: 900 families\n    figure: 900\n", ":2", "not found"),
        ("observations:\n  - text: 500 families\n    figure: many\n", ":2", "whole number"),
        ("statements: [ {text: x\n", ":2:", "YAML"),
        ("colours: [red]\n", ":", "unknown section"),
        ("statements:\n  - speaker: OCHA\n", ":2", "'text'"),
        ("observations:\n  - text: 500 families\n    figure: 500\n    reported_on: Monday\n", ":2", "not a date"),
        ("events:\n  - {key: k, label: l, types: air-drone-strike}\n", ":2", "list of names"),  # not split into letters
        ("statements:\n  - {text: OCHA said, occurrence: two}\n", ":2", "occurrence"),
        ("statements:\n  - {text: OCHA said, occurrence: 0}\n", ":2", "occurrence"),
        ("people:\n  - {name: 12345}\n", ":2", "expected text"),
        ("observations:\n  - {text: 500 families, figure: 500, period: last week}\n", ":2", "period"),
        ("suppress:\n  - {kind: observation}\n", ":2", "match nothing"),
        ("statements:\n  - {text: OCHA said, speaker_kind: robot}\n", ":2", "speaker_kind"),
    ],
    ids=["quote-not-found", "figure-not-number", "yaml-syntax", "unknown-section", "missing-text", "bad-date",
         "string-not-list", "occurrence-word", "occurrence-zero", "name-not-text", "period-not-mapping",
         "suppress-matches-nothing", "speaker-kind"],
)
def test_errors_name_file_and_line(tmp_path: Path, text: str, where: str, words: str) -> None:
    with pytest.raises(CorrectionsError) as caught:
        load_corrections(write(tmp_path, text), ARTICLE)
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "x.yaml") + where) and words in message, message


def _extracted() -> Extraction:
    said = StatementRecord("OCHA", "organization", "said", "report", Span(0, 51, "rule-a"))
    killed = StatementRecord("OCHA", "organization", "said", "report", Span(52, len(BODY), "rule-a"))
    obs = ObservationRecord(500, "exact", "families", Span(25, 50, "rule-b"), statement=0)
    wrong = ObservationRecord(20, "exact", "persons", Span(61, 70, "rule-b"), statement=1)
    return Extraction([], [], [], [said, killed], [obs, wrong])


def test_corrections_win_and_suppress(tmp_path: Path) -> None:
    fix = load_corrections(write(tmp_path, (
        "observations:\n  - text: 500 families fled Saraqeb\n    figure: 500\n    unit: families\n    qualifier: approximately\n"
        "suppress:\n  - {kind: observation, figure: 20}\n")), ARTICLE)
    merged = apply(_extracted(), fix, ARTICLE)[0]
    assert [(o.figure, o.qualifier) for o in merged.observations] == [(500, "approximately")]
    assert len(merged.statements) == 2


def test_apply_leaves_its_inputs_alone(tmp_path: Path) -> None:
    fix = load_corrections(write(tmp_path, (
        "statements:\n  - {text: It said 20 people were killed., speaker: OCHA, speaker_kind: organization}\n"
        "observations:\n  - {text: 20 people, figure: 20, statement: It said 20 people were killed.}\n")), ARTICLE)
    extracted = _extracted()
    first, _ = apply(extracted, fix, ARTICLE)
    second, _ = apply(extracted, fix, ARTICLE)
    assert first == second
    assert fix.extraction.observations[0].statement == 0 and extracted.observations[0].statement == 0


def test_replace_ignores_extraction(tmp_path: Path) -> None:
    fix = load_corrections(write(tmp_path, "replace: true\n"), ARTICLE)
    assert apply(_extracted(), fix, ARTICLE)[0].observations == []


def test_statement_links_survive_merge(tmp_path: Path) -> None:
    fix = load_corrections(write(tmp_path, "statements:\n  - text: It said 20 people were killed.\n    speaker: OCHA\n    speaker_kind: organization\n    verb: said\n    type: report\n"), ARTICLE)
    merged = apply(_extracted(), fix, ARTICLE)[0]
    first = merged.observations[0]
    assert first.statement is not None and merged.statements[first.statement].span.start == 0


def test_corrected_event_replaces_the_extracted_one_with_the_same_key(tmp_path: Path) -> None:
    from lod.model.records import EventRecord

    extracted = Extraction(events=[EventRecord(f"{ARTICLE.key}-offensive", "offensive"), EventRecord(f"{ARTICLE.key}-ground-offensive", "other")])
    fix = load_corrections(write(tmp_path, "events:\n  - {key: offensive, label: The offensive on Saraqeb}\n"), ARTICLE)
    merged, origins = apply(extracted, fix, ARTICLE)
    assert [e.label for e in merged.events] == ["other", "The offensive on Saraqeb"]  # same key only, not a suffix
    assert origins[id(merged.events[1])] == f"{tmp_path / 'x.yaml'}:2"


def _without_lines(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_without_lines(v) for v in value]
    return value


def test_the_loader_reads_what_pyyaml_reads_and_the_line_of_each_mapping() -> None:
    import yaml

    from lod.pipeline.corrections import _LineLoader

    text = (
        "base: &base {name: 'Saraqeb', ref: C1234}\n"
        "people:\n"
        "  - name: Anas\n"
        "    aliases: [Al-Ahmad, \"Al Ahmad\", !!str 12, &alias x]\n"
        "    note: |\n      two\n      lines\n"
        "    again: *alias\n"
        "  - <<: *base\n"
        "    figure: 5000\n"
        "    share: 0.5\n"
        "    known: yes\n"
        "    empty: ~\n"
        "    day: 2020-01-28\n"
        "    text: >-\n      folded\n      text\n"
    )
    loaded = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    assert _without_lines(loaded) == yaml.safe_load(text)
    assert loaded["people"][1]["name"] == "Saraqeb" and loaded["people"][1]["figure"] == 5000
    assert loaded["people"][0]["aliases"][2] == "12" and loaded["people"][0]["again"] == "x"
    assert [p["__line__"] for p in loaded["people"]] == [3, 9]
