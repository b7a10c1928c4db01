"""Partial ISO dates ('2017', '2017-12', '2017-12-06'): ranges, ordering and recency."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last day a partial date covers, or None when it is not a date."""
    match = _PARTIAL.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return value, value  # type: ignore[return-value]
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def in_range(value: str | None, since: str | None, until: str | None) -> bool:
    """Whether a partial date overlaps [since, until]; undated documents never match a range."""
    if not since and not until:
        return True
    bounds = date_bounds(value)
    if bounds is None:
        return False
    since_bounds = date_bounds(since) if since else None
    until_bounds = date_bounds(until) if until else None
    if since_bounds and bounds[1] < since_bounds[0]:
        return False
    return not (until_bounds and bounds[0] > until_bounds[1])


def sort_key(value: str | None) -> str:
    """A key that orders dates oldest first, undated before everything."""
    bounds = date_bounds(value)
    return bounds[0] if bounds else "0000-00-00"


def years_old(value: str | None, today: dt.date | None = None) -> float | None:
    """Age in years of a partial date (from the middle of the span it covers)."""
    bounds = date_bounds(value)
    if bounds is None:
        return None
    start, end = (dt.date.fromisoformat(b) for b in bounds)
    middle = start + (end - start) / 2
    return ((today or dt.date.today()) - middle).days / 365.25


def parse_date_argument(value: str) -> str:
    """Validate a user-supplied date filter ('2019', '2019-03', '2019-03-31').

    Raises:
        ValueError: when it is not such a date.
    """
    value = value.strip()
    if date_bounds(value) is None:
        raise ValueError(f"{value!r} is not a date like 2019, 2019-03 or 2019-03-31")
    try:
        for bound in date_bounds(value) or ():
            dt.date.fromisoformat(bound)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date") from exc
    return value
