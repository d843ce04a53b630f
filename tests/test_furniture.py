import datetime as dt
import json
from pathlib import Path

from generator.articles import read_article
from generator.build import build, extract
from generator.clean import clean_body, is_clutter, reported_start
from generator.lexicon import DEFAULT_FAMILIES, trigger_table


def numbered(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), 1))


def texts(body: str) -> list[str]:
    return [p.text for p in clean_body(numbered(body), None)[1]]


def test_comment_and_widget_lines_are_clutter():
    for line in ["Report abuse", "Recommend (12)", "Reply", "12 comments", "Comments are closed",
                 "Sign in to comment", "You must be logged in to post a comment.", "RETWEET",
                 "Tweet", "Facebook Twitter Email", "Share this", "Related stories",
                 "More from Business", "Most popular", "Top stories", "Image caption Boats at dawn"]:
        assert is_clutter(line), line


def test_a_topic_pages_teasers_of_other_stories_are_clutter():
    assert is_clutter("Article | PORT ELLEN -- The company began a $3 million fund Monday.")
    assert is_clutter("Video | Divers inspect the wreck.")
    assert not is_clutter("Article 5 of the treaty was invoked on Monday.")


def test_a_comment_byline_ends_the_article_text():
    body = ("The council approved the new bridge on Tuesday.\n\n"
            "Great news for the town Posted by: walker22 | May 4, 2021 5:50 PM | Report abuse\n\n"
            "The mayor resigned on Friday, a reader claims.\n")
    assert texts(body) == ["The council approved the new bridge on Tuesday."]


def test_a_short_comment_byline_and_a_wrote_line_end_the_article_text():
    assert texts("The dam opened in June.\n\nBob | 5:50 PM | It leaks.\n\nMore.") == [
        "The dam opened in June."]
    assert texts("The dam opened in June.\n\nAt 2:10 pm on 04 May 2021, fenlady wrote: "
                 "It leaks.") == ["The dam opened in June."]


def test_a_comment_disclaimer_ends_the_article_text():
    body = ("The ferry resumed its crossings on Monday.\n\n"
            "Views expressed in the comments do not represent those of the Courier.\n\n"
            "The company was founded in 1999 as a newsletter.\n")
    assert texts(body) == ["The ferry resumed its crossings on Monday."]


def test_a_comments_heading_after_the_story_ends_it_but_not_in_a_menu():
    story = "The ferry service resumed on Monday after a two-week strike by crews. " * 8
    assert texts(f"{story}\n\n3 comments\n\nThe ferry sank, says one reader.") == [story.strip()]
    assert texts("Comments\n\nThe ferry service resumed on Monday.") == [
        "The ferry service resumed on Monday."]


def test_a_page_stamp_headline_and_photo_credit_leave_the_text():
    assert texts("Bridge shut 8 November 2021 Last updated at 14:07 GMT Help "
                 "The bridge was shut on Sunday.") == ["The bridge was shut on Sunday."]
    assert texts("Page last updated at 10:31 GMT, Tuesday, 12 May 2009\n\nThe flu spread.") == [
        "The flu spread."]
    assert texts("Photograph: Ann Lee/AFP/Getty Images Crews cleared the road on Friday.") == [
        "Crews cleared the road on Friday."]
    assert texts("Crews cleared the road (AP Photo/Ann Lee) on Friday.") == [
        "Crews cleared the road on Friday."]
    assert texts("Photo credit: Ann Lee/Getty Images Crews cleared the road.") == [
        "Crews cleared the road."]
    assert texts("Ann Lee/AFP/Getty Images Crews cleared the road.") == ["Crews cleared the road."]
    assert texts("Posted by Ann Lee on May 1, 2021 10:20 AM Posted by Bo Ng, on May 2, 2021 "
                 "9:10 AM") == []
    assert texts("Published 10 years ago, the guide sold well.") == [
        "Published 10 years ago, the guide sold well."]


def test_a_page_stamp_dates_an_article_without_a_date_header(write_article):
    path = write_article("a.txt", "Title: Verdict\n\n8 November 2021 Last updated at 14:07 GMT\n\n"
                                  "The jury found him guilty on 7 November 2021.\n")
    article, problems = read_article(path)
    assert article.date == dt.date(2021, 11, 8)
    assert "date stamp" in problems[0].message
    assert "Last updated" not in article.text


def test_a_page_stamp_never_overrides_the_date_header(write_article):
    path = write_article("a.txt", "Title: Verdict\nDate: 2021-11-07\n\n"
                                  "8 November 2021 Last updated at 14:07 GMT\n\n"
                                  "The jury found him guilty on Sunday.\n")
    article, _ = read_article(path)
    assert article.date == dt.date(2021, 11, 7)


