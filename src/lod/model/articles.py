"""Reading an article file into an ``Article``.

Two forms, which may be combined:

* a header block of ``Key: value`` lines (``Title``, ``Source URL``, optionally ``Publisher``, ``Published``,
  ``Author``, ``Language``), a blank line, then the body;
* the seed's page form: a ``Print this page`` line, the date line, the title, the body and a
  ``(Source: ...)`` credit.

A page that states no (readable) date is not refused: the date comes from the source URL's path, else from a full
date in the title, else from a dateline at the head of the body, else it stays unknown (``published`` is None); ``published_from`` says which.
A page that names no publisher gets the URL's host (``publisher_from``).

Offsets in records refer to ``Article.body``; ``Article.position`` turns one into ``file:line:col``.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from lod.errors import ArticleError, Where
from lod.rdf.iri import iri_problem
from lod.rdf.uris import canonical_url, digest

HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "source url": "url",
    "url": "url",
    "source": "url",
    "publisher": "publisher",
    "published": "published",
    "date": "published",
    "author": "author",
    "language": "language",
}
REQUIRED = ("title", "url")
# How the publication date was found (``Article.published_from``)
STATED, STATED_MONTH, URL_PATH, TITLE, DATELINE, UNKNOWN = ("stated", "stated month", "source URL path", "title", "dateline",
                                                         "unknown")
# How the publisher was found (``Article.publisher_from``)
URL_HOST = "source URL host"
PAGE_MARK = "Print this page"
MAX_BYTES = 5_000_000

# month names (lod/rules/months.yaml): English, with "Sept" and the three-letter forms, and a page's date line in the
# outlet's own language ("Güncelleme Tarihi: 20 Ağustos 2013", "publié le 5 février 2016")
_MONTH_DATA = yaml.load((Path(__file__).resolve().parents[1] / "rules" / "months.yaml").read_text(encoding="utf-8"),
                        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
MONTH_NAMES: tuple[str, ...] = tuple(str(name) for name in _MONTH_DATA["english"])
_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: num for name, num in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTHS.update({str(name): number for number, names in enumerate(_MONTH_DATA["other_languages"], start=1) for name in names})

_MON = r"(?P<mon>[^\W\d_]{3,9})\.?"
_TIME = r"(?:,?\s*(?:at\s*)?(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
_DATE_PATTERNS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2}))?"),
    # "03. Jul 2018", "16th March, 2018", "1 de dezembro de 2024"
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+|de\s+)?" + _MON + r"\s*(?:[,\u060c]\s*|\s)(?:de\s+)?(?P<y>\d{4})" + _TIME),
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*(?:[,\u060c]\s*|\s)(?P<y>\d{4})" + _TIME),  # also "May 20,2013"
    # "7/5/2012 12:00:00 AM": a 12-hour clock with seconds after slashes is the month-first form of US-English software
    re.compile(r"(?<!\d)(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\s+(?P<h>\d{1,2}):(?P<mi>\d{2}):\d{2}\s*(?P<ampm>[AaPp][Mm])\b"),
    re.compile(r"(?P<d>\d{1,2})([./-])(?P<m>\d{1,2})\2(?P<y>\d{4})"),  # "23.07.2019", "14-10-2019": day first
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)([./-])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?!\d)"),  # "2016/03/05", "2016.03.10", "2018-3-15"
    # "03/15/2018": month first, when the day first cannot be read (the second number is over 12)
    re.compile(r"(?<!\d)(?P<m>\d{1,2})([./-])(?P<d>1[3-9]|2\d|3[01])\2(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})-" + _MON + r"-(?P<y>\d{4})"),  # "15-Mar-2018"
    re.compile(_MON + r"-(?P<d>\d{1,2})-(?P<y>\d{4})"),  # "Mar-15-2018"
    re.compile(r"(?P<y>(?:19|20)\d\d)\s+" + _MON + r"\s+(?P<d>\d{1,2})(?!\d)"),  # "2018 March 15"
    re.compile(r"(?<![\w])(?P<d>\d{1,2})(?P<mon>[^\W\d_]{3,9})(?P<y>(?:19|20)\d\d)(?!\d)"),  # "21FEB2020" (a video's slate)
    re.compile(r"(?<![\d-])(?P<d>\d{1,2})-" + _MON + r"-(?P<yy>\d{2})(?![\d-])"),  # "15-Mar-18"
    re.compile(r"(?<![\d-])(?P<d>\d{1,2})\s+" + _MON + r"\s+(?P<yy>\d{2})(?![\d:.,])"),  # "02 Mar 20"
    # a year in two digits ("Posted: 21.12.16", "12/21/16"): day first, or month first when the day cannot be first
    re.compile(r"(?<![\d./])(?P<d>\d{1,2})([./])(?P<m>\d{1,2})\2(?P<yy>\d{2})(?![\d./])"),
    re.compile(r"(?<![\d./])(?P<m>\d{1,2})([./])(?P<d>1[3-9]|2\d|3[01])\2(?P<yy>\d{2})(?![\d./])"),
]


@dataclass(frozen=True)
class Article:
    """One article: its metadata and the body text that spans point into."""

    path: str
    title: str
    url: str
    publisher: str
    published: datetime | date | None
    published_text: str
    body: str
    body_line: int = 1
    author: str | None = None
    language: str = "en"
    published_from: str = STATED  # STATED, STATED_MONTH, URL_PATH, TITLE, DATELINE or UNKNOWN (then ``published`` is None)
    publisher_from: str = STATED  # STATED or URL_HOST

    @cached_property
    def key(self) -> str:
        """Stable key: a hash of the canonical source URL (worked out once per article: extraction asks for it often)."""
        return digest(canonical_url(self.url))

    @property
    def published_date(self) -> date | None:
        """The publication day; None when neither the header, the URL nor a dateline gives one."""
        return self.published.date() if isinstance(self.published, datetime) else self.published

    @property
    def sha256(self) -> str:
        """Checksum of the body snapshot the offsets refer to."""
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()

    def position(self, offset: int) -> Where:
        """The ``file:line:col`` of a body offset."""
        before = self.body[:offset]
        line = self.body_line + before.count("\n")
        column = offset - (before.rfind("\n") + 1) + 1
        return Where(self.path, line, column)


def parse_date(text: str) -> datetime | date | None:
    """The first date (and time, if given) in ``text``; None when there is none.

    >>> parse_date("Sunday, 01 December 2019 14:56")
    datetime.datetime(2019, 12, 1, 14, 56)
    >>> parse_date("Published 23.07.2019 00:21")
    datetime.date(2019, 7, 23)
    >>> parse_date("03. Jul 2018")
    datetime.date(2018, 7, 3)
    >>> parse_date("14-10-2019")
    datetime.date(2019, 10, 14)
    >>> parse_date("16th March, 2018 02:24:52")
    datetime.datetime(2018, 3, 16, 2, 24)
    >>> parse_date("2016/03/05")
    datetime.date(2016, 3, 5)
    >>> parse_date("7/5/2012 12:00:00 AM"), parse_date("7/5/2012 12:00"), parse_date("2/5/2018")
    (datetime.datetime(2012, 7, 5, 0, 0), datetime.date(2012, 5, 7), datetime.date(2018, 5, 2))
    >>> parse_date("03/15/2018"), parse_date("15-Mar-2018")
    (datetime.date(2018, 3, 15), datetime.date(2018, 3, 15))
    >>> parse_date("May 20,2013"), parse_date("20 May ,2013"), parse_date("24 March\u060c 2018")  # an Arabic comma
    (datetime.date(2013, 5, 20), datetime.date(2013, 5, 20), datetime.date(2018, 3, 24))
    >>> parse_date("2018-3-15"), parse_date("Mar-15-2018"), parse_date("2018 March 15"), parse_date("15-Mar-18")
    (datetime.date(2018, 3, 15), datetime.date(2018, 3, 15), datetime.date(2018, 3, 15), datetime.date(2018, 3, 15))
    >>> parse_date("Posted: 21.12.16"), parse_date("12/21/16"), parse_date("version 1.2.3.4")
    (datetime.date(2016, 12, 21), datetime.date(2016, 12, 21), None)
    >>> parse_date("21FEB2020"), parse_date("21FEB20")
    (datetime.date(2020, 2, 21), None)
    >>> parse_date("02 Mar 20"), parse_date("the 15 March 20:00 meeting")
    (datetime.date(2020, 3, 2), None)
    >>> parse_date("Güncelleme Tarihi: 20 Ağustos 2013, 18:11"), parse_date("publié le 5 février 2016")
    (datetime.datetime(2013, 8, 20, 18, 11), datetime.date(2016, 2, 5))
    """
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else _MONTHS.get((parts.get("mon") or "").lower())
            if not month:
                continue
            year = int(parts["y"]) if parts.get("y") else int(parts["yy"]) + (1900 if int(parts["yy"]) >= 70 else 2000)
            try:
                day = date(year, month, int(parts["d"]))
            except ValueError:
                continue
            if parts.get("h") is None:
                return day
            hour = int(parts["h"]) % 24
            ampm = (parts.get("ampm") or "").lower().replace(".", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
            return datetime(day.year, day.month, day.day, hour, int(parts["mi"]))
    return None


def read_article(path: str | Path) -> Article:
    """Read and parse an article file.

    Raises:
        ArticleError: unreadable, not UTF-8, too large, a malformed header or a missing field.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(Where(str(path)), f"cannot read article: {exc.strerror}") from None
    return article_from_bytes(raw, path)


