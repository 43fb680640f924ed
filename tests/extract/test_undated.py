"""Issue 8, point 1: no article is refused for what a real page lacks (a date, a publisher)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal

from lod.extract import extract, to_record_json
from lod.model.articles import parse_article
from lod.pipeline.build import Context, prepare
from lod.places.reconcile import Reconciler
from lod.rdf.namespaces import SCHEMA, dis
from lod.settings import Settings

from ._records import record

UNDATED = ("Title: Families flee\nSource URL: https://example.org/news/families-flee\n\n"
           "More than 2,000 families fled Saraqeb in the past five days, the UN said on Friday.\n")


def test_an_undated_article_still_gives_its_figure_with_an_open_period(reconciler: Reconciler) -> None:
    article = parse_article(UNDATED)
    got = to_record_json(article, extract(article, reconciler))
    assert got["published_date"] is None and got["published_from"] == "unknown"
    assert [(o["figure"], o["period_start"], o["period_end"], o["reported_on"]) for o in got["displacement"]] == [
        (2000, None, None, None)]


def test_a_date_in_the_url_resolves_relative_periods(reconciler: Reconciler) -> None:
    article = parse_article(UNDATED.replace("/news/", "/news/2019/12/21/"))
    got = to_record_json(article, extract(article, reconciler))
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2019-12-15", "2019-12-20")]


def test_a_year_written_once_on_a_range_serves_both_ends_on_an_undated_page(reconciler: Reconciler) -> None:
    # blind set T (nineteenth session): "between September 23 and October 20, 2024" on a page with no date
    article = parse_article(UNDATED.replace("in the past five days, the UN said on Friday",
                                            "between September 23 and October 20, 2024, the UN said"))
    got = to_record_json(article, extract(article, reconciler))
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2024-09-23", "2024-10-20")]


def test_a_full_date_a_sentence_cites_gives_its_months_their_year_on_an_undated_page(reconciler: Reconciler) -> None:
    # blind set T: "As of 28 July, ... (OCHA, 31 July 2025)." on a page with no date
    article = parse_article(UNDATED.replace(
        "More than 2,000 families fled Saraqeb in the past five days, the UN said on Friday.",
        "On the same day, the Westland Observatory reported that 1,120 people had been killed since July 13. As of 28 "
        "July, about 2,000 families have been displaced across the province (OCHA, 31 July 2025)."))
    got = to_record_json(article, extract(article, reconciler))
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [(None, "2025-07-28")]


def test_a_page_dated_by_its_month_only_leaves_its_weekdays_and_its_since_open(reconciler: Reconciler) -> None:
    """A URL that names a month ("/2019/05/") gives years, not the day: "on Sunday" stays unresolved and "since 1 May"
    has no end (as the conventions say when no reporting or publication date is known)."""
    body = ("The Response Coordinators said in a statement on Sunday that 4,350 families had left 36 villages since "
            "1 May.\n\nSome 2,000 people have fled since the beginning of this year, local officials said.\n")
    article = parse_article(f"Title: Families flee\nSource URL: https://example.org/archives/2019/05/flee\n\n{body}")
    got = to_record_json(article, extract(article, reconciler))
    assert [(o["figure"], o["period_start"], o["period_end"]) for o in got["displacement"]] == [
        (4350, "2019-05-01", None), (2000, "2019-01-01", None)]
    dated = parse_article(f"Title: Families flee\nSource URL: https://example.org/archives/2019/05/30/flee\n\n{body}")
    got = to_record_json(dated, extract(dated, reconciler))
    assert [(o["figure"], o["period_start"], o["period_end"]) for o in got["displacement"]] == [
        (4350, "2019-05-01", "2019-05-26"), (2000, "2019-01-01", "2019-05-30")]


def test_an_undated_page_without_publisher_is_published_with_warnings(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    ctx = Context.load(Settings())
    prepared = prepare(path, ctx)
    assert prepared.report.conforms
    assert any(r.severity == "Warning" and "datePublished" in r.message for r in prepared.report.results)
    article = next(prepared.graph.subjects(dis(ctx.uris.vocab).datePublishedFrom, Literal("unknown")))
    assert (article, dis(ctx.uris.vocab).publisherFrom, Literal("source URL host")) in prepared.graph
    assert prepared.graph.value(article, SCHEMA.datePublished) is None


def test_a_dateline_a_day_after_the_page_s_date_is_no_day_a_year_before(reconciler: Reconciler) -> None:
    # a page stamped 13 December whose wire copy is datelined "December 14": not 14 December of the year before
    got = record("Westville, December 14 (ABC) -- Some 7,000 people have fled since last Sunday, officials said.",
                 reconciler, published="2024-12-13")
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]] == [("2024-12-08", "2024-12-13")]


def test_the_date_of_a_cited_report_gives_its_months_their_year_on_an_undated_page(reconciler: Reconciler) -> None:
    for sentence in ("About 4,000 people have fled Qarazan since 1 March, UNHCR said in a report dated 12 March 2019.",
                     "UNHCR said in a report dated 12 March 2019 that about 4,000 people had fled Qarazan since 1 March."):
        (found,) = record(sentence, reconciler, published=None)["displacement"]
        assert (found["period_start"], found["period_end"], found["reported_on"]) == (
            "2019-03-01", "2019-03-12", "2019-03-12"), sentence
