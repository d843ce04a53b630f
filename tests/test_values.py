import datetime as dt

from generator.temporal.values import DAY, MONTH, YEAR, describe, is_valid, precision, span

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


def test_is_valid_accepts_timex3_values_of_real_dates_and_times():
    for value, type_ in [
        ("2016-02-29", "DATE"), ("2024-06", "DATE"), ("2024", "DATE"), ("0001", "DATE"),
        ("9999-12-31", "DATE"), ("2020-W53", "DATE"), ("2025-W17-WE", "DATE"),
        ("9999-W52", "DATE"), ("2024-Q3", "DATE"), ("2024-H2", "DATE"), ("2024-WI", "DATE"),
        ("195", "DATE"), ("195X", "DATE"), ("19", "DATE"), ("XXXX-02-29", "DATE"),
        ("XXXX-WXX-WE", "DATE"), ("PAST_REF", "DATE"), ("2025-03-14T13:59", "TIME"),
        ("2025-03-14T23:59:59", "TIME"), ("2025-04-28TNI", "TIME"), ("XXXX-XX-XXTMO", "TIME"),
        ("P3D", "DURATION"), ("P1.5Y", "DURATION"), ("PT5H30M", "DURATION"),
        ("P2W3DT12H", "DURATION"), ("PXDE", "DURATION"), ("P1W", "SET"),
        ("XXXX-WXX-3TNI", "SET"), ("XXXX-03", "SET"),
    ]:
        assert is_valid(value, type_), (value, type_)


def test_is_valid_rejects_impossible_dates_times_and_malformed_values():
    for value, type_ in [
        ("2025-03-14T13:67", "TIME"), ("2025-03-14T29:00", "TIME"), ("2014-02-29", "DATE"),
        ("10000-01", "DATE"), ("0000-11", "DATE"), ("0000", "DATE"), ("-10", "DATE"),
        ("-001-Q4", "DATE"), ("2025-13", "DATE"), ("2025-W53", "DATE"), ("9999-W52-WE", "DATE"),
        ("XXXX-02-30", "DATE"), ("2025-03-14", "TIME"), ("2025-03T10:00", "TIME"),
        ("P", "DURATION"), ("PT", "DURATION"), ("P1YT", "DURATION"), ("P-1D", "DURATION"),
        ("2025", "DURATION"), ("now", "DATE"), ("", "DATE"), ("2025-04-28", "EVENT"),
    ]:
        assert not is_valid(value, type_), (value, type_)


def test_span_of_values_at_the_calendar_ends_stays_inside_it():
    assert span("9999-W52") == (D(9999, 12, 27), D(9999, 12, 31))
    assert span("9999-WI") == (D(9999, 12, 1), D(9999, 12, 31))
    assert span("00") == (D(1, 1, 1), D(99, 12, 31))
    assert span("0000") is None and span("9999-W52-WE") is None