def _site(tmp_path: Path, articles: dict[str, str]) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for name, text in articles.items():
        (content / "articles" / name).write_text(text)
    return content


def test_a_page_stamp_never_dates_an_event(tmp_path: Path):
    content = _site(tmp_path, {"a.md": "Title: Verdict\nDate: 2021-11-08\nPublisher: Post\n\n"
                                       "Trial ends 8 November 2021 Last updated at 14:07 GMT "
                                       "Help A jury found the builder guilty on Sunday.\n"})
    build(content, tmp_path / "out")
    events = json.loads((tmp_path / "out" / "events.json").read_text())["events"]
    assert events and all("GMT" not in e["title"] for e in events)
    assert all("Last updated" not in s["quote"] for e in events for s in e["sources"])
    assert [e["start"] for e in events] == ["2021-11-07"]



def quoted_start(sentence: str) -> str | None:
    start = reported_start(sentence)
    return None if start is None else sentence[start:]


def test_a_wire_dateline_stamp_and_byline_leave_the_quote_start():
    assert quoted_start("DENVER | Tue Mar 2, 2021 7:30 pm EST DENVER (Reuters) - A dam burst on "
                        "Tuesday.") == "A dam burst on Tuesday."
    assert quoted_start("S. Navy photo/Handout By Ann Lee, Science Correspondent PERTH | Mon Mar 1, "
                        "2021 10:40 pm EDT PERTH (Reuters) - The dam opened to visitors.") == (
        "The dam opened to visitors.")
    assert quoted_start("Fires spread fast By Ann Lee and Bo Ng Monday, March 1, 2021; 11:00 AM "
                        "The council said Monday that it would rebuild.") == (
        "The council said Monday that it would rebuild.")
    assert quoted_start("March 3, 2021 - 5:41 PM | by: Ann Lee Farmers say they were paid late.") == (
        "Farmers say they were paid late.")
    assert quoted_start("By Ann Lee and Bo O'Neil The town has repaid the loan.") == (
        "The town has repaid the loan.")


def test_a_dateline_and_a_photo_credit_leave_the_quote_start():
    assert quoted_start("PORT ELLEN, Scot. -- Divers reached the wreck on Friday.") == (
        "Divers reached the wreck on Friday.")
    assert quoted_start("(AP Photo) NEW HAVEN -- Crews started pumping water Friday.") == (
        "Crews started pumping water Friday.")
    assert quoted_start("Photograph: Ann Lee/AFP The mayor resigned yesterday.") == (
        "The mayor resigned yesterday.")
    assert quoted_start("Photograph: Ann Lee for the Herald The mayor resigned yesterday.") == (
        "The mayor resigned yesterday.")
    assert quoted_start("Divers at the pier on Friday Photograph: Ann Lee/Getty The wreck was found "
                        "on Friday.") == "The wreck was found on Friday."


def test_prose_with_dates_clocks_and_dashes_keeps_its_start():
    for sentence in ["The rig sank at 10:30 p.m. on Thursday, officials said.",
                     "On May 3, 2021 at 5:30 pm the well was capped.",
                     "The dam burst on Tuesday, March 2, 2021 10:00 pm and flooded the town.",
                     "By Friday the river had fallen a metre.",
                     "By Ann Lee's count, the river rose a metre.",
                     "NATO -- the alliance -- met in May.",
                     "iPhone sales rose in May."]:
        assert quoted_start(sentence) == sentence


def test_fragments_comments_credits_and_captions_are_no_sentence_to_quote():
    for sentence in ["L) said on Thursday.",
                     "May 4, 2021 6:19 pm EDT -- Report as abuse This discussion is now closed.",
                     "(Reporting by Ann Lee; Editing by Bo Ng) A connected approach to risk.",
                     "Additional reporting by Ann Lee Sign up for e-mail alerts.",
                     "Divers search the harbour after the ferry sank, on March 2, 2021, "
                     "in this handout photograph."]:
        assert quoted_start(sentence) is None, sentence
    assert quoted_start("gov) The head of the agency announced Monday he is retiring.") == (
        "The head of the agency announced Monday he is retiring.")


def test_a_wire_credits_line_ends_the_story_text():
    story = "The ferry service resumed on Monday after a two-week strike by crews. " * 8
    assert texts(f"{story}\n\n(Reporting by Ann Lee; Editing by Bo Ng)\n\n"
                 "The ferry sank, says one reader.") == [story.strip()]
    assert texts("The dam opened in June.\n\nIt leaks.\n\nMay 4, 2021 6:19 pm EDT -- Report as abuse "
                 "The dam is a scandal.") == ["The dam opened in June.", "It leaks."]


