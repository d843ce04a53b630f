from generator.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_sentences_split_at_full_stops():
    assert texts("One thing happened. Then another.") == ["One thing happened.", "Then another."]


def test_abbreviations_and_initials_do_not_split():
    assert texts("Gen. Smith met Mr. J. Doe in the U.S. on Monday. He left.") == [
        "Gen. Smith met Mr. J. Doe in the U.S. on Monday.", "He left."]


def test_closing_quotes_stay_with_their_sentence():
    assert texts('He said: “We won.” Others disagreed.') == ['He said: “We won.”', "Others disagreed."]


def test_lowercase_continuation_is_not_a_new_sentence():
    assert texts("It rose 3.5 per cent. e.g. not split") == ["It rose 3.5 per cent. e.g. not split"]


def test_offsets_point_into_the_text():
    text = "First one.  Second one.\n\nThird."
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
    assert len(split_sentences(text)) == 3
