"""Reading articles: both forms, dates, and clear errors with file:line:col."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from lod.errors import ArticleError
from lod.model.articles import parse_article, parse_date, read_article
from lod.settings import ROOT

HEADER = "Title: Families flee\nSource URL: https://news.example/a\nPublisher: OCHA\nPublished: {published}\n\n{body}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sunday, 01 December 2019 14:56", datetime(2019, 12, 1, 14, 56)),
        ("2019-12-01", date(2019, 12, 1)),
        ("2019-12-01T09:30", datetime(2019, 12, 1, 9, 30)),
        ("Published 23.07.2019 00:21", date(2019, 7, 23)),  # dotted day-first dates carry no time we trust
        ("December 21 2019 12:37:24", datetime(2019, 12, 21, 12, 37)),
        ("Dec. 2, 2019 4:05 PM", datetime(2019, 12, 2, 16, 5)),
        ("10:38 - 20/02/2020 (Update: 10:40 - 20/02/2020)", date(2020, 2, 20)),
        ("As of 5 March 2020", date(2020, 3, 5)),
        ("16th March, 2018 02:24:52", datetime(2018, 3, 16, 2, 24)),  # an ordinal day first
        ("5th March 2016", date(2016, 3, 5)),
        ("the 3rd of May 2016", date(2016, 5, 3)),
        ("2016/03/05", date(2016, 3, 5)),  # year first
        ("2016.03.10", date(2016, 3, 10)),
        ("14-10-2019", date(2019, 10, 14)),  # day first with hyphens
        ("03/15/2018", date(2018, 3, 15)),  # month first, when the second number cannot be a month
        ("03/05/2018", date(2018, 5, 3)),  # day first otherwise
        ("7/5/2012 12:00:00 AM", datetime(2012, 7, 5, 0, 0)),  # month first before a 12-hour clock with seconds (set FC)
        ("7/5/2012 4:30:00 PM", datetime(2012, 7, 5, 16, 30)),
        ("7/5/2012 16:30", date(2012, 5, 7)),  # (a 24-hour clock: day first, and no time we trust)
        ("15-Mar-2018", date(2018, 3, 15)),
        ("May 20,2013", date(2013, 5, 20)),  # no space after the comma
        ("20 May ,2013", date(2013, 5, 20)),
        ("24 March\u060c 2018", date(2018, 3, 24)),  # an Arabic comma, as Arabic outlets' English pages write it (set EF)
        ("March 24\u060c 2018", date(2018, 3, 24)),
        ("21FEB2020 (briefing)", date(2020, 2, 21)),  # a video slate's compact date (set BP)
        ("UNIT21FEB2020", None),  # (glued to a word: no date)
        ("12016/03/05", None),  # no year of 4 digits there
        ("not stated", None),
        ("31 February 2020", None),  # no such day
    ],
)
def test_parse_date(text: str, expected: object) -> None:
    assert parse_date(text) == expected


def test_header_form() -> None:
    article = parse_article(HEADER.format(published="2020-01-28", body="Some 500 families fled."), "a.txt")
    assert (article.title, article.publisher, article.published) == ("Families flee", "OCHA", date(2020, 1, 28))
    assert article.body == "Some 500 families fled."
    assert article.position(5).__str__() == "a.txt:6:6"


def test_seed_page_form_with_header() -> None:
    article = read_article(ROOT / "data" / "articles" / "2019-12-01-coalition-sg-idlib.txt")
    assert article.published == datetime(2019, 12, 1, 14, 56)
    assert article.title.startswith("Coalition’s SG: Assad Regime’s")
    assert article.body.startswith("Secretary-General of the Syrian National Coalition")
    assert article.author == "Syrian National Coalition’s Media Department"
    offset = article.body.index("The Emergency Response")
    assert str(article.position(offset)).endswith(":15:1")


def test_key_ignores_print_parameters() -> None:
    a = parse_article(HEADER.format(published="2020-01-28", body="x").replace("/a", "/a?print=1&tmpl=component"))
    b = parse_article(HEADER.format(published="2020-01-28", body="x"))
    assert a.key == b.key


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("Title: x\nSource URL https://a.example\nPublisher: p\nPublished: 2020-01-01\n\nbody", "a.txt:2:1", "unknown key"),
        ("Title: x\nPublisher p\nSource URL: https://a.example\nPublished: 2020-01-01\n\nbody", "a.txt:2:12", "no ':'"),
        ("Publisher: p\nPublished: 2020-01-01\n\nbody", "a.txt:1:1", "Title, Source URL"),
        ("Title: x\nSource URL: https://a.example\nPublisher: p\nPublished: 2020-01-01\n\n   \n", "a.txt:", "empty body"),
        ("Title: x\nSource URL: ftp://a\nPublisher: p\nPublished: 2020-01-01\n\nbody", "a.txt:2:13", "http"),
        ("Title: x\nColour: blue\nPublisher: p\nPublished: 2020-01-01\n\nbody", "a.txt:2:1", "unknown key"),
        ('Title: x\nSource URL: https://a.example/"q"\nPublisher: p\nPublished: 2020-01-01\n\nbody', "a.txt:2:31", "IRI"),
        ("Title: x\nSource URL: https://a.example/<b>\nPublisher: p\nPublished: 2020-01-01\n\nbody", "a.txt:2:31", "IRI"),
        ("Title: x\nSource URL: https://a.example/a>b\nPublisher: p\nPublished: 2020-01-01\n\nbody", "a.txt:2:32", "IRI"),
        ("Title: x\nSource URL: https://a.example/100%\nPublisher: p\nPublished: 2020-01-01\n\nbody", "a.txt:2:34", "%"),
        # What Oxigraph refuses besides: the build's loader does not check the IRIs again
        ("Title: x\nSource URL: https://a.example:8o/x\nPublisher: p\nPublished: 2020-01-01\n\nbody", "a.txt:2:13", "Invalid character 'o'"),
    ],
    ids=["colon-in-value-only", "no-colon", "missing-title-and-url", "empty-body", "not-http", "unknown-key",
         "iri-quote", "iri-angle-open", "iri-angle-close", "iri-stray-percent", "iri-bad-port"],
)
def test_malformed_articles_name_the_place(text: str, where: str, words: str) -> None:
    with pytest.raises(ArticleError) as caught:
        parse_article(text, "a.txt")
    assert str(caught.value).startswith(where) and words in str(caught.value)


def test_odd_encoding_is_refused_with_position(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(HEADER.format(published="2020-01-01", body="Caf\u00e9").encode("latin-1"))
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert f"{path}:6:4" in str(caught.value) and "UTF-8" in str(caught.value)


def test_windows_line_endings_and_bom() -> None:
    text = "\ufeff" + HEADER.format(published="2020-01-01", body="Body.").replace("\n", "\r\n")
    article = parse_article(text)
    assert article.body == "Body." and article.title == "Families flee"


@pytest.mark.parametrize(
    ("header", "body", "expected", "how"),
    [
        ("Source URL: https://news.example/world/2019/12/22/families-flee\n", "Families fled.", date(2019, 12, 22),
         "source URL path"),
        ("Source URL: https://news.example/archives/2020/02/exodus\n", "Families fled.", date(2020, 2, 29),
         "source URL path"),
        ("Source URL: https://news.example/world/2019/dec/22/families-flee\n", "Families fled.", date(2019, 12, 22),
         "source URL path"),
        # (a month's name joined to the day, as one Beirut paper writes it: set DC, scored blind at 1f1f0b5)
        ("Source URL: https://news.example/News/Lebanon-News/2014/Mar-21/250908-arsal.ashx\n", "Families fled.",
         date(2014, 3, 21), "source URL path"),
        ("Source URL: https://news.example/news/20191222-families-flee\n", "Families fled.", date(2019, 12, 22),
         "source URL path"),
        ("Source URL: https://news.example/news/families-flee-2019-12-22\n", "Families fled.", date(2019, 12, 22),
         "source URL path"),
        ("Source URL: https://news.example/article/idUSKBN20191222\n", "Families fled.", None, "unknown"),
        # the day first, or in the query (tenth session of 2026-12-02, helper E2: unknown)
        ("Source URL: https://news.example/news/22-12-2019/families-flee\n", "Families fled.", date(2019, 12, 22),
         "source URL path"),
        ("Source URL: https://news.example/news/12-22-2019/families-flee\n", "Families fled.", date(2019, 12, 22),
         "source URL path"),
        ("Source URL: https://news.example/news/story.php?id=4&date=2019-12-22\n", "Families fled.", date(2019, 12, 22),
         "source URL path"),
        ("Source URL: https://news.example/news/story.php?id=20191222\n", "Families fled.", None, "unknown"),
        ("Source URL: https://news.example/news/story-12-22-x\n", "Families fled.", None, "unknown"),
        ("Source URL: https://news.example/story\n", "BEIRUT, 27 December 2019 - Families fled.", date(2019, 12, 27),
         "dateline"),
        # a period's start is not a dateline; a "from" that opens no date does not hide one
        ("Source URL: https://news.example/story\n", "Since 1 June 2016, 45,000 people have fled.", None, "unknown"),
        ("Source URL: https://news.example/story\n", "Between the 3rd and 9 June 2016, 4,000 fled.", None, "unknown"),
        ("Source URL: https://news.example/story\n", "Statement from the Secretary-General, 12 June 2016. Attacks.",
         date(2016, 6, 12), "dateline"),
        ("Source URL: https://news.example/story\n", "Remarks after the meeting - GENEVA, 3 May 2017 - Families fled.",
         date(2017, 5, 3), "dateline"),
        ("Source URL: https://news.example/story\nPublished: not on the page\n", "Families fled.", None, "unknown"),
        ("Source URL: https://news.example/story\nPublished: February 2020\n", "Families fled.", date(2020, 2, 29),
         "stated month"),
    ],
)
def test_a_page_without_a_stated_date_is_read(header: str, body: str, expected: date | None, how: str) -> None:
    article = parse_article(f"Title: Families flee\n{header}\n{body}\n", "a.txt")
    assert (article.published_date, article.published_from) == (expected, how)


def test_a_page_without_a_publisher_is_credited_to_its_host() -> None:
    article = parse_article("Title: t\nSource URL: https://www.news.example/a\nPublished: 2020-01-01\n\nbody\n")
    assert (article.publisher, article.publisher_from) == ("news.example", "source URL host")


@pytest.mark.parametrize(("title", "url", "expected", "how"), [
    ("Syria: Flash Update No. 3, 12 June 2016", "https://news.example/report/flash-3", date(2016, 6, 12), "title"),
    ("Situation Report 12/06/2016", "https://news.example/report/sitrep", date(2016, 6, 12), "title"),
    ("Syria: Flash Update No. 3, 12 June 2016", "https://news.example/2016/06/14/flash-3", date(2016, 6, 14),
     "source URL path"),
    ("Families flee", "https://news.example/story", None, "unknown"),
])
def test_a_report_dated_in_its_title(title: str, url: str, expected: date | None, how: str) -> None:
    """A report that states its date only in its title ("Flash Update No. 3, 12 June 2016") is dated by it."""
    article = parse_article(f"Title: {title}\nSource URL: {url}\n\nFamilies fled.\n", "a.txt")
    assert (article.published_date, article.published_from) == (expected, how)