def article_from_bytes(raw: bytes, path: str | Path) -> Article:
    """Parse an article's bytes (as read from a file, or sent over HTTP), named ``path`` in errors.

    Raises:
        ArticleError: too large, not UTF-8, a malformed header or a missing field.
    """
    if len(raw) > MAX_BYTES:
        raise ArticleError(Where(str(path)), f"article is {len(raw)} bytes, more than the {MAX_BYTES} allowed")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ArticleError(Where(str(path), line, column), "article is not valid UTF-8") from None
    return parse_article(text, str(path))


def parse_article(text: str, path: str = "<article>") -> Article:
    """Parse article text (see the module docstring for the forms).

    Raises:
        ArticleError: a malformed header or a missing required field, with ``file:line:col``.
    """
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    fields: dict[str, str] = {}
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines) and lines[index].strip() != PAGE_MARK:
        index = _read_header(lines, index, fields, path)
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines) and lines[index].strip() == PAGE_MARK:
        index = _read_page_form(lines, index + 1, fields)
    while index < len(lines) and not lines[index].strip():
        index += 1
    body = "\n".join(lines[index:]).rstrip()
    body_line = index + 1
    if "author" not in fields:
        credit = re.search(r"\(Source:\s*([^)]+)\)\s*$", body)
        if credit:
            fields["author"] = credit.group(1).strip()
    missing = [name for name in REQUIRED if not fields.get(name)]
    if missing:
        raise ArticleError(Where(path, 1, 1), "article header lacks " + ", ".join(_label(m) for m in missing))
    if not body.strip():
        raise ArticleError(Where(path, body_line, 1), "article has an empty body")
    problem = iri_problem(fields["url"])
    if problem is not None:
        offset, reason = problem
        line, column = next(((i + 1, ln.index(fields["url"]) + 1) for i, ln in enumerate(lines) if fields["url"] in ln), (1, 1))
        raise ArticleError(Where(path, line, column + offset), f"Source URL is not an IRI: {reason}: {fields['url']!r}")
    published, published_from = _publication_date(fields.get("published", ""), fields["url"], body, fields["title"])
    publisher, publisher_from = fields.get("publisher"), STATED
    if not publisher:
        publisher, publisher_from = url_host(fields["url"]), URL_HOST
    return Article(
        path=path,
        title=fields["title"],
        url=fields["url"],
        publisher=publisher,
        published=published,
        published_text=fields.get("published", ""),
        body=body,
        body_line=body_line,
        author=fields.get("author"),
        language=fields.get("language", "en"),
        published_from=published_from,
        publisher_from=publisher_from,
    )


