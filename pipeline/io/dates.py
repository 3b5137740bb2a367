"""Dates of provenance in one form: ISO 8601 in UTC to the second (`2024-05-01T10:00:00Z`)."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime


def iso_utc(value: str) -> str | None:
    """The date in `YYYY-MM-DDTHH:MM:SSZ`, or None when it cannot be read as a date.

    Accepts ISO 8601 (with or without time and offset; a missing offset is taken as UTC,
    as WARC and most crawlers write) and RFC 2822 (`Tue, 01 May 2024 10:00:00 GMT`, HTTP
    and e-mail headers). A bare year or a Unix timestamp is not guessed at.
    """
    text = value.strip()
    if not text or (text.isdigit() and len(text) != 8):  # 8 digits: ISO's basic 20240501
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
