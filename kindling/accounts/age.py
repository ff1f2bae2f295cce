"""Age arithmetic at sign-up. The birth date is used here once and then forgotten."""

from __future__ import annotations

import datetime as dt

MINIMUM_AGE = 13


def birthday_at_age(birth_date: dt.date, years: int) -> dt.date:
    """The date a person born on `birth_date` turns `years`; 29 February birthdays count from 1 March."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:
        return dt.date(birth_date.year + years, 3, 1)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
