"""Who said it (issue 8, point 4): sentences written for the test."""

from __future__ import annotations

from lod.places.reconcile import Reconciler

from ._records import record


def test_a_one_word_name_after_a_quote_speaks(reconciler: Reconciler) -> None:
    got = record("It was “like a nightmare”, Karim recalls.\n\n“We left with nothing,” said Mona.\n\n"
                 "“The roads were full,” she said.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Karim", "recalls"), ("Mona", "said"),
                                                                       ("Mona", "said")]
    assert {p["name"] for p in got["people"]} == {"Karim", "Mona"}


def test_a_capital_that_opens_a_sentence_is_not_a_speaker(reconciler: Reconciler) -> None:
    got = record("Officials said the road was closed.", reconciler)
    assert got["people"] == []


def test_a_surname_is_not_a_second_person(reconciler: Reconciler) -> None:
    got = record("Aid chief Mark Lowden said the camps were full.\n\n“We need access,” Lowden said.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Mark Lowden"]
    assert [s["speaker"] for s in got["statements"]] == ["Mark Lowden", "Mark Lowden"]


def test_a_first_name_that_is_a_month_s_speaks_next_to_a_reporting_verb(reconciler: Reconciler) -> None:
    got = record("“Some 9,000 people crossed in the last 48 hours,” said Jan Korsvik of the Norwegian Refugee Council.\n\n"
                 "May Haddad said the camps were full.\n\nIn May Turkish forces shelled the town.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Jan Korsvik", "May Haddad"]
    assert [o["reported_by"] for o in got["displacement"]] == ["Norwegian Refugee Council"]