_URL_DAY = re.compile(r"[/_-]((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)")
# "/2019/dec/22/", "/2014/Mar-21/", "/20191222-story": a month's name, or the eight digits of a day
_URL_DAY_NAMED = re.compile(r"/((?:19|20)\d\d)/([a-z]{3,9})[/-](\d{1,2})(?=[/_.-]|$)", re.IGNORECASE)
_URL_DAY_COMPACT = re.compile(r"[/_-]((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})(?=/|$)")
# "/15-06-2016/": the day first, as most of the world writes it (the month first when the day cannot be one)
_URL_DAY_FIRST = re.compile(r"[/_-](\d{1,2})[-_.](\d{1,2})[-_.]((?:19|20)\d\d)(?=[/_.-]|$)")
# "?date=2016-06-15", "&pubdate=20160615": a query field named for a date
_URL_QUERY_DAY = re.compile(r"(?:^|&)[a-z_]*date[a-z_]*=((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?=&|$)",
                            re.IGNORECASE)
_DATELINE_CHARS = 300  # a dateline is at the head of the body
# a word opening a period with the date right after it ("since 1 June", "from March 3"): that date is the
# period's, and a dateline, if any, comes before it ("Statement from the Secretary-General, 12 June" has none)
_PERIOD_OPENS = re.compile(r"\b(?:[Ss]ince|[Ff]rom|[Bb]etween|[Uu]ntil|[Tt]ill|[Aa]fter|[Bb]efore)\s+(?:the\s+)?"
                           r"(?=\d|(?:%s)\b)" % "|".join(sorted(_MONTHS, key=len, reverse=True)), re.IGNORECASE)


