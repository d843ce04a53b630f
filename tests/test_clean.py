from generator.clean import clean_body, is_clutter


def numbered(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), 1))


def test_clutter_lines_are_recognised():
    for line in ["Leave a Reply", "Post a Comment", "Comments", "Share.", "Exit mobile version",
                 "Loading Next Post...", "Signing-in 3 seconds...", "Search",
                 "david.cWorld News4 hours ago6 Views", "Related News: Something else happens",
                 "#Putin #Speaks #North #Koreas #Role", "Advertisement"]:
        assert is_clutter(line), line


def test_reporting_lines_are_not_clutter():
    for line in ["The minister said on Monday that talks would resume.",
                 "Share prices fell 4% on Tuesday.",
                 "Comments by the president drew criticism from allies."]:
        assert not is_clutter(line), line


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    _, paragraphs = clean_body(numbered("The army said its troops had\nreached the town on\nFriday."), None)
    assert [p.text for p in paragraphs] == ["The army said its troops had reached the town on Friday."]


def test_each_finished_line_stays_its_own_paragraph():
    _, paragraphs = clean_body(numbered("First line ends here.\nSecond line too."), None)
    assert [p.text for p in paragraphs] == ["First line ends here.", "Second line too."]


def test_headline_run_into_first_paragraph_is_separated_without_title():
    body = numbered("Rebels seize the capital after a week of fighting\n"
                    "Rebel forces took control of the capital on Sunday.")
    headline, paragraphs = clean_body(body, None)
    assert headline == "Rebels seize the capital after a week of fighting"
    assert paragraphs[0].text == "Rebel forces took control of the capital on Sunday."


def test_headline_equal_to_the_title_is_dropped_from_the_body():
    body = numbered("Storm Hits Coast\n\nThe storm hit the coast on Monday.")
    headline, paragraphs = clean_body(body, "Storm hits coast")
    assert headline == "Storm Hits Coast"
    assert [p.text for p in paragraphs] == ["The storm hit the coast on Monday."]


def test_wrapped_first_line_is_not_taken_for_a_headline():
    body = numbered("The government said on Monday that the\nnew rules would apply from June.")
    headline, paragraphs = clean_body(body, None)
    assert headline is None
    assert len(paragraphs) == 1


def test_paragraphs_remember_their_first_line():
    _, paragraphs = clean_body(numbered("Leave a Reply\n\nOne sentence here.\n\nAnother one."), None)
    assert [p.line for p in paragraphs] == [3, 5]
