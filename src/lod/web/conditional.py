"""Validators and conditional requests (RFC 9110, section 13): ETag, Last-Modified, 304 Not Modified."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime

__all__ = ["Validators", "not_modified"]


@dataclass(frozen=True)
class Validators:
    """A strong entity tag (without quotes) and the last modification time of one representation."""

    etag: str
    last_modified: datetime

    def headers(self) -> dict[str, str]:
        return {"ETag": f'"{self.etag}"', "Last-Modified": http_date(self.last_modified)}


def http_date(moment: datetime) -> str:
    """An IMF-fixdate: ``Sun, 01 Dec 2019 14:56:00 GMT``."""
    return format_datetime(moment.astimezone(timezone.utc).replace(microsecond=0), usegmt=True)


def not_modified(validators: Validators, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """Whether a GET or HEAD may be answered with 304.

    ``If-None-Match`` wins when present (weak comparison, ``*`` matches); otherwise
    ``If-Modified-Since`` is compared at one-second resolution and ignored when it is not a date.
    """
    if if_none_match is not None:
        tags = [tag.strip() for tag in if_none_match.split(",")]
        return any(tag == "*" or tag.removeprefix("W/") == f'"{validators.etag}"' for tag in tags)
    if if_modified_since is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, OverflowError):  # not a date, or a year no datetime can hold
            return False
        if since.tzinfo is None:
            return False
        return validators.last_modified.replace(microsecond=0) <= since
    return False
