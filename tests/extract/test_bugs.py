"""Issue 8, point 7: bugs met while generating a corpus; each reproduced by one sentence written for the test."""

from __future__ import annotations

from pathlib import Path

from lod.pipeline.build import Context, prepare
from lod.places.reconcile import Reconciler
from lod.settings import Settings

from ._records import record


def test_rural_damascus_is_not_damascus(reconciler: Reconciler) -> None:
    entry = reconciler.place("Rural Damascus province")
    assert entry is not None and entry.id == "SY03"
    assert reconciler.place("Damascus").id != "SY03"  # type: ignore[union-attr]


def test_a_district_named_with_ras_al_is_kept_whole(reconciler: Reconciler) -> None:
    got = record("More than 3,000 people fled Ras Al Ain district on Monday.", reconciler)
    assert "Ras Al Ain district" in got["places"]


def test_a_role_before_a_name_does_not_swallow_the_previous_paragraph(reconciler: Reconciler) -> None:
    got = record("The town was hit by regime forces and Iranian-backed militias.\n\n"
                 "Secretary-General Antonio Guterres said the attacks must stop.", reconciler)
    people = {p["name"]: p for p in got["people"]}
    assert "Antonio Guterres" in people
    assert "militias" not in (people["Antonio Guterres"]["role"] or "")


def test_a_unicef_statement_has_its_reporter(reconciler: Reconciler) -> None:
    got = record("The United Nations Children's Fund said 12,000 people fled the fighting.", reconciler)
    reporters = [o["reported_by"] or "" for o in got["displacement"]]
    assert len(reporters) == 1 and "United Nations Children's Fund" in reporters[0]


def test_weapons_named_by_a_reporter_do_not_make_an_allegation(reconciler: Reconciler) -> None:
    got = record("The UN said airstrikes and artillery shelling hit Saraqeb.", reconciler)
    assert [s["type"] for s in got["statements"]] == ["assessment"]


def test_an_article_naming_the_syrian_national_coalition_conforms(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title: Test\nSource URL: https://example.org/a\nPublisher: Example News\nPublished: 2021-05-14\n\n"
                    "The Syrian National Coalition said 2,000 families fled Idlib on Monday.\n", encoding="utf-8")
    prepared = prepare(path, Context.load(Settings()))
    assert prepared.report.conforms