def _publication_date(stated: str, url: str, body: str, title: str = "") -> tuple[datetime | date | None, str]:
    """The stated date (a stated month is its last day); else a date in the source URL's path (``/2019/12/22/``; ``/2020/02/`` is the month's
    last day); else a full date in the title (a report's: "Flash Update No. 3, 12 June 2016"); else a full date at
    the head of the body (a dateline); else None, with how it was found.

    >>> _publication_date("", "https://example.org/2019/12/22/story", "Text.")
    (datetime.date(2019, 12, 22), 'source URL path')
    >>> _publication_date("", "https://example.org/world/2019/dec/22/story", "Text.")
    (datetime.date(2019, 12, 22), 'source URL path')
    >>> _publication_date("", "https://example.org/news/20191222-story", "Text.")
    (datetime.date(2019, 12, 22), 'source URL path')
    >>> _publication_date("", "https://example.org/news/story", "BEIRUT, 27 December 2019 - Text.")
    (datetime.date(2019, 12, 27), 'dateline')
    >>> _publication_date("", "https://example.org/report/3", "Text.", "Flash Update No. 3, 12 June 2016")
    (datetime.date(2016, 6, 12), 'title')
    >>> _publication_date("", "https://example.org/news/story", "Since 1 June 2016, 45,000 people have fled.")
    (None, 'unknown')
    >>> _publication_date("", "https://example.org/news/story", "Statement from the Secretary-General, 12 June 2016.")
    (datetime.date(2016, 6, 12), 'dateline')
    >>> _publication_date("", "https://example.org/news/story", "Text without a date.")
    (None, 'unknown')
    """
    found = parse_date(stated) if stated else None
    if found is not None:
        return found, STATED
    month_only = re.search(r"\b([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d\d)\b", stated)
    if month_only and month_only.group(1).lower() in _MONTHS:
        year, number = int(month_only.group(2)), _MONTHS[month_only.group(1).lower()]
        return date(year, number, calendar.monthrange(year, number)[1]), STATED_MONTH
    path = urlsplit(url).path
    for day in (_URL_DAY.search(path), _URL_DAY_COMPACT.search(path), _URL_QUERY_DAY.search(urlsplit(url).query)):
        if day:
            try:
                return date(int(day.group(1)), int(day.group(2)), int(day.group(3))), URL_PATH
            except ValueError:
                pass
    first = _URL_DAY_FIRST.search(path)
    if first:
        a, b, year = int(first.group(1)), int(first.group(2)), int(first.group(3))
        try:
            return (date(year, b, a) if b <= 12 else date(year, a, b)), URL_PATH
        except ValueError:
            pass
    named = _URL_DAY_NAMED.search(path)
    if named and named.group(2).lower() in _MONTHS:
        try:
            return date(int(named.group(1)), _MONTHS[named.group(2).lower()], int(named.group(3))), URL_PATH
        except ValueError:
            pass
    month = _URL_MONTH.search(path)
    if month and 1 <= int(month.group(2)) <= 12:
        year, number = int(month.group(1)), int(month.group(2))
        return date(year, number, calendar.monthrange(year, number)[1]), URL_PATH
    titled = parse_date(title) if title else None
    if titled is not None:
        return titled, TITLE
    lead = body[:_DATELINE_CHARS]
    period = _PERIOD_OPENS.search(lead)  # "Since 1 June 2016, 45,000 have fled": a period's start, no dateline
    head = parse_date(lead[: period.start()] if period else lead)
    if head is not None:
        return head, DATELINE
    return None, UNKNOWN


def url_host(url: str) -> str:
    """The host of a URL without ``www.``: the publisher of a page that names none.

    >>> url_host("https://www.example.org/news/1")
    'example.org'
    """
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def _label(name: str) -> str:
    return {"title": "Title", "url": "Source URL", "publisher": "Publisher", "published": "Published"}[name]


def _read_header(lines: list[str], index: int, fields: dict[str, str], path: str) -> int:
    """Read ``Key: value`` lines up to the first blank line."""
    while index < len(lines) and lines[index].strip():
        line = lines[index]
        key, sep, value = line.partition(":")
        name = HEADER_KEYS.get(key.strip().lower())
        if not sep or name is None:
            if not fields:
                return index  # no header at all: the file is body only (page form or bare text)
            column = len(key) + 1 if not sep else 1
            what = "has no ':'" if not sep else f"has an unknown key {key.strip()!r}"
            raise ArticleError(Where(path, index + 1, column), f"header line {what} (expected one of Title, Source URL, Publisher, Published)")
        if not value.strip():
            raise ArticleError(Where(path, index + 1, len(key) + 2), f"header field {key.strip()!r} is empty")
        fields[name] = value.strip()
        index += 1
    return index


def _read_page_form(lines: list[str], index: int, fields: dict[str, str]) -> int:
    """After ``Print this page``: the date line, then the title; return where the body starts."""
    found: list[str] = []
    while index < len(lines) and len(found) < 2:
        if lines[index].strip():
            found.append(lines[index].strip())
        index += 1
    if found:
        fields.setdefault("published", found[0])
    if len(found) > 1:
        fields.setdefault("title", found[1])
    return index
