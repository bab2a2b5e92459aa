import pytest

from communique.events.dates import is_before, resolve


@pytest.mark.parametrize("expr,pub,want", [
    ("on Friday", "2024-01-13", ("2024-01-12", "day")),          # Saturday article
    ("on Monday", "2023-05-09", ("2023-05-08", "day")),
    ("Tuesday", "2022-06-28", ("2022-06-28", "day")),            # same weekday = that day
    ("last Tuesday", "2022-06-28", ("2022-06-21", "day")),
    ("next Monday", "2022-06-28", ("2022-07-04", "day")),
    ("yesterday", "2021-03-01", ("2021-02-28", "day")),
    ("today", "2021-03-01", ("2021-03-01", "day")),
    ("last November", "2023-05-09", ("2022-11", "month")),
    ("in March", "2021-10-31", ("2021-03", "month")),
    ("in November", "2024-01-13", ("2023-11", "month")),
    ("early February", "2023-05-09", ("2023-02", "month")),
    ("next March", "2023-05-09", ("2024-03", "month")),
    ("earlier this month", "2022-06-28", ("2022-06", "month")),
    ("last month", "2024-01-13", ("2023-12", "month")),
    ("in 2019", "2022-06-28", ("2019", "year")),
    ("last year", "2022-06-28", ("2021", "year")),
    ("January 12, 2024", "2024-01-13", ("2024-01-12", "day")),
    ("12 January", "2024-01-13", ("2024-01-12", "day")),
    ("December 30", "2024-01-13", ("2023-12-30", "day")),
    ("on March 28", "2019-03-06", ("2019-03-28", "day")),        # in the coming weeks: still to come
    ("on June 28", "2019-03-06", ("2018-06-28", "day")),         # months ahead: last year's
    ("2020-05-04", None, ("2020-05-04", "day")),
    ("the weekend", "2024-01-13", (None, None)),
])
def test_resolve(expr, pub, want):
    assert resolve(expr, pub) == want


def test_no_publication_date_keeps_explicit_parts():
    assert resolve("March 2021", None) == ("2021-03", "month")
    assert resolve("on Friday", None) == (None, None)


def test_is_before():
    assert is_before("2022-11", "2023-05-09", 25)
    assert not is_before("2023-05-08", "2023-05-09", 25)
    assert is_before("2019", "2022-06-28", 25)
    assert not is_before(None, "2022-06-28", 25)