def test_an_organization_after_a_comma_and_of_is_the_speaker_s(reconciler: Reconciler) -> None:
    got = record("“Some 9,000 people crossed in the last 48 hours,” said John Smith, of the Norwegian Refugee Council.",
                 reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Norwegian Refugee Council"]
    got = record("“Some 9,000 people crossed in the last 48 hours,” said John Smith, at the camp.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == [None]


def test_a_body_described_with_a_capitalised_modifier_speaks(reconciler: Reconciler) -> None:
    got = record("The Kurdish-led administration put the figure higher, saying 275,000 people had fled their homes.",
                 reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Kurdish-led administration"]
    got = record("The Kurdish administration said 275,000 people had fled their homes.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == [None]


def test_a_country_s_body_named_by_what_it_is_speaks(reconciler: Reconciler) -> None:
    got = record("Turkey's disaster management agency said 5,000 people crossed on Monday.\n\n"
                 "The Lebanese army said 3,000 people crossed on Tuesday.\n\n"
                 "Turkish officials said 2,000 people crossed on Sunday.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Turkey's disaster management agency", "Lebanese army", None]


def test_a_statement_named_again_speaks_for_whoever_issued_it(reconciler: Reconciler) -> None:
    got = record("Some 2,300 people left the town on Saturday, the Northtown Council said in a statement.\n\n"
                 "The number of people who have left since 1 June has risen to 31,500, according to the statement.\n\n"
                 "Nearly 39,000 people have been displaced in the region since May, the statement added.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [
        ("Northtown Council", "said"), ("Northtown Council", "according to"), ("Northtown Council", "added")]
    assert [o["reported_by"] for o in got["displacement"]] == ["Northtown Council"] * 3
    got = record("Some 2,300 people left the town on Saturday, the statement added.", reconciler)
    assert got["statements"] == [] and [o["reported_by"] for o in got["displacement"]] == [None]


def test_statistics_obtained_from_a_body_are_the_body_s(reconciler: Reconciler) -> None:
    got = record("According to statistics obtained by our agency from the Northtown Relief Committee, the number of "
                 "displaced people since 9 May has reached 19,069.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Northtown Relief Committee"]
    got = record("According to statistics, the number of displaced people since 9 May has reached 19,069.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == [None]


def test_a_post_before_its_organization_and_a_name(reconciler: Reconciler) -> None:
    got = record("Co-chair of the Humanitarian Affairs Office Dilvin Rashid told our agency that 4,500 families arrived "
                 "in the city.", reconciler)
    assert [(p["name"], p["role"], p["org"]) for p in got["people"]] == [
        ("Dilvin Rashid", "Co-chair", "Humanitarian Affairs Office")]
    assert got["organizations"] == ["Humanitarian Affairs Office"]
    assert [o["reported_by"] for o in got["displacement"]] == ["Humanitarian Affairs Office"]


def test_a_post_of_several_words_before_a_name(reconciler: Reconciler) -> None:
    got = record("Deputy Interior Minister John Smith said 5,000 people fled.", reconciler)
    assert [(p["name"], p["role"]) for p in got["people"]] == [("John Smith", "Deputy Interior Minister")]
    got = record("Deputy Interior Ministry officials said 5,000 people fled.", reconciler)
    assert got["people"] == []


def test_a_place_s_administration_speaks(reconciler: Reconciler) -> None:
    got = record("More than 2,300 people left the town on Saturday, Northtown Governorate said in a statement.",
                 reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Northtown Governorate"]
    got = record("More than 2,300 people fled to Northtown Governorate on Saturday.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == [None]


def test_a_source_that_names_no_organization_is_not_the_institution_s(reconciler: Reconciler) -> None:
    publisher = "Northtown Relief Council (NTRC)"
    got = record("An additional 2,100 individuals arrived in the district on 10 and 11 May, according to local councils.",
                 reconciler, publisher=publisher)
    assert [o["reported_by"] for o in got["displacement"]] == [None]
    got = record("An additional 2,100 individuals arrived in the district on 10 and 11 May.", reconciler, publisher=publisher)
    assert [o["reported_by"] for o in got["displacement"]] == ["Northtown Relief Council (NTRC)"]


def test_an_acronym_in_brackets_inside_an_organization_s_name(reconciler: Reconciler) -> None:
    got = record("Some 68,900 IDP movements were recorded in May.", reconciler,
                 publisher="Camp Coordination and Camp Management (CCCM) Cluster")
    assert [o["reported_by"] for o in got["displacement"]] == ["Camp Coordination and Camp Management (CCCM) Cluster"]


def test_a_first_name_with_an_age_speaks(reconciler: Reconciler) -> None:
    got = record("Mohammed, 28, who fled with his wife on Saturday, told the agency that the roads were jammed.\n\n"
                 "“We left at night,” he said.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Mohammed", "told"), ("Mohammed", "said")]
    got = record("In March, 28, said the roads were jammed.", reconciler)
    assert got["people"] == [] and got["statements"] == []


def test_a_body_named_again_by_its_kind_speaks(reconciler: Reconciler) -> None:
    got = record("Some 3,000 civilians have fled the valley, the Syrian Observatory for Human Rights said.\n\n"
                 "Since 1 May, some 7,000 people have left the area, the observatory said.\n\n"
                 "In total, 2,970 people have left the camp since 1 March, the Northtown Center for Relief of the Displaced "
                 "in the Region said.\n\nSome 1,000 more left on Monday, the center added.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == [
        "Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights",
        "Northtown Center for Relief of the Displaced in the Region", "Northtown Center for Relief of the Displaced in the Region"]


def test_a_daily_flash_is_the_institution_s_own_report(reconciler: Reconciler) -> None:
    got = record("According to the Red Crescent, at least 16,000 people have been displaced since 26 May.", reconciler,
                 publisher="Northtown Humanitarian Office", title="Displacement (Daily Flash of 29 May 2016)")
    assert got["statements"] == []
    assert [o["reported_by"] for o in got["displacement"]] == ["Red Crescent"]


def test_an_acronym_that_calls_on_speaks(reconciler: Reconciler) -> None:
    got = record("NTRN calls on the Security Council to protect civilians.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("NTRN", "calls on")]


def test_according_to_a_body_named_by_its_kind(reconciler: Reconciler) -> None:
    got = record("Some 1,250 people left the camp, the Northtown Center for Relief said.\n\n"
                 "Some 40,000 people are still living in the camp, according to the center.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [
        ("Northtown Center for Relief", "said"), ("Northtown Center for Relief", "according to")]
    got = record("Some 40,000 people are still living in the camp, according to the center.", reconciler)
    assert got["statements"] == []


def test_an_inverted_verb_then_a_post_then_the_name(reconciler: Reconciler) -> None:
    got = record("“Some 5,000 people fled on Monday,” said UNHCR spokesman John Smith.\n\n"
                 "“We need more tents,” said spokeswoman Jane Doe.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("John Smith", "said"), ("Jane Doe", "said")]
    assert [(p["name"], p["role"], p["org"]) for p in got["people"]] == [
        ("John Smith", "spokesman", "UNHCR"), ("Jane Doe", "spokeswoman", None)]
    assert [o["reported_by"] for o in got["displacement"]] == ["UNHCR"]


def test_a_group_or_the_media_speak_after_a_dateline_or_a_time_stamp(reconciler: Reconciler) -> None:
    """Groups, state media and one unnamed person speak as written (gold-dev-2 records "activists say", "state-run
    media" and "a source in the opposition ... council told"), also after a wire's dateline or a live blog's time
    stamp."""
    got = record("BEIRUT, May 14 (Wire) - Activists say 5,000 people fled the town on Monday.\n\n"
                 "10:05 GMT – Syrian state media says the road was cut.\n\n"
                 "Nearly half of the town's population has left, members of the local council estimate.\n\n"
                 "11:40 GMT – More than 300 families fled overnight, a local activist told us.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [
        ("Activists", "say"), ("Syrian state media", "says"), ("members of the local council", "estimate"),
        ("a local activist", "told")]
    assert [o["reported_by"] for o in got["displacement"]] == [None, None]


def test_a_country_with_a_relative_clause_that_counts_speaks(reconciler: Reconciler) -> None:
    got = record("Jordan, which already hosts some 650,000 registered refugees, has said it will not open its border.",
                 reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Jordan", "said")]


def test_an_appeal_in_the_progressive_is_a_statement(reconciler: Reconciler) -> None:
    got = record("UNICEF is appealing for US$5 million to respond to the needs of displaced families.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("UNICEF", "appealing for")]


def test_figures_published_by_a_body_are_its_own(reconciler: Reconciler) -> None:
    got = record("He is one of more than 307,000 people who have fled the region since 29 April, according to figures "
                 "published by the Response Coordinators team on 12 May.", reconciler)
    assert [(o["figure"], o["reported_by"], o["period_start"], o["period_end"]) for o in got["displacement"]] == [
        (307000, "Response Coordinators team", "2021-04-29", "2021-05-12")]


def test_a_surname_after_an_inverted_verb_is_the_person_named_before(reconciler: Reconciler) -> None:
    got = record("“Families reach the gate every morning,” says Jonas Berglund, Field Coordinator for the Agency.\n\n"
                 "According to the United Nations, 25,000 civilians might still be trapped in the town.\n\n"
                 "“We fear for those still inside,” explains Berglund.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [
        ("Jonas Berglund", "says"), ("United Nations", "according to"), ("Jonas Berglund", "explains")]


def test_a_post_with_no_comma_before_the_verb_and_the_one_told(reconciler: Reconciler) -> None:
    """ "Name, spokesperson for the X told Y": Name speaks for X (the comma after the post is often left out), and Y,
    after "told", is the one told, not a person with that post."""
    got = record("Families are exhausted, Leila Moradi, spokesperson for the International Committee of the Red Cross in "
                 "Northland told Northland Radio.\n\nThe same thing keeps happening across the country, she said.",
                 reconciler)
    assert [p["name"] for p in got["people"]] == ["Leila Moradi"]
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Leila Moradi", "told"), ("Leila Moradi", "said")]


def test_a_monitor_that_monitored_and_media_that_describe_speak(reconciler: Reconciler) -> None:
    got = record("SOHR monitored the arrival of more than 2500 persons from the city to the crossing.\n\n"
                 "Northland’s state-run media is describing the offensive as nearly over.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [
        ("SOHR", "monitored"), ("Northland’s state-run media", "is describing")]
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [(2500, "SOHR")]


def test_a_source_cited_in_brackets_reports_the_figure_on_its_date(reconciler: Reconciler) -> None:
    """A briefing note cites its source and the day of its figure in brackets: the source reports it, the day closes
    the "since" period and is no period itself, the bracket's numbers are no counts, and a key-figures box that gives
    the same range again is the same observation. A citation is no speech."""
    got = record("Since 19 April, an escalation of hostilities has displaced an estimated 270,000 to 330,000 people "
                 "(Norwegian Refugee Council 03/05/2021).\n\nKey figures\n\nDisplaced since 19 April: 270,000–330,000\n\n"
                 "Displaced to the border: 60,000 (Norwegian Refugee Council, 2 May 2021)", reconciler)
    assert [(o["figure"], o["qualifier"], o["period_start"], o["period_end"], o["reported_by"]) for o in got["displacement"]] == [
        (270000, "at_least", "2021-04-19", "2021-05-03", "Norwegian Refugee Council"),
        (330000, "up_to", "2021-04-19", "2021-05-03", "Norwegian Refugee Council"),
        (60000, "exact", "2021-04-19", "2021-05-03", "Norwegian Refugee Council")]
    assert got["statements"] == []


def test_groups_and_documents_after_according_to(reconciler: Reconciler) -> None:
    got = record("Some 5,000 people fled on Monday, according to a rapid assessment by the Norwegian Refugee Council.\n\n"
                 "The town had about 45,000 residents before the offensive, according to local activists.\n\n"
                 "As many as 100,000 more could be displaced, aid workers warn.\n\n"
                 "More than 7,000 refugees crossed into the region on Saturday alone, regional officials said.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [
        ("Norwegian Refugee Council", "according to"), ("local activists", "according to"), ("aid workers", "warn"),
        ("regional officials", "said")]
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [(5000, "Norwegian Refugee Council"), (7000, None)]


def test_a_commission_named_with_on_the_and_its_chair(reconciler: Reconciler) -> None:
    got = record("The Independent International Commission of Inquiry on the Northland Republic said that more than "
                 "1 million people were displaced in the first four months of 2021 alone.\n\n"
                 "“Displacement cannot be a tactic of war,” said Commission chair Pedro Alvarenga.\n\n"
                 "The Commission of Inquiry on Monday said the roads were cut.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]][:2] == [
        ("Independent International Commission of Inquiry on the Northland Republic", "said"), ("Pedro Alvarenga", "said")]
    assert "Commission of Inquiry on Monday" not in got["organizations"]


def test_a_first_name_described_as_one_person_is_who_he_is(reconciler: Reconciler) -> None:
    """ "Yusuf, a bakery worker from X, ..." names a person "he" may be next (as in gold-dev-2 102); a town in a
    list before an unnamed speaker ("into X and Y, a resident told") is no person."""
    got = record("NORTHTOWN, May 3 (Agency) Yusuf, a bakery worker from the old city, has moved four times since the "
                 "war began.\n\n\"Nothing is left of our street,\" he said outside a school in the town.\n\n"
                 "“The children are cold,” said 61-year-old Hamid, a farmer.\n\n"
                 "Some 1,500 people crossed into Northtown and Easttown, a resident told the agency.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Yusuf", "Hamid"]
    assert [(s["speaker"], s["verb"]) for s in got["statements"]][:2] == [("Yusuf", "said"), ("Hamid", "said")]


def test_where_the_speaker_was_between_name_and_verb(reconciler: Reconciler) -> None:
    got = record("Quoting what she said were reliable reports, UN rights spokeswoman Maria Lenz in Northtown also said "
                 "civilians were being stopped at checkpoints.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Maria Lenz", "said")]


def test_sources_of_key_figures_and_posts(reconciler: Reconciler) -> None:
    """ "(Source: X)" after a key figure and "per X figures" credit X (no speech); a post's "– local sources" credits
    no one, not even the publishing institution."""
    got = record("824,000 new displacements in the first half of 2021 (Source: Norwegian Refugee Council)\n\n"
                 "BREAKING: 3,000+ civilians flee Northtown in 24 hrs as the army advances – local sources\n\n"
                 "Camps are full; over 900K displaced since December, per Norwegian Refugee Council figures.",
                 reconciler, publisher="Northtown Monitor Network")
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [
        (824000, "Norwegian Refugee Council"), (3000, None), (900000, "Norwegian Refugee Council")]
    assert [(o["period_start"], o["period_end"]) for o in got["displacement"]][1] == ("2021-05-13", "2021-05-14")
    assert got["statements"] == []


def test_a_continuation_keeps_its_source_and_the_source_speaks_again(reconciler: Reconciler) -> None:
    """ "Another N have fled" in news copy goes on with the source before it; "the source said" is the unnamed
    source who spoke before."""
    got = record("More than 6.5 million have been displaced inside the country, according to the United Nations.\n\n"
                 "Another 4.8 million have fled abroad.\n\n"
                 "Around 2,850 people entered the country over the weekend, a border source told the paper.\n\n"
                 "Another 1,100 returned home through the same crossing, the source said.", reconciler)
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [
        (6500000, "United Nations"), (4800000, "United Nations"), (2850, None)]
    assert [(s["speaker"], s["verb"]) for s in got["statements"]][-2:] == [
        ("a border source", "told"), ("a border source", "said")]


def test_a_count_registered_as_of_last_week_is_a_stock(reconciler: Reconciler) -> None:
    got = record("The agency said it had registered 560,000 refugees in the country as of last week.\n\n"
                 "The agency registered 5,000 refugees last week.", reconciler)
    assert [o["figure"] for o in got["displacement"]] == [5000]


def test_a_timeline_s_items(reconciler: Reconciler) -> None:
    """A timeline's dated items in the present tense: each item's day is its figure's period (not the item before's),
    and a name in brackets at its end its source."""
    got = record("10 May: About 12,500 people leave Northtown through the Easttown corridor (Norwegian Refugee Council).\n\n"
                 "11 May: Another 20,000 people cross from Westtown into government-held areas (United Nations).\n\n"
                 "12 May: The first buses carrying 1,580 fighters and their families leave Southtown for the north.",
                 reconciler)
    assert [(o["figure"], o["period_start"], o["period_end"], o["reported_by"]) for o in got["displacement"]] == [
        (12500, "2021-05-10", "2021-05-10", "Norwegian Refugee Council"), (20000, "2021-05-11", "2021-05-11", "United Nations"),
        (1580, "2021-05-12", "2021-05-12", None)]
    assert got["statements"] == []


def test_a_transcript_label_and_posts_named_by_where_they_are(reconciler: Reconciler) -> None:
    got = record("Q: How many people have left the city?\n\n"
                 "Nadia Haddad, Norwegian Refugee Council: Our teams estimate that around 15,000 people left the city in "
                 "the last three days.\n\n"
                 "The representative of Northland said his country could not take in more.\n\n"
                 "The number of Syrian Kurdish refugees who have entered the region since Sunday has reached 23,000, the "
                 "director of the Northtown camp told the radio on Wednesday.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Nadia Haddad"]
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [
        ("Nadia Haddad", "said (transcript)"), ("The representative of Northland", "said"),
        ("the director of the Northtown camp", "told")]
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [
        (15000, "Norwegian Refugee Council"), (23000, None)]


def test_a_post_that_ends_with_a_post_word_is_no_organization(reconciler: Reconciler) -> None:
    got = record("Briefing the Council, the Under-Secretary-General for Humanitarian Affairs and Emergency Relief "
                 "Coordinator, Tomas Lindgren, said that since 1 May some 900,000 people had been displaced.", reconciler)
    assert [(p["name"], p["org"]) for p in got["people"]] == [("Tomas Lindgren", None)]


def test_a_country_that_admits_refugees_does_not_speak(reconciler: Reconciler) -> None:
    got = record("The country has admitted 130,000 refugees since Friday.\n\n"
                 "The minister, Samir Haddad, admitted that the camps were full.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Samir Haddad", "admitted")]
    assert [o["reported_by"] for o in got["displacement"]] == [None]


def test_a_body_that_puts_the_number_at_a_count_reports_it(reconciler: Reconciler) -> None:
    got = record("OCHA, in its latest update, put the number of people who fled the area since 1 June at 45,000.",
                 reconciler)
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [(45000, "OCHA")]


def test_a_body_named_by_its_kind_before_any_body_spoke(reconciler: Reconciler) -> None:
    # nothing spoke before: "the agency" is the last body named whose curated label or alias fits it
    got = record("UNHCR opened a new camp near the border on Monday. About 5,000 people fled the shelling this week, "
                 "the agency said.", reconciler)
    assert [(s["speaker"], s["rule"]) for s in got["statements"]] == [("UNHCR", "speaker-definite")]
    assert [o["reported_by"] for o in got["displacement"]] == ["UNHCR"]
    got = record("OCHA sent trucks. Some 3,000 people fled the town on Friday, the office said.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["OCHA"]
    # a body whose names fit no kind word is not "the office"
    got = record("The Westland Refugee Council sent trucks. Some 3,000 people fled on Friday, the office said.",
                 reconciler)
    assert got["statements"] == []


def test_a_newspaper_named_with_its_kind_after_its_name_speaks(reconciler: Reconciler) -> None:
    # the kind after the name, a seat before it ("X-based") that is no part of the name, an article in lower case,
    # and the paper named again by its kind
    got = record("The Westland-based al-Qarazi newspaper said in a report that 5,000 people fled the town on Monday.\n\n"
                 "The Westland paper said most of them were from the villages.\n\n"
                 "The Qarazan Times said 2,000 more fled on Tuesday.", reconciler)
    assert [(s["speaker"], s["speaker_kind"]) for s in got["statements"]] == [
        ("al-Qarazi", "organization"), ("al-Qarazi", "organization"), ("Qarazan Times", "organization")]
    assert [o["reported_by"] for o in got["displacement"]] == ["al-Qarazi", "Qarazan Times"]
    assert [p["name"] for p in got["people"]] == []


def test_a_person_named_with_a_possessive_is_named_without_it(reconciler: Reconciler) -> None:
    got = record("Thousands fled after the collapse of President Aram al-Velde’s government.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Aram al-Velde"]
    got = record("Gunmen descended on the heartland of ousted president Aram al-Velde's Alawite minority.", reconciler)
    assert [p["name"] for p in got["people"]] == ["Aram al-Velde"]  # (the name ends at its possessive)


def test_a_post_whose_title_ends_like_a_body_is_no_body(reconciler: Reconciler) -> None:
    # "Emergency Relief Coordinator" is a post of the UN, not an organization "Emergency Relief"
    got = record("UN Emergency Relief Coordinator Tom Fletcher said 4,000 people fled on Sunday.", reconciler)
    assert got["organizations"] == ["UN"]
    assert [(s["speaker"], o["reported_by"]) for s, o in zip(got["statements"], got["displacement"])] == [("Tom Fletcher", "UN")]
    # a body whose name ends in the same word, with no post after it, is still one
    got = record("The Westland Humanitarian Relief Council said 2,000 people fled on Monday.", reconciler)
    assert got["organizations"] == ["Westland Humanitarian Relief Council"]


def test_a_title_between_an_inverted_verb_and_the_name(reconciler: Reconciler) -> None:
    for title in ("Dr.", "Dr", "Gen."):
        got = record(f'"We are overwhelmed," said {title} Aram Velde.', reconciler)
        assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Aram Velde", "said")], title
        assert [p["name"] for p in got["people"]] == ["Aram Velde"]
    # (a word that is no title keeps the name from the verb: no one speaks)
    got = record('"We are overwhelmed," said the staff of Aram Velde.', reconciler)
    assert [s["speaker"] for s in got["statements"]] != ["Aram Velde"]


def test_a_name_of_a_body_that_speaks_is_a_person_of_that_body(reconciler: Reconciler) -> None:
    got = record("Aram Velde of the Norwegian Refugee Council said 5,000 people fled Qarazan on Monday.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Aram Velde", "said")]
    assert [(p["name"], p["org"]) for p in got["people"]] == [("Aram Velde", "Norwegian Refugee Council")]
    assert [o["reported_by"] for o in got["displacement"]] == ["Norwegian Refugee Council"]
    # (a town after "from" is where the speaker is from, not a body; a group of residents is no person)
    got = record("Aram Velde from Saraqib said 5,000 people fled the town on Monday.", reconciler)
    assert [(p["name"], p["org"]) for p in got["people"]] == [("Aram Velde", None)]
    got = record("Residents of Saraqib said 5,000 people fled the town on Monday.", reconciler)
    assert got["people"] == []


def test_where_a_speaker_spoke_is_set_aside(reconciler: Reconciler) -> None:
    for aside in ("speaking in Damascus", "talking to reporters on Monday", "addressing the council"):
        got = record(f"Aram Velde, {aside}, said the country could not absorb another wave.", reconciler)
        assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"], aside
        assert [p["name"] for p in got["people"]] == ["Aram Velde"]
    # (a place there never speaks)
    got = record("Velde, speaking in Damascus, said the country could not absorb another wave.", reconciler)
    assert "Damascus" not in [s["speaker"] for s in got["statements"]]


def test_a_post_with_its_own_of_is_one_post(reconciler: Reconciler) -> None:
    # ("Head of Mission" hid the name before it, and "of" split the post from a body that was no body: "Mission")
    for sentence, role, org in (
            ("Deputy Head of Mission Aram Velde said 5,000 people fled Qarazan on Monday.", "Deputy Head of Mission", None),
            ("UNHCR Head of Delegation Aram Velde said 5,000 people fled Qarazan on Monday.", "Head of Delegation", "UNHCR"),
            ("Aram Velde, Head of Mission for UNHCR in Westland, said 5,000 people fled Qarazan on Monday.", "Head of Mission",
             "UNHCR"),
            ("Aram Velde, Head of Mission of the Norwegian Refugee Council, said 5,000 people fled Qarazan on Monday.",
             "Head of Mission", "Norwegian Refugee Council")):
        got = record(sentence, reconciler)
        assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"], sentence
        assert [(p["name"], p["role"], p["org"]) for p in got["people"]] == [("Aram Velde", role, org)], sentence
    # (a post with "of" and a body's name stays split: "head of the X")
    got = record("Aram Velde, head of the Norwegian Refugee Council, said 5,000 people fled Qarazan on Monday.", reconciler)
    assert [(p["role"], p["org"]) for p in got["people"]] == [("head", "Norwegian Refugee Council")]


def test_a_country_s_body_speaks_through_the_statement_it_issued(reconciler: Reconciler) -> None:
    got = record("A statement from the Turkish presidency said 5,000 people crossed on Monday.\n\n"
                 "A statement issued by Westland's defence ministry said 3,000 people crossed on Tuesday.\n\n"
                 "A statement from the town's residents said 2,000 people crossed on Sunday.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Turkish presidency", "Westland's defence ministry", None]


def test_a_quote_that_runs_on_in_the_same_paragraph_is_one_statement(reconciler: Reconciler) -> None:
    # (set BO) the annotators keep a quote that goes on after its attribution whole, as one statement
    said, more = "“We have nothing left,” said Aram Velde.", "“The winter is coming.”"
    got = record(f"{said} {more}", reconciler)
    assert [(s["speaker"], s["text"]) for s in got["statements"]] == [("Aram Velde", f"{said} {more}")]
    # (a new paragraph is a new statement of the same speaker)
    got = record(f"{said}\n\n{more}", reconciler)
    assert [(s["speaker"], s["text"]) for s in got["statements"]] == [("Aram Velde", said), ("Aram Velde", more)]