def test_the_stamp_day_counts_as_named_but_the_sentence_is_dated_by_its_own_words(tmp_path: Path):
    content = _site(tmp_path, {"a.md": "Title: Dam\nDate: 2021-03-05\nPublisher: Post\n\n"
                                       "Friday, March 5, 2021; 4:41 PM The council said Thursday "
                                       "that it had approved the new dam.\n"})
    build(content, tmp_path / "out")
    events = json.loads((tmp_path / "out" / "events.json").read_text())["events"]
    assert [e["start"] for e in events] == ["2021-03-04"]
    assert [s["quote"] for e in events for s in e["sources"]] == [
        "The council said Thursday that it had approved the new dam."]
    _, _, days, _ = extract(read_article(content / "articles" / "a.md")[0], trigger_table(DEFAULT_FAMILIES))
    assert dt.date(2021, 3, 5) in days


def test_a_clause_split_off_its_sentence_stays_and_a_headline_before_a_bare_stamp_leaves():
    assert quoted_start("but the work is not expected to reduce the flow.") == (
        "but the work is not expected to reduce the flow.")
    headline = ("Dam repairs begin Crews start work Tuesday 2 March 2021 08.06 GMT "
                "Work on the dam began today.")
    assert quoted_start(headline) == "Work on the dam began today."
    prose = "The dam, shut on Tuesday 2 March 2021 for repairs, reopened on Friday."
    assert quoted_start(prose) == prose


def test_wire_desks_and_comment_bylines_are_furniture():
    assert quoted_start("BRISTOL Oct 21 (Reuters Legal) - A charity filed a suit on Wednesday.") == (
        "A charity filed a suit on Wednesday.")
    assert texts("The dam opened in June.\n\nRe: Posted by Jo-May 1st, 2021 -- 4:59 pm GMT I agree "
                 "with you.\n\nMore.") == ["The dam opened in June."]
    assert texts("The dam opened in June.\n\nRead this. At 04:38 2nd Jul 2021, riverfan wrote: "
                 "It leaks.\n\nMore.") == ["The dam opened in June."]


def test_print_edition_and_amendment_notices_are_no_sentence_to_quote():
    for notice in [
        "A version appeared on p12 of the News section of the Herald on 21.05 BST on Friday 3 May 2024",
        "This article was amended on 4 May 2024 to correct the name of the harbour.",
        "This article was updated at 2pm on 6 May 2024 Letters for publication should be sent to: "
        "letters@example.org",
        "If you need help using the site: help@example.org",
        "A version appeared in the Herald on 12.46 BST on Sunday 5 May 2024.",
        "The Associated Press contributed to this report Sign up for free e-mail news alerts.",
        "A ferry is towed into the harbour on Tuesday after the storm (Reuters).",
    ]:
        assert reported_start(notice) is None, notice
    assert reported_start("A version of the plan appeared on the council's website on Friday.") == 0


def test_a_dated_photo_caption_before_its_credit_is_no_chronology_line():
    body = ("July 1: Workers spread booms along the beach for the inspectors.\n\n"
            "AP PORT ELLEN -- Inventors brought rakes and rolls of cotton to the beach.\n")
    assert texts(body) == ["AP PORT ELLEN -- Inventors brought rakes and rolls of cotton "
                           "to the beach."]


def test_a_gallery_of_credited_captions_leaves_the_text():
    body = ("April 26: Oil is seen on the surface of the bay.\n\n"
            "AP Apr. 21: A slick is seen as the platform burns.\n\n"
            "AFP The company said on Tuesday that the well was still leaking.\n")
    assert texts(body) == ["AFP The company said on Tuesday that the well was still leaking."]


def test_a_lone_dated_line_atop_the_text_is_a_caption_but_a_list_stays():
    assert texts("May 1: Birds fly past the booms.\n\nThe company vowed to pay on Monday.\n") == [
        "The company vowed to pay on Monday."]
    listed = "May 1: Rebels seize the port.\nMay 3: The army retakes it.\nTalks began later.\n"
    assert texts(listed)[:2] == ["May 1: Rebels seize the port.", "May 3: The army retakes it."]


def test_a_caption_ended_by_its_agency_credit_leaves_the_quote_start():
    assert quoted_start("Rescued workers hug their families (AP) Officials confirmed on "
                        "Thursday the first sheen.") == "Officials confirmed on Thursday the first sheen."
    assert quoted_start("(AP) Officials confirmed on Thursday the first sheen.") == (
        "Officials confirmed on Thursday the first sheen.")
    assert quoted_start("The Associated Press (AP) reported on Monday that it leaked.") == (
        "The Associated Press (AP) reported on Monday that it leaked.")


def test_a_credited_gallery_caption_is_no_chronology_line():
    body = ("(AP) May 10: Guardsmen use dump trucks to dam the marsh.\n\n"
            "The company said on Tuesday that the well was still leaking.\n")
    assert texts(body) == ["The company said on Tuesday that the well was still leaking."]
