import datetime as dt

from generator.dating import anchored_span, clip_to, shift_days, value_for_span

D = dt.date


def test_less_than_months_later_spans_from_the_anchor():
    assert anchored_span((D(2024, 6, 1), D(2024, 6, 30)), "+P6M", "LESS_THAN") == (
        D(2024, 6, 1), D(2024, 12, 30))


def test_days_before_ends_the_day_before_the_anchor():
    start, end = anchored_span((D(2025, 4, 28), D(2025, 4, 28)), "-P3D", "LESS_THAN")
    assert end == D(2025, 4, 27) and start < end


def test_exact_offset_moves_the_anchor():
    assert anchored_span((D(2024, 1, 10), D(2024, 1, 10)), "+P1W", None) == (
        D(2024, 1, 17), D(2024, 1, 17))


def test_clip_cuts_at_the_publication_day():
    assert clip_to(D(2025, 1, 1), D(2025, 12, 31), D(2025, 4, 28)) == (D(2025, 1, 1), D(2025, 4, 28))
    assert clip_to(D(2025, 5, 1), D(2025, 5, 2), D(2025, 4, 28)) is None


def test_value_for_span_is_the_smallest_unit_holding_it():
    assert value_for_span(D(2024, 6, 3), D(2024, 6, 3)) == "2024-06-03"
    assert value_for_span(D(2024, 6, 1), D(2024, 6, 20)) == "2024-06"
    assert value_for_span(D(2024, 6, 1), D(2024, 12, 31)) == "2024"
    assert value_for_span(D(2021, 6, 1), D(2024, 12, 31)) == "202"


def test_mods_narrow_a_span_to_its_part():
    from generator.dating import narrow
    assert narrow(D(2024, 1, 1), D(2024, 12, 31), "END") == (D(2024, 9, 1), D(2024, 12, 31))
    assert narrow(D(2025, 1, 1), D(2025, 1, 31), "MID") == (D(2025, 1, 11), D(2025, 1, 21))
    assert narrow(D(2025, 1, 1), D(2025, 1, 31), None) == (D(2025, 1, 1), D(2025, 1, 31))


def test_anchored_span_past_the_calendar_s_ends_is_none():
    assert anchored_span((D(1, 1, 1), D(1, 1, 1)), "-P3D", "LESS_THAN") is None
    assert anchored_span((D(1, 3, 1), D(1, 3, 31)), "-P6M", None) is None
    assert anchored_span((D(9999, 12, 31), D(9999, 12, 31)), "+P1W", None) is None
    assert anchored_span((D(9999, 6, 1), D(9999, 6, 30)), "+P1Y", "LESS_THAN") is None


def test_shift_days_stays_inside_the_calendar():
    assert shift_days(D(1, 1, 5), -30) == D(1, 1, 1)
    assert shift_days(D(9999, 12, 20), 30) == D(9999, 12, 31)
    assert shift_days(D(2025, 4, 28), -2) == D(2025, 4, 26)


def test_a_short_offset_from_a_years_event_keeps_the_year():
    # "a month after the accident" of 2005 is some time in 2005, not the 2000s.
    assert anchored_span((D(2005, 1, 1), D(2005, 12, 31)), "+P1M", None) == (
        D(2005, 1, 1), D(2005, 12, 31))
    assert anchored_span((D(2005, 1, 1), D(2005, 12, 31)), "+P2Y", None) == (
        D(2007, 1, 1), D(2007, 12, 31))
