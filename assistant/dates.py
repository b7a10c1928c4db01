"""Partial ISO dates ("2017", "2017-12", "2017-12-06"): ranges, ordering and recency; and the days
a question writes out ("30 January 2025")."""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = "january february march april may june july august september october november december".split()
_MONTH = r"(?P<month>" + "|".join(MONTHS) + r"|" + "|".join(m[:3] for m in MONTHS) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s+{_YEAR}\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"(?<![\d\w])(?<!\d\s){_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE)
_ISO_DAY = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
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


def question_dates(question: str) -> set[str]:
    """Every day the question writes out ('30 January 2025', 'January 30, 2025', '2025-01-30'), ISO."""
    found = set()
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO_DAY):
        for match in pattern.finditer(question):
            day = _iso_day(match.group("year"), match.group("month"), match.group("day"))
            if day:
                found.add(day)
    return found


def question_months(question: str) -> set[str]:
    """Every month the question names with its year and no day ('in November 2024'), as 'YYYY-MM'."""
    found = set()
    for match in _MONTH_YEAR.finditer(question):
        found.add(f"{match.group('year')}-{_month_number(match.group('month')):02d}")
    return found


def _month_number(name: str) -> int:
    return 1 + [m[:3] for m in MONTHS].index(name[:3].lower())


def _iso_day(year: str, month: str, day: str) -> str | None:
    number = int(month) if month.isdigit() else _month_number(month)
    try:
        return dt.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def human_date(value: str | None) -> str:
    """'2025-01-30' as '30 January 2025' (partial dates as they are)."""
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return value or ""
    return f"{day.day} {MONTHS[day.month - 1].capitalize()} {day.year}"


def date_spans(question: str) -> list[tuple[int, int]]:
    """The spans of the days the question writes out (see :func:`question_dates`)."""
    return [m.span() for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO_DAY) for m in pattern.finditer(question)]
