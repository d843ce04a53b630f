import datetime as dt

from generator.temporal.values import DAY, MONTH, YEAR, describe, precision, span

D = dt.date


def test_spans_of_values():
    assert span("2024-06") == (D(2024, 6, 1), D(2024, 6, 30))
    assert span("2025-04-28") == (D(2025, 4, 28), D(2025, 4, 28))
    assert span("2025-04-28TMO") == (D(2025, 4, 28), D(2025, 4, 28))
    assert span("2025-W17") == (D(2025, 4, 21), D(2025, 4, 27))
    assert span("2025-W17-WE") == (D(2025, 4, 26), D(2025, 4, 27))
    assert span("2024-FA") == (D(2024, 9, 1), D(2024, 11, 30))
    assert span("2024-WI") == (D(2024, 12, 1), D(2025, 2, 28))
    assert span("195X") == (D(1950, 1, 1), D(1959, 12, 31))
    assert span("P6M") is None and span("PRESENT_REF") is None and span("XXXX-06") is None


def test_precision_orders_values():
    assert precision("2024-06-01") == DAY and precision("2024-06") == MONTH
    assert precision("2024") == YEAR and precision("2024-FA") < YEAR


def test_describe_reads_as_a_reader_would():
    assert describe("2025-04-26") == "26 April 2025"
    assert describe("2024-06") == "June 2024"
    assert describe("2024-FA") == "autumn 2024"
    assert describe("195X") == "the 1950s"
