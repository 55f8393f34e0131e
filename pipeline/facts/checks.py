"""Self-checks that turn a doubtful value into a warning naming its field: the inspection's
dates against each other, the publication date and the days on site the framework allows."""

from __future__ import annotations

from datetime import date

from pipeline.frameworks import Framework

MAX_DAYS_TO_PUBLICATION = 365  # the archive's longest gap from the last day on site is 203 days


def days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days


def date_warnings(framework: Framework | None, ranges: list[tuple[str, str]], published: str | None) -> list[str]:
    warnings = []
    for (_, end), (start, _) in zip(ranges, ranges[1:]):
        if start <= end:
            warnings.append("inspection_dates: the printed date ranges overlap or run backwards")
            break
    limit = framework.max_days_on_site if framework else None
    for start, end in ranges:
        if limit and days(start, end) + 1 > limit:
            warnings.append(
                f"inspection_dates: {start} to {end} is {days(start, end) + 1} days on site, more than the "
                f"{limit} this framework's inspections take"
            )
    if ranges and published:
        last = max(end for _, end in ranges)
        if published < last:
            warnings.append(f"published: {published} is before the inspection ended ({last})")
        elif days(last, published) > MAX_DAYS_TO_PUBLICATION:
            warnings.append(f"published: {published} is more than a year after the inspection ended ({last})")
    return warnings
