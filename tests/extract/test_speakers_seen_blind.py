"""Speakers and figures met on real pages read blind in the eighteenth session, each rule written again on an invented
sentence: a post held somewhere before a name, an inverted verb before a name and "who", "slammed", "issued a
statement", a gerund before a source ("Citing X sources, ..."), and "put the latest influx at N"."""

from __future__ import annotations

import pytest

from lod.places.reconcile import Reconciler

from ._records import record


@pytest.mark.parametrize(("body", "speaker"), [
    ("“They are coming,” the agency’s deputy representative in Lebanon Jean Paul Navarre told reporters.",
     "Jean Paul Navarre"),
    ("Nearly 70 families have arrived over the past two days, said Rabih Damess who heads a refugee committee.",
     "Rabih Damess"),
    ("Prime Minister Aram Velde once again slammed the lack of action.", "Aram Velde"),
    ("Secretary of State Aram Velde issued a statement on Tuesday in which he condemned the shelling.", "Aram Velde"),
    # an apposition naming the body in full before the post
    ("Aram Velde, International Rescue Committee’s Middle East director, said: “The camp is full.”", "Aram Velde"),
    # a person named right after a post of a body: the person, not the body
    ("“The town is empty,” the UN High Commissioner for Refugees Aram Velde said in a statement.", "Aram Velde"),
    # what a named person's post is of, between the name and the verb
    ("Governor Aram Velde of the border province of Qarazan said Saturday the camps were full.", "Aram Velde"),
    # a newspaper named after its kind
    ("The Westland newspaper Al-Qarazi reported that the crisis had placed a heavy burden on the towns.", "Al-Qarazi"),
    # an unknown acronym that denounces, demands or worries
    ("Westville, Texas- ABCDE denounces the airstrikes on civilian areas of the province.", "ABCDE"),
    ("ABCDE demands the international community act immediately.", "ABCDE"),
    ("As supply lines to the city are nearly cut, ABC is worried about an impending siege.", "ABC"),
    # a participle between a name and its verb
    ("Westland President Aram Velde, addressing the European Parliament on Thursday, said the operation would go on.",
     "Aram Velde"),
    ("Westland’s Chief of General Staff Aram Velde, speaking during a tour of military posts, said the town was calm.",
     "Aram Velde"),
])
def test_who_speaks(reconciler: Reconciler, body: str, speaker: str) -> None:
    assert [s["speaker"] for s in record(body, reconciler)["statements"]] == [speaker]


def test_a_gerund_before_a_source_is_no_part_of_its_name(reconciler: Reconciler) -> None:
    got = record("Citing Red Crescent sources, the outlet said 300 families made the trip in a single day.", reconciler)
    assert "Citing Red Crescent" not in got["organizations"]
    assert [o["reported_by"] for o in got["displacement"]] == ["Red Crescent"]


@pytest.mark.parametrize(("body", "figures"), [
    ("An official had earlier put the latest influx at 8,000 -- a single-day total.", [8000]),
    ("An official put the number of refugees at 12,000.", [12000]),
    ("An official put the death toll at 80.", []),
])
def test_a_flow_put_at_a_figure(reconciler: Reconciler, body: str, figures: list[int]) -> None:
    assert [o["figure"] for o in record(body, reconciler)["displacement"]] == figures


def test_a_surname_without_its_article_is_the_same_person(reconciler: Reconciler) -> None:
    # "Mohamed al-Velde, director of X" then "..., Velde said": the org of the first mention reports the figure
    body = ("Aram al-Velde, director of the Response Coordinators Team, told reporters that many families returned.\n\n"
            "“Over 1 million civilians were displaced since last October,” Velde said.")
    got = record(body, reconciler, published="2020-04-11")
    assert [o["reported_by"] for o in got["displacement"]] == ["Response Coordinators Team"]
    assert {s["speaker"] for s in got["statements"]} == {"Aram al-Velde"}


def test_a_surname_of_two_words_after_according_to(reconciler: Reconciler) -> None:
    body = ("Aram Abdel Velde, head of the Syrian Observatory, said 300 people fled. According to Abdel Velde, "
            "residents are mostly fleeing from the district.")
    assert [s["speaker"] for s in record(body, reconciler)["statements"]] == ["Aram Abdel Velde"] * 2
    # the post of a body with no name after it still speaks as that post
    assert [s["speaker"] for s in record("The representative of the Russian Federation said the town was calm.",
                                         reconciler)["statements"]] == ["The representative of the Russian Federation"]


def test_a_speaker_label_before_quoted_paragraphs(reconciler: Reconciler) -> None:
    # "Name, ORG Deputy Country Director for <country> says:" then the quote: the person speaks for the body named
    # before the post (not the country), and the label itself says nothing
    body = ("Aram Velde, Relief Corps Deputy Country Director for Syria says:\n\n"
            "\"Relief Corps is gravely concerned that the truce appears to be dissolving.\n\n"
            "\"More than 152,000 people have been uprooted just in the past week, fleeing the bombardment.")
    got = record(body, reconciler, published="2019-05-07")
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde", "Aram Velde"]
    assert [o["reported_by"] for o in got["displacement"]] == ["Relief Corps"]


@pytest.mark.parametrize(("body", "reporter"), [
    ("Providing the details, the ABC posted on X, \"Over 280,000 people have been uprooted in a matter of days.\"", "ABC"),
    ("Some 100,000 people have fled to Westland, according to the head of the Westland Refugee Agency (WRA).",
     "Westland Refugee Agency (WRA)"),
    ("The ABC refugee council said on Wednesday that more than 26,500 refugees have crossed into Westland since 1 January.",
     "ABC refugee council"),
])
def test_who_reports_a_figure(reconciler: Reconciler, body: str, reporter: str) -> None:
    assert [o["reported_by"] for o in record(body, reconciler)["displacement"]] == [reporter]


def test_the_report_is_the_body_that_spoke_before(reconciler: Reconciler) -> None:
    body = ("The ABC said 25,000 civilians fled. The report stated that 8,500 displaced people arrived in the camp in "
            "the past five weeks.")
    assert [o["reported_by"] for o in record(body, reconciler)["displacement"]] == ["ABC", "ABC"]


def test_a_subheading_in_quotes_is_no_ones_words(reconciler: Reconciler) -> None:
    body = ("“The camps are full,” said Aram Velde, a spokesman for the agency.\n\n'Relief work in tatters'\n\n"
            "“Maternal health services are overwhelmed.”")
    got = record(body, reconciler)["statements"]
    assert [s["text"] for s in got] == ["“The camps are full,” said Aram Velde, a spokesman for the agency.",
                                        "“Maternal health services are overwhelmed.”"]


def test_a_rank_before_a_name_ends_no_sentence(reconciler: Reconciler) -> None:
    got = record("A total of 648 refugees entered Westland during the past 24 hours, Brig. Gen. Aram Velde, director of "
                 "the refugee camps administration, said on Monday.", reconciler, published="2014-01-21")
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"]
    assert [o["reported_by"] for o in got["displacement"]] == ["refugee camps administration"]


@pytest.mark.parametrize(("body", "speaker"), [
    ("“They still have done nothing?” asked Fadila, who crossed the border on Saturday.", "Fadila"),
    ("“We have nothing left,” explained Fadila, who crossed on Saturday.", "Fadila"),
    # a body's post with no name: the person named before in that post, else the body
    ("Aram Velde, the agency's coordinator, told reporters the camps were full. The ABC coordinator pointed out that "
     "the roads were closed.", "Aram Velde"),
])
def test_inverted_first_names_and_posts(reconciler: Reconciler, body: str, speaker: str) -> None:
    assert record(body, reconciler)["statements"][-1]["speaker"] == speaker


# nineteenth session, blind set S: sources written as real pages write them
@pytest.mark.parametrize(("body", "reporter"), [
    # a fronted "According to X," names the source, not a verb said later in the sentence
    ("According to the Westland Relief Agency, more than 5,000 have fled their homes since the army advanced after "
     "President Aram Velde said he was withdrawing troops.", "Westland Relief Agency"),
    # "according to X" between dashes written as hyphens, a name or an acronym
    ("There are 55,000 people besieged in the town and- according to the Westland Relief Agency- at least 24,000 "
     "people have been displaced.", "Westland Relief Agency"),
    ("There are 55,000 people besieged in the town and- according to XYZ- at least 24,000 people have been displaced.",
     "XYZ"),
    # the one who tells of the same people in the next sentence, with no count of their own (set S)
    ("As many as 39,377 more civilians have fled their homes in the zone over the last 24 hours.\n\nAram Velde, "
     "director of the Westland Relief Agency, told reporters that the civilians left their homes in three towns.",
     "Westland Relief Agency"),
    # (set Z) an unnamed source within a named body; a report named before its figures; a post that names its body
    ("More than 52,000 people have crossed into the country since last week, according to a source from Westland's "
     "General Directorate of Migration and Passports.", "Westland's General Directorate of Migration and Passports"),
    ("ABC NEWS - In the most recent report by the Westland Relief Agency, nearly 50 thousand people were displaced "
     "across the province.", "Westland Relief Agency"),
    ("More than 93,000 people have been displaced across the province, UN Spokesperson Aram Velde said at Monday’s "
     "daily press briefing.", "UN"),
    # a kind of body is no body's name (set T)
    ("A local nongovernmental organization (NGO) said on Thursday that 5,000 people fled the town.", None),
    # the figures a body provided, named before its verb
    ("According to the figures the Westland Relief Agency provided, the number of people displaced from the province "
     "has mounted to 541,000.", "Westland Relief Agency"),
])
def test_who_reports_a_figure(reconciler: Reconciler, body: str, reporter: str | None) -> None:
    assert [o["reported_by"] for o in record(body, reconciler)["displacement"]] == [reporter]


def test_an_according_to_opening_a_quote_leaves_the_quote_to_its_speaker(reconciler: Reconciler) -> None:
    got = record("“According to the Westland Relief Agency, 5,000 people have fled the town,” said Aram Velde.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"]


# (set V) a post written "co-ordinator"; the article written "a-" before a sun letter, as some outlets write it
@pytest.mark.parametrize(("body", "speaker"), [
    ("Aram Velde, the co-ordinator of local relief agencies, said that the camps were full.", "Aram Velde"),
    ("But the donations do not meet a fourth of their needs, Osama a-Qarazi, the charity’s director, tells reporters.",
     "Osama a-Qarazi"),
])
def test_who_speaks_seen_in_set_v(reconciler: Reconciler, body: str, speaker: str) -> None:
    assert [s["speaker"] for s in record(body, reconciler)["statements"]] == [speaker]


# nineteenth session, blind set T
@pytest.mark.parametrize(("body", "speaker"), [
    ("“The count rose sharply,” specifies the Westland Relief Agency.", "Westland Relief Agency"),
    ("The Westland Relief Agency report highlights that the crossing was the main point of entry.", "Westland Relief Agency"),
    ("Its leader, Aram Velde, expressed concern about the situation of the families.", "Aram Velde"),
])
def test_who_speaks_seen_in_set_t(reconciler: Reconciler, body: str, speaker: str) -> None:
    assert [s["speaker"] for s in record(body, reconciler)["statements"]] == [speaker]


def test_a_pronoun_after_an_apposition_naming_another_person_is_the_speaker(reconciler: Reconciler) -> None:
    # "said X, spokesperson for Y." then "he added": X spoke; Y is only named in X's post
    got = record("Operations were suspended in the province, said Aram Velde, spokesperson for relief chief Karim Qarazi."
                 "\n\n“This has disrupted access to aid,” he added.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde", "Aram Velde"]


def test_a_post_before_a_name_stays_in_its_sentence(reconciler: Reconciler) -> None:
    got = record("The count rose, specifies the Westland Relief Agency. Its leader, Aram Velde, expressed concern.", reconciler)
    assert [(p["name"], p["role"]) for p in got["people"]] == [("Aram Velde", "Its leader")]


def test_a_closing_according_to_after_a_while_clause_is_the_whole_sentences_source(reconciler: Reconciler) -> None:
    got = record("Aram Velde, head of the Westland Relief Agency office, told reporters that 100,000 people arrived.\n\n"
                 "Around 50,000 of them remain in the town while the rest have been moved to camps, according to Velde.\n\n"
                 "He was also concerned about the health situation.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"] * 3


# (set Q) a closing attribution reports what an actor did; plain words keep their speaker
@pytest.mark.parametrize(("body", "reporter", "period"), [
    ("The Westland Army on Friday declared 15 villages a “military zone” and forced approximately 15,000 residents to "
     "flee, reported the Westland News Agency Saturday.", "Westland News Agency", ("2021-05-07", "2021-05-07")),
    # a broadcaster named by its kind, described by where it is based
    ("The Westland Army on Friday declared 15 villages a “military zone” and forced approximately 15,000 residents to "
     "flee, reported Dubai-based Al-Qarazi TV Saturday.", "Al-Qarazi TV", ("2021-05-07", "2021-05-07")),
    ("Some 15,000 residents fled the villages on Friday, the Westland Relief Agency said, the Westland News Agency "
     "reported.", "Westland Relief Agency", ("2021-05-14", "2021-05-14")),  # (published on a Friday)
])
def test_a_closing_attribution(reconciler: Reconciler, body: str, reporter: str, period: tuple[str, str]) -> None:
    got = record(body, reconciler)["displacement"]
    assert [(o["reported_by"], (o["period_start"], o["period_end"])) for o in got] == [(reporter, period)]


def test_an_age_in_brackets_after_a_name_and_a_quote_over_paragraphs(reconciler: Reconciler) -> None:
    # (sets Q and U) "said Name (34), a farmer"; a quote that runs on over paragraphs opens each with a quotation mark,
    # and a label line ending in a colon names another speaker
    got = record('"We fled by car. We were 30 families in total," said Aram Velde (34), a farmer who had crossed.\n\n'
                 "He said fighters entered his village with heavy weapons.\n\n"
                 "Karim Qarazi, Westland Relief Agency Deputy Country Director, says:\n\n"
                 '"The agency is gravely concerned. Any offensive in this area promises to be devastating.\n\n'
                 '"For years, the agency has been delivering support to people who fled. We will go on.\n\n'
                 "Samer (name changed), Team Lead in the town, says:\n\n"
                 "“Our team members are tired.”", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde", "Aram Velde", "Karim Qarazi", "Karim Qarazi"]


def test_a_news_agency_named_again_by_its_name_alone(reconciler: Reconciler) -> None:
    # (set W) "The state-run Qarazia news agency reported ..." then "Qarazia reported that more than 500 ..."
    got = record("The state-run Qarazia news agency reported that 747 people crossed the border through three villages."
                 "\n\nQarazia reported that more than 500 people arrived in the village on Tuesday alone.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Qarazia", "Qarazia"]


@pytest.mark.parametrize(("body", "reporter"), [
    # (twentieth session, sets J and L) an unnamed official of a body in lower case, named in the next paragraph with
    # a post that holds the body's name, whether the post is "chief of X" or "an X official"
    ("More than 120 families fled across the border during the last two days, an official of the local refugee "
     "authority said Tuesday.\n\n“We received more than 120 families,” Aram Velde, chief of the Westland Refugee "
     "Directorate, told reporters.", "Westland Refugee Directorate"),
    ("Around 2,000 people have been evacuated from the camp, a Westland official told reporters Sunday.\n\n"
     "\"Around 400 families were able to leave the camp,\" said Aram Velde, a Westland Liberation Organisation official.",
     "Westland Liberation Organisation"),
])
def test_an_unnamed_official_named_next_with_a_post_of_a_body(reconciler: Reconciler, body: str, reporter: str) -> None:
    got = record(body, reconciler)
    assert {o["reported_by"] for o in got["displacement"]} == {reporter}
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde", "Aram Velde"]  # the lead's official is named


@pytest.mark.parametrize(("body", "reporters"), [
    # (twentieth session, set M) a report by a body with an aside on who chairs it: the body, not its chair
    ("A report by the Westland Disaster and Crisis Management Chamber, chaired by Qarazan Governor Aram Velde, states "
     "that 7,616 people have arrived in the province.", ["Westland Disaster and Crisis Management Chamber"]),
    # a country's body after "according to"
    ("The government evacuated 1,500 people from the city, according to the Turkish interior ministry.",
     ["Turkish interior ministry"]),
    # (set L) "X's correspondent reported", then "the reporter" and "our correspondent" are X's
    ("The Qarazi Times’s correspondent in Westville reported that about 3,000 displaced people had reached the town.\n\n"
     "Over 500 people left the city toward Northtown. According to the reporter, the displaced are escaping the "
     "fighting.\n\nOur correspondent reported that around 1,500 families left the city when the battles started.",
     ["Qarazi Times", "Qarazi Times", "Qarazi Times"]),
    # with no other body's correspondent named, "our correspondent" is the publisher's
    ("Our correspondent reported that around 1,500 families left the city when the battles started.", ["Example News"]),
])
def test_reports_chairs_state_bodies_and_correspondents(reconciler: Reconciler, body: str, reporters: list[str]) -> None:
    assert [o["reported_by"] for o in record(body, reconciler)["displacement"]] == reporters


@pytest.mark.parametrize(("body", "reporters"), [
    # (twentieth session, sets M and T) a province's governor reports for the office, named as written; a town's mayor,
    # whose town is no organization, for none (sets Q and Z)
    ("Qarazan Governor Aram Velde told reporters that 1,000 people arrived on 13 buses.", ["Qarazan Governor"]),
    ("According to Aram Velde, Governor of Qarazan, about 6,000 people have arrived in the region.",
     ["Governor of Qarazan"]),
    ("Samer Hadi, the mayor of Northtown, said 2,000 people had arrived.", [None]),
    ("Northtown's mayor, Samer Hadi, said 2,000 people had arrived.", [None]),
])
def test_governors_report_for_their_office_and_mayors_for_none(reconciler: Reconciler, body: str,
                                                               reporters: list[str | None]) -> None:
    got = record(body, reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == reporters
    assert "Governor" not in got["places"]


@pytest.mark.parametrize(("body", "speakers"), [
    # (twentieth session, sets J-N) a person named before "of" and their body: the person
    ("Spokeswoman Aram Velde of the Westland Refugee Council said 2,000 people had arrived on Monday.", ["Aram Velde"]),
    # a post of a place named again: the person named before with that post
    ("Qarazan Governor Aram Velde said 200 families arrived on Monday.\n\nThe governor of Qarazan confirmed that some "
     "families also arrived at these centers.\n\nThe governor revealed that about 800 families have been hosted.",
     ["Aram Velde", "Aram Velde", "Aram Velde"]),
    # an inverted "assures"
    ("“The situation is stable until further notice,” assures Qarazan Governor Aram Velde.", ["Aram Velde"]),
    # a post between "according to" and the name
    ("According to the camp’s spokesperson, Aram Velde, a second camp is being built.", ["Aram Velde"]),
])
def test_people_named_with_posts(reconciler: Reconciler, body: str, speakers: list[str]) -> None:
    assert [s["speaker"] for s in record(body, reconciler)["statements"]] == speakers


def test_a_person_named_before_their_body_reports_for_it(reconciler: Reconciler) -> None:
    got = record("Spokeswoman Aram Velde of the Westland Refugee Council said 2,000 people had arrived on Monday.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Westland Refugee Council"]


def test_a_quote_over_two_sentences_is_its_closer_s(reconciler: Reconciler) -> None:
    # (twentieth session, set N) the first sentence of a quote closed in the next ('"...bombing. I had to come here," he
    # said.') is the words of whoever the second names, here the person named after the last speaker
    got = record("Aram Velde, the coordinator of local relief groups, said 12,000 families were in the camps.\n\n"
                 "“The aid is not enough,” he said.\n\n"
                 "Karim al-Qarazi, 34, had to leave his town for the village.\n\n"
                 '"My brother was killed in the bombing. I had to come here,” he said.', reconciler)  # (quotes as written)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde", "Aram Velde", "Karim al-Qarazi", "Karim al-Qarazi"]


def test_a_name_whose_surname_speaks_later_is_a_person(reconciler: Reconciler) -> None:
    # (set M) "..., Karim Velde had escaped death twice." then '"...," Velde said': Velde is Karim Velde, not the
    # mayor who shares his surname
    got = record("When he arrived in the town, Karim Velde had escaped death twice.\n\n"
                 "“They knew only one word,” Velde said of the gunmen.\n\n"
                 "Northtown Mayor Aram al-Velde said the town was full.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Karim Velde", "Aram al-Velde"]


def test_a_monitor_told_by_its_kind_is_the_one_named_next(reconciler: Reconciler) -> None:
    # (twentieth session, set P; sets R and S) "..., a monitor said on Thursday." then the Observatory speaks: one body,
    # and the count it restates ("More than 30,000") is the same observation
    got = record("An offensive on the enclave has forced 30,000 civilians from its main city in 24 hours, a monitor "
                 "said.\n\n“More than 30,000 people were displaced since yesterday,” the Westland Observatory for "
                 "Human Rights said.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Westland Observatory for Human Rights"] * 2
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [
        (30000, "Westland Observatory for Human Rights")]
    # a kind the next body does not fit stays as written
    got = record("Some 3,000 civilians fled the city, a monitor said.\n\nThe Westland Refugee Council said the camps were "
                 "full.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["a monitor", "Westland Refugee Council"]


def test_an_unsourced_count_given_again_with_its_source_is_one_observation(reconciler: Reconciler) -> None:
    # (set P) "More than 150,000 ..., a senior official and a monitoring group said." then "X said at least 150,000 had
    # fled since Wednesday": one count, X's
    got = record("More than 150,000 people have been displaced in the last few days from the town, a senior official and "
                 "a monitoring group said on Saturday.\n\nThe Westland Observatory for Human Rights said at least 150,000 "
                 "had fled since Wednesday.", reconciler)
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [
        (150000, "Westland Observatory for Human Rights")]


# "the observatory said", bare: the body of that kind named before (set AY); none named, no speaker
@pytest.mark.parametrize(("second", "speaker"), [
    ("The observatory said on Saturday that some 800 residents had fled the villages.", "Westland Observatory for Rights"),
    ("The committee said on Saturday that some 800 residents had fled the villages.", None),
])
def test_the_bare_kind_of_a_body_named_before(reconciler: Reconciler, second: str, speaker: str | None) -> None:
    got = record("The UK-based Westland Observatory for Rights said at least 300 fighters had joined. " + second,
                 reconciler, published="2021-09-21")
    (found,) = got["displacement"]
    assert found["reported_by"] == speaker
    assert [s["speaker"] for s in got["statements"] if s["text"].startswith("The ")][1:] == ([speaker] if speaker else [])


# "according to advocacy group X": the kind before the name is no part of the source (set AY); a kind word inside a
# name is
@pytest.mark.parametrize(("body", "reporter"), [
    ("According to advocacy group Westland Relief, at least 37,000 children were forced to flee in January.",
     "Westland Relief"),
    ("At least 37,000 children fled in January, according to the UK-based conflict monitor Westland Observatory.",
     "Westland Observatory"),
    ("At least 37,000 children fled in January, according to the Westland Charity Foundation (WCF).",
     "Westland Charity Foundation (WCF)"),
])
def test_according_to_a_kind_then_a_name(reconciler: Reconciler, body: str, reporter: str) -> None:
    (found,) = record(body, reconciler, published="2021-01-31")["displacement"]
    assert found["reported_by"] == reporter


# "Name, spokesman for Secretary-General Name2, said": the spokesman speaks, not the one he speaks for (set BB)
@pytest.mark.parametrize(("body", "speaker"), [
    ("Aid workers are concerned for thousands fleeing Qarazan, Karim Haddad, spokesman for Secretary-General Lena "
     "Morel, said on Tuesday.", "Karim Haddad"),
    ("Aid workers are concerned for thousands fleeing Qarazan, Karim Haddad, spokesman for the ABC Relief Agency, "
     "said on Tuesday.", "Karim Haddad"),
    ("Aid workers are concerned for thousands fleeing Qarazan, Secretary-General Lena Morel said on Tuesday.",
     "Lena Morel"),
])
def test_a_spokesman_for_someone_named(reconciler: Reconciler, body: str, speaker: str) -> None:
    assert [s["speaker"] for s in record(body, reconciler, published="2021-02-06")["statements"]] == [speaker]


# "..., the ABC agency co-ordinating relief efforts said." then "The ABC Office for Relief (AOR) said ...": the body
# described is the one of its kind the next sentence names (set BB)
@pytest.mark.parametrize(("second", "reporter"), [
    ("The Westland Office for Humanitarian Affairs (WOHA) said an assault could see 800,000 people flee.",
     "Westland Office for Humanitarian Affairs (WOHA)"),
    # (a body of another kind named next is not it)
    ("The Westland Red Crescent said an assault could see 800,000 people flee.", "ABC agency"),
])
def test_a_body_described_then_named(reconciler: Reconciler, second: str, reporter: str) -> None:
    got = record("More than 30,000 people have fled their homes in Qarazan since last week, the ABC agency "
                 "co-ordinating relief efforts said. " + second, reconciler, published="2021-09-10")
    (found,) = got["displacement"]
    assert found["reported_by"] == reporter


# a body whose name ends in "Presidency" is one body, not a ministry and an acronym (set BB)
def test_a_presidency_is_a_body(reconciler: Reconciler) -> None:
    got = record("\"A total of 20,997 people entered Westland in the past two weeks,\" said the statement issued by the "
                 "Westland Prime Ministry Disaster and Emergency Management Presidency (WDEMP).", reconciler,
                 published="2021-06-16")
    assert "Westland Prime Ministry" not in got["organizations"]
    assert got["displacement"][0]["reported_by"] == "Westland Prime Ministry Disaster and Emergency Management Presidency (WDEMP)"


# '"...," said the statement issued by X': X speaks (set BB)
@pytest.mark.parametrize(("tail", "speaker"), [
    ("said the statement issued by the Westland Relief Agency.", "Westland Relief Agency"),
    ("said a statement by the Westland Relief Agency.", "Westland Relief Agency"),
    ("said the statement.", None),
])
def test_said_the_statement_issued_by(reconciler: Reconciler, tail: str, speaker: str | None) -> None:
    got = record("\"A total of 20,997 people entered Westland in the past two weeks,\" " + tail, reconciler,
                 published="2021-06-16")
    assert [s["speaker"] for s in got["statements"]] == ([speaker] if speaker else [])


# an unnamed official of a named body after a dateline ("NEW YORK: A senior U.N. official says"): the body (set AQ's
# miss, met again while scoring set BB)
@pytest.mark.parametrize("lead", ["WESTTOWN: ", "WESTTOWN - ", ""])
def test_an_official_of_a_body_after_a_dateline(reconciler: Reconciler, lead: str) -> None:
    got = record(lead + "A senior U.N. humanitarian official says over 200,000 people have fled Qarazan since the start "
                 "of April.", reconciler, published="2021-07-27")
    (found,) = got["displacement"]
    assert found["reported_by"] == "U.N."


# "..., the UN body added." after one of the UN's bodies spoke: that body, not "UN body" as written (set AT's miss,
# met again while scoring set BB); after the UN itself, as written
@pytest.mark.parametrize(("first_speaker", "speaker"), [
    ("the Office for the Coordination of Humanitarian Affairs (OCHA)",
     "Office for the Coordination of Humanitarian Affairs (OCHA)"),
    ("the UN", "UN body"),
])
def test_the_un_body_after_one_of_its_bodies(reconciler: Reconciler, first_speaker: str, speaker: str) -> None:
    got = record(f"Some 31,500 civilians have been displaced within Qarazan since 24 November, {first_speaker} reported "
                 "Friday. A further 8,500 have fled to Westtown, the UN body added.", reconciler, published="2021-12-02")
    assert [s["speaker"] for s in got["statements"]][1:] == [speaker]


# "An ad hoc report issued by the Cluster ... showed that N": the body of that name told before (set BE)
@pytest.mark.parametrize(("issuer", "reporter"), [
    ("the Cluster", "Westland Shelter Cluster"),
    ("the Westland Shelter Cluster", "Westland Shelter Cluster"),
    ("the Committee", None),
])
def test_a_report_issued_by_a_body_told_before(reconciler: Reconciler, issuer: str, reporter: str | None) -> None:
    got = record("The Westland Shelter Cluster tracked 5,000 tents in Qarazan. An ad hoc report issued by "
                 f"{issuer} on displacement in Qarazan showed that 20,010 people were displaced between 21 January and "
                 "3 February.", reconciler, published="2021-02-13")
    (found,) = got["displacement"]
    assert found["reported_by"] == reporter


# "X for its part estimated ..." (set AF's miss); "a Royal Westland Army officer told ..." speaks for the army named in
# the description (set AS's miss), met while reviewing the blind sets' reporter misses
@pytest.mark.parametrize(("body", "reporter"), [
    ("The Westland Observatory for Rights for its part estimated some 40,000 people had fled Qarazan since Monday.",
     "Westland Observatory for Rights"),
    ("More than 4,000 Syrians crossed into Westland over the past 24 hours, a Royal Westland Army officer told the "
     "news agency.", "Royal Westland Army"),
    ("More than 4,000 Syrians crossed into Westland over the past 24 hours, an unnamed military officer told the "
     "news agency.", None),
])
def test_for_its_part_and_an_officer_of_a_body(reconciler: Reconciler, body: str, reporter: str | None) -> None:
    (found,) = record(body, reconciler, published="2021-02-06")["displacement"]
    assert found["reported_by"] == reporter


# "On Tuesday night, there were 790 more.": the flow goes on, told by the source of the one before (set AN's miss)
@pytest.mark.parametrize(("second", "reporter"), [
    ("On Tuesday night, there were 790 more.", "ABC Relief Agency"),
    ("On Tuesday night, 790 more crossed, the Westland Army said.", "Westland Army"),
])
def test_n_more_goes_on_with_the_source_before(reconciler: Reconciler, second: str, reporter: str) -> None:
    got = record("On Monday night nearly 1,000 Syrians crossed into Westland, according to officials at the ABC Relief "
                 "Agency. " + second, reconciler, published="2021-07-07")
    found = {o["figure"]: o for o in got["displacement"]}
    assert found[790]["reported_by"] == reporter


# a briefing note copied onto another site ("This is a summary of what was said by X spokesperson Name ... at the
# press briefing"): X's own text, X reports its figures (set AA's miss)
@pytest.mark.parametrize(("lead", "reporter"), [
    ("This is a summary of what was said by UNHCR spokesperson Lena Morel at the press briefing, on 10 October 2021.",
     "UNHCR"),
    # (no body's spokesperson: the institution that published it, as before)
    ("This is a summary of what the press said at the briefing, on 10 October 2021.", "Westland Institute"),
])
def test_a_briefing_note_copied(reconciler: Reconciler, lead: str, reporter: str) -> None:
    got = record(lead + "\n\nIn Westland more than 1,600 people have sought refuge at the camp over the past fortnight.",
                 reconciler, published="not stated", publisher="Westland Institute")
    (found,) = got["displacement"]
    assert found["reported_by"] == reporter


# a post between dashes ("Name – Policy Director for the ABC in the region – said:") and the quotes after it (set AZ)
def test_a_post_between_dashes_then_quotes(reconciler: Reconciler) -> None:
    got = record("Speaking about the violence in Qarazan, Lena Morel – Policy and Advocacy Director for the Westland "
                 "Relief Agency in the region – said:\n\n\"The situation is deteriorating rapidly.\"", reconciler)
    assert [p["name"] for p in got["people"]] == ["Lena Morel"]
    assert [s["speaker"] for s in got["statements"]] == ["Lena Morel"]


# an agency's own flash update: its text is no one's speech, but a named speaker it reports does speak (sets AZ, AD and
# AT); a passive "was announced" has no speaker before it
@pytest.mark.parametrize(("sentence", "speakers"), [
    ("UN Special Envoy Lena Morel has announced that the next round of talks will be delayed to 9 March.",
     ["Lena Morel"]),
    ("On 21 May, the Westland Army announced that it had taken full control of the area.", ["Westland Army"]),
    ("To date, the Westland Red Crescent have registered 33,540 people in the shelters.", []),
    ("Following talks with the Westland Relief Agency, a ceasefire for five days was announced on 17 October.", []),
])
def test_speech_a_flash_update_reports(reconciler: Reconciler, sentence: str, speakers: list[str]) -> None:
    got = record("Some 5,000 people fled Qarazan this week. " + sentence, reconciler, publisher="OCHA",
                 title="Syria: Flash Update No. 2")
    assert [s["speaker"] for s in got["statements"]] == speakers


def test_a_passive_announcement_has_no_speaker_before_it(reconciler: Reconciler) -> None:
    got = record("Following talks with the Westland Relief Agency, a ceasefire for five days was announced on 17 "
                 "October.", reconciler)
    assert got["statements"] == []


# "38-year-old Ghossoon has no idea ..." then '"...," she said': a person named by a first name after an age (set AI)
@pytest.mark.parametrize(("lead", "speakers"), [
    ("Exhausted from days of driving, 38-year-old Ghossoon has no idea where her family will go.", ["Ghossoon"]),
    ("Exhausted from days of driving, a 38-year-old Syrian refugee has no idea where her family will go.", []),
])
def test_a_first_name_after_an_age(reconciler: Reconciler, lead: str, speakers: list[str]) -> None:
    got = record(lead + "\n\n\"Thank God we have this car to sleep in,\" she said.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == speakers


def test_wire_copy_speakers_of_set_bo(reconciler: Reconciler) -> None:
    # (set BO) a relative clause with "whose" between a name and its verb; a country's state media; "informed"
    got = record("Westland President Aram Velde, whose order to pull back troops triggered the assault, said talks would "
                 "follow.\n\nThe escalation came as Westland's state media reported that two missiles struck the airport.\n\n"
                 "Nearly 18,000 people have fled their homes, the Norwegian Refugee Council informed on Tuesday.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [
        ("Aram Velde", "said"), ("Westland's state media", "reported"), ("Norwegian Refugee Council", "informed")]
    assert [o["reported_by"] for o in got["displacement"]] == ["Norwegian Refugee Council"]


def test_a_source_saying_another_thing_after_as_reports_no_figure(reconciler: Reconciler) -> None:
    got = record("Some 3,000 people fled on Monday, as the Norwegian Refugee Council said it had run out of tents.\n\n"
                 "Some 2,000 people fled on Sunday, as the Norwegian Refugee Council said.\n\n"
                 "Some 1,000 people fled as fighting raged on Saturday, the Norwegian Refugee Council said.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == [None, "Norwegian Refugee Council",
                                                                "Norwegian Refugee Council"]


def test_the_official_of_a_body_is_its_person_named_before(reconciler: Reconciler) -> None:
    # (set BP) "spokesperson Name from the Office for X (XO) told" gives Name's body; "the XO official added" is Name
    got = record("“Many people have burned their clothes,” spokesperson Aram Velde from the Office for the Coordination "
                 "of Humanitarian Affairs (OCHA) told journalists.\n\nSome 330,000 “have fled to areas in Qarazan”, the "
                 "OCHA official added.", reconciler)
    assert [(p["name"], p["org"]) for p in got["people"]] == [
        ("Aram Velde", "Office for the Coordination of Humanitarian Affairs (OCHA)")]
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde", "Aram Velde"]
    # (two people of that body named before: no telling which, the body speaks)
    got = record("OCHA spokesperson Aram Velde spoke first.\n\nOCHA chief Ben Qarazi spoke next.\n\nSome 330,000 have "
                 "fled, the OCHA official added.", reconciler)
    assert [s["speaker"] for s in got["statements"]][-1] == "OCHA"


def test_a_titled_person_who_welcomed_then_speaks_by_saying(reconciler: Reconciler) -> None:
    # (set BT) "ABC Emergency Relief Coordinator Name welcomed ..., saying ...": the person, not the body in the post
    got = record("UNHCR Emergency Relief Coordinator Aram Velde welcomed the delivery on social media, saying it was "
                 "a first step.\n\nThe Norwegian Refugee Council welcomed the delivery, saying it was a first step.",
                 reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde", "Norwegian Refugee Council"]


def test_a_long_post_between_a_name_and_its_verb(reconciler: Reconciler) -> None:
    # (set BR) a body's long name in the post ("head of the ... (XYZ) office for displaced persons and refugees")
    got = record("“We are struggling,” Aram Velde, head of the Democratic Autonomous Administration of North and East "
                 "Westland (DAANEW) office for internally displaced persons and refugees, told reporters.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"]


def test_a_kunya_name_that_speaks_is_a_person(reconciler: Reconciler) -> None:
    # (sets BR, BS) "Abu Ammar" is only like the village "Abu Omar": speaking, a person
    for body in ("“The bombing was crazy,” Abu Ammar tells reporters.", "“The bombing was crazy,” said Abu Ammar."):
        got = record(body, reconciler)
        assert [s["speaker"] for s in got["statements"]] == ["Abu Ammar"], body
    # (the village by its very name is still a place, and a kunya that does not speak is no person)
    got = record("Some 300 families fled Abu Omar on Monday. Abu Ammar fled too.", reconciler)
    assert got["people"] == [] and [o["places"] for o in got["displacement"]] == [["Abu Omar"]]


@pytest.mark.parametrize(("body", "person", "reporter"), [
    # (set BV) a body's name with its acronym in brackets, then the post and the name: the person speaks for that body
    ("Westland Refugee Council (WRC) spokesman Aram Velde told reporters that 600 families fled Qarazan.",
     ("Aram Velde", "spokesman", "Westland Refugee Council (WRC)"), "Westland Refugee Council (WRC)"),
    ("Westland Democratic Council (WDC) co-head Aram Velde told reporters that 600 families fled Qarazan.",
     ("Aram Velde", "co-head", "Westland Democratic Council (WDC)"), "Westland Democratic Council (WDC)"),
    # (a full stop between the body and the post: no affiliation)
    ("Shells hit the Westland Refugee Council. Spokesman Aram Velde told reporters that 600 families fled Qarazan.",
     ("Aram Velde", "Spokesman", None), None),
])
def test_a_body_with_its_acronym_before_a_post(reconciler: Reconciler, body: str,
                                               person: tuple[str, str, str | None], reporter: str | None) -> None:
    got = record(body, reconciler)
    assert [(p["name"], p["role"], p["org"]) for p in got["people"]] == [person]
    assert [o["reported_by"] for o in got["displacement"]] == [reporter]


@pytest.mark.parametrize("adverb", ["currently", "now", "first", "initially", "later"])
def test_an_adverb_between_the_speaker_and_the_verb(reconciler: Reconciler, adverb: str) -> None:
    # (set BV) "The UN currently estimates that ...", "He first said that ..."
    got = record(f"The UN {adverb} estimates that around 166,000 people have fled Qarazan since 9 October.", reconciler,
                 published="2019-10-19")
    assert [o["reported_by"] for o in got["displacement"]] == ["UN"]


def test_a_body_that_speaks_now_is_not_dated_by_its_earlier_day(reconciler: Reconciler) -> None:
    # (set BV) the UN spoke on Friday; "The UN currently estimates" is today's count, closed on the page's day
    got = record("The UN said on Friday that nearly 1,700 people had crossed into Westland in recent days.\n\n"
                 "The UN currently estimates that around 166,000 people have fled Qarazan since 9 October.", reconciler,
                 published="2019-10-19")
    found = {o["figure"]: (o["period_start"], o["period_end"]) for o in got["displacement"]}
    assert found[166000] == ("2019-10-09", "2019-10-19")


def test_a_figure_put_higher_by_another_body(reconciler: Reconciler) -> None:
    # (set BV) "X puts the figure much higher, at more than 191,000": another count of the same flight
    got = record("According to the UN, more than 100,000 people have been displaced from Qarazan.\n\n"
                 "The Westland administration puts the figure much higher, at more than 191,000.", reconciler)
    assert [o["figure"] for o in got["displacement"]] == [100000, 191000]


def test_a_curly_quote_closed_by_a_straight_mark(reconciler: Reconciler) -> None:
    # (set CF) '“You have three million people today who are trapped," said Name, ABC project coordinator for
    # northwestern Westland': the name after the quote speaks, for the body of the post (not the region it covers)
    got = record("“You have three million people today who are trapped,\" said Aram Velde, MSF project coordinator for "
                 "northwestern Syria.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"]
    assert [(p["name"], p["org"]) for p in got["people"]] == [("Aram Velde", "MSF")]


def test_sentences_inside_a_quote_left_open(reconciler: Reconciler) -> None:
    # (set CF) a quote opened after "says:" runs on over sentences until it closes; a quote that runs on over
    # paragraphs opens each of them again; a label line ending in a colon names another speaker
    got = record("Aram Velde, ABC Deputy Country Director, says:\n\n"
                 '"The agency is gravely concerned that the truce is dissolving.\n\n'
                 "Any offensive in this area promises to be devastating.\n\n"
                 '"Our aid workers are rushing to bring support to families.\n\n'
                 'We support them with first aid where we can."\n\n'
                 "The town was shelled again on Monday, residents said.", reconciler)
    assert [s["speaker"] for s in got["statements"]][:4] == ["Aram Velde"] * 4
    assert not any(s["text"].startswith("The town was shelled") and s["speaker"] == "Aram Velde" for s in got["statements"])


def test_a_quote_after_the_sentence_that_brings_a_person_in(reconciler: Reconciler) -> None:
    # (set CE) the quote after "43-year-old Name was hoping ..." is that person's, not the minister's who spoke before
    got = record("Westland's Prime Minister Karim Qarazi has said 15,000 people fleeing Qarazan had arrived at the border.\n\n"
                 "Sitting in his car with his four children, 43-year-old Aram Velde was hoping to get back to find his "
                 "relatives.\n\n"
                 '"Now there are thousands of people all waiting on the other side. They escaped the bombing."', reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Karim Qarazi", "Aram Velde"]
    # (with no one brought in between, the quote goes on with the one who spoke)
    got = record("Westland's Prime Minister Karim Qarazi has said 15,000 people fleeing Qarazan had arrived at the border.\n\n"
                 '"Now there are thousands of people all waiting on the other side. They escaped the bombing."', reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Karim Qarazi", "Karim Qarazi"]


def test_a_post_refers_back_never_forward(reconciler: Reconciler) -> None:
    # (set CE) "said the activist, who identified himself as Abu Ammar": that name; an activist named only later in the
    # text is not the one "the activist" refers back to
    got = record("An activist in the old city, reached by phone on Wednesday, said the district was surrounded.\n\n"
                 "“There is no way out,” said the activist, who identified himself as Abu Ammar.\n\n"
                 "“There is no food,” said the activist.\n\n"
                 "In Qarazan, the situation was terrible overnight, activist Aram Velde told reporters on Wednesday.",
                 reconciler)
    speakers = [s["speaker"] for s in got["statements"]]
    assert speakers[0] == "Abu Ammar" and "Aram Velde" not in speakers[:2]


@pytest.mark.parametrize(("body", "speaker", "reporter"), [
    # (set CB) where the words were given, between the name and the verb
    ('UNHCR Spokesperson Aram Velde, at today\'s press briefing at the Palais des Nations in Geneva, said, "So far more '
     'than 10,100 refugees have crossed into Westland."', "Aram Velde", "UNHCR"),
    # (set CD) "put the total number of arrivals ... at N" tells a figure; the refugee agency by a name often miswritten
    ("Aram Velde of the United Nations High Commission for Refugees put the total number of refugee arrivals over the "
     "weekend at around 1,000 families.", "Aram Velde", "United Nations High Commission for Refugees"),
])
def test_how_a_spokesperson_gives_a_figure(reconciler: Reconciler, body: str, speaker: str, reporter: str) -> None:
    got = record(body, reconciler, published="2019-10-25")
    assert [s["speaker"] for s in got["statements"]] == [speaker]
    assert [o["reported_by"] for o in got["displacement"]] == [reporter]


def test_a_statement_release_is_its_signatory_s(reconciler: Reconciler) -> None:
    # (sets BP, CH) "Statement by ABC Executive Director Name" above the text: its quotes, and the sentences inside
    # them, are that person's; the post is "Executive Director"
    got = record("Statement by UNICEF Executive Director Aram Velde\n\n"
                 "NEW YORK, 1 February 2020 – “The crisis in Qarazan is turning into a child protection crisis.\n\n"
                 "Violence over the past week has forced 6,500 children to flee their homes.\n\n"
                 "“UNICEF estimates that 1.2 million children are in desperate need.", reconciler,
                 published="2020-02-01", publisher="UNICEF")
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"] * 3
    assert [(p["name"], p["role"], p["org"]) for p in got["people"]] == [("Aram Velde", "Executive Director", "UNICEF")]


def test_a_displaced_person_s_aside_before_the_verb(reconciler: Reconciler) -> None:
    # (set BZ) "22-year-old Name, displaced from X in 2018, told ABC ...": the aside is set aside
    got = record("22-year-old Aram, displaced from Qarazan in 2018, told reporters the people arriving were sleeping "
                 "outside.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram"]


def test_a_medium_relays_the_words_of_the_body_it_names(reconciler: Reconciler) -> None:
    # (set CN) "..., the ICRC has warned, the BBC reports.": the body's words, the medium relays them (an act the
    # medium reports stays the medium's report: see test_a_closing_attribution)
    got = record("A surge in fighting in Qarazan province has displaced about 50,000 people, the Westland Relief Agency "
                 "has warned, the BBC reports.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Westland Relief Agency"]
    assert [s["speaker"] for s in got["statements"]] == ["Westland Relief Agency"]


def test_an_inverted_speaker_of_a_body_told_in_words(reconciler: Reconciler) -> None:
    # (set CX, scored blind at 05802dc) '"On Wednesday, about 800 ... entered X," said Name of the refugee authority for
    # the region.': the person speaks, the day inside the quote is the figure's, and the name is no place
    got = record('"On Wednesday, about 800 Syrian refugees entered Westland," said Rashid Hussein of the refugee '
                 "authority for the autonomous region.", reconciler, published="2019-10-17")
    assert [s["speaker"] for s in got["statements"]] == ["Rashid Hussein"]
    (found,) = got["displacement"]
    assert (found["period_start"], found["period_end"]) == ("2019-10-16", "2019-10-16")
    assert not {"Rashid", "Hussein"} & set(found["places"])


@pytest.mark.parametrize(("sentence", "reporter"), [
    # (sets CU and CT, scored blind at 05802dc) a body's long name before an unnamed post
    ("Around 600 families have crossed into Westland over the past week, a Popular Front for the Liberation of Qarazan "
     "official said.", "Popular Front for the Liberation of Qarazan"),
    # a person's post around the body: "an official with the NGO X", "an X official in Westtown"
    ("“We have counted 10,000 people fleeing in the last two days,” said Aram Velde, an official with the NGO Westland "
     "Coordination Group.", "Westland Coordination Group"),
    ("Aram Velde, a Westland Relief Council official in Westtown, said 500 families fled Qarazan on Wednesday.",
     "Westland Relief Council"),
])
def test_a_body_named_around_a_post(reconciler: Reconciler, sentence: str, reporter: str) -> None:
    got = record(sentence, reconciler, published="2015-04-03")
    assert [o["reported_by"] for o in got["displacement"]][:1] == [reporter]


def test_a_description_ends_before_its_relative_clause(reconciler: Reconciler) -> None:
    # (set DM, scored blind at f45fd90) "Name, a citizen journalist who was part of the evacuation told X on Tuesday":
    # the role is "citizen journalist"; the evacuation is no body, so the figure has no reporter
    got = record("“Between 1,500 to 2,000 civilians and fighters departed” the district by bus starting on Monday "
                 "evening, Aram Velde, a citizen journalist who was part of the evacuation told Westland TV on Tuesday.",
                 reconciler, published="2018-03-13")
    assert [(p["name"], p["role"], p["org"]) for p in got["people"]] == [("Aram Velde", "citizen journalist", None)]
    assert {o["reported_by"] for o in got["displacement"]} == {None}


def test_a_body_described_in_an_aside_after_its_name(reconciler: Reconciler) -> None:
    # (set DI) "X, a UN humanitarian agency, said ...": X speaks, not the aside
    got = record("The Westland Relief Office, a UN humanitarian agency, said on Monday that 5,000 people fled Qarazan.",
                 reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Westland Relief Office"]
    assert [o["reported_by"] for o in got["displacement"]] == ["Westland Relief Office"]


def test_a_body_chaired_by_someone_and_called_by_its_kind(reconciler: Reconciler) -> None:
    # (set DY, scored blind at 634940e) "The X Center of this region, chaired by Governor Name, counted N ..." then
    # "According to this chamber, the number ... now reaches N": the center both times
    got = record("The Disaster Management Center of this region, chaired by Governor Aram Velde, counted more than a "
                 "thousand new displaced persons who arrived in the last few hours.\n\n"
                 "According to this chamber, the number of displaced persons now reaches 10,678, spread across 22 "
                 "villages in Westtown.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Disaster Management Center"] * 2
    assert [s["speaker"] for s in got["statements"]] == ["Disaster Management Center"] * 2


def test_a_body_s_acronym_between_its_name_and_its_verb(reconciler: Reconciler) -> None:
    # (set DP, scored blind at f45fd90) "The X Coordinators Team (XCT) has documented the displacement of 6,277 ..."
    # (a known body's name, whose acronym the page writes its own way, is not joined to the bracket)
    got = record("The Syrian Response Coordinators Team (SRC) has documented the displacement of 6,277 residents from "
                 "Qarazan in recent days.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Syrian Response Coordinators Team"]


@pytest.mark.parametrize("verb", ["remarked", "underlined", "disclosed", "clarified"])
def test_more_verbs_of_reported_speech(reconciler: Reconciler, verb: str) -> None:
    # (sets CS and DC, scored blind at 05802dc and 1f1f0b5) "Abou Faour remarked that some 1,500 ... have remained"
    got = record(f"The minister Aram Velde visited the valley.\n\nVelde {verb} that some 1,500 refugees have remained in "
                 "the valley.", reconciler)
    assert [(s["speaker"], s["verb"]) for s in got["statements"]] == [("Aram Velde", verb)]


def test_a_body_described_before_its_name_after_an_inverted_verb(reconciler: Reconciler) -> None:
    # (set CZ, scored blind at 1275b75) "..., said the UN's humanitarian co-ordination office OCHA."
    got = record("The fighting has seen 99,569 civilians flee southern Qarazan between December 1 and January 9, said the "
                 "UN’s humanitarian co-ordination office OCHA.", reconciler, published="2018-01-10")
    assert [o["reported_by"] for o in got["displacement"]] == ["OCHA"]
    assert [s["speaker"] for s in got["statements"]] == ["OCHA"]


def test_the_source_of_the_people_taken_up_again(reconciler: Reconciler) -> None:
    # (set CS, scored blind at 05802dc) "... 7,000 civilians have been displaced from X. Most of the families are
    # staying with communities north of X, the agency stated": the agency reports the figure
    got = record("So far, some 7,000 civilians have been displaced from the Qarazan area.\n\nMost of the families are "
                 "staying with communities in villages just north of Qarazan, the Westland Relief Council stated.",
                 reconciler)
    assert [o["reported_by"] for o in got["displacement"]] == ["Westland Relief Council"]


def test_a_post_held_in_the_kingdom(reconciler: Reconciler) -> None:
    # (set DA, scored blind at 1f1f0b5) "..., the head of the U.N. refugee agency in the kingdom said Sunday."
    got = record("Some 4,000 more arrived this month, the head of the Westland Relief Council in the kingdom said Sunday.",
                 reconciler, published="2016-02-01")
    assert [o["reported_by"] for o in got["displacement"]] == ["Westland Relief Council"]


def test_a_post_to_a_country_before_the_name(reconciler: Reconciler) -> None:
    # (set DH, scored blind at 4b4f093) "The UNICEF representative to Jordan, Name, said more than 21,000 ...": the person
    # speaks for the body, and the name is no place
    got = record("The Westland Relief Council representative to Qarazan, Aram Velde, said more than 21,000 refugees arrived "
                 "at the camp just in the past week.", reconciler, published="2013-01-29")
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"]
    assert [o["reported_by"] for o in got["displacement"]] == ["Westland Relief Council"]


def test_a_body_that_has_been_accused_does_not_speak(reconciler: Reconciler) -> None:
    # (set DL, scored blind at f45fd90) "... due to threats from the X Units (XU), which have been accused of displacing"
    got = record("Around 200 more people fled Westtown and have taken refuge in Qarazan due to alleged threats from the "
                 "People's Protection Units (YPG), which have been accused of displacing people for demographic "
                 "adjustments.", reconciler, published="2015-06-24")
    assert got["statements"] == []
    assert [o["reported_by"] for o in got["displacement"]] == [None]


@pytest.mark.parametrize(("aside", "reporter"), [
    # (set DS, scored blind at e00e136) where the person is, not whose: no body
    ("an activist with the Local Coordination Committees in the border town of Tal Shihab", None),
    # (set CQ) the place's body
    ("an official in the municipality of Ain Issa", "municipality of Ain Issa"),
])
def test_a_place_after_a_post_is_where_or_its_body(reconciler: Reconciler, aside: str, reporter: str | None) -> None:
    got = record(f"Aram Velde, {aside}, told reporters that four families, including 24 people, reached Westtown on "
                 "Monday.", reconciler, published="2021-05-14")
    assert {o["reported_by"] for o in got["displacement"]} == {reporter}


def test_according_to_a_body_s_report_by_its_kind(reconciler: Reconciler) -> None:
    # (set EB, scored blind at 62cb08e) "The “Westland Coordinators” team has monitored ... According to the
    # Coordinator’s report on Monday, the number ... has amounted to 103539 persons": the team named before
    got = record("The “Westland Coordinators” team has monitored the displacement of more than a hundred thousand "
                 "civilians in a week.\n\nAccording to the Coordinator’s report on Monday, the number of displaced "
                 "people from April 29 to the day has amounted to 103539 persons.", reconciler, published="2019-05-07")
    assert [o["reported_by"] for o in got["displacement"]] == ["Westland Coordinators"] * 2


@pytest.mark.parametrize(("aside", "org"), [
    # (set EK, scored blind at 8540c5c) "an activist and native of X": where the person is from, not a body
    ("an activist and native of Westtown’s Old City", None),
    ("a resident of Westtown’s Old City", None),
    ("a spokesman of the Westland Relief Council", "Westland Relief Council"),
])
def test_a_native_of_a_place_speaks_for_no_body(reconciler: Reconciler, aside: str, org: str | None) -> None:
    got = record(f"“We were munching onions,” said Aram Velde, {aside}, after the evacuation of 2,000 people from the "
                 "city.", reconciler, published="2014-05-14")
    assert [(p["name"], p["org"]) for p in got["people"]] == [("Aram Velde", org)]
    assert [o["reported_by"] for o in got["displacement"]] == [org]


def test_a_body_named_with_the_one_it_belongs_to_speaks_and_is_named_again(reconciler: Reconciler) -> None:
    # (set EK, scored blind at 8540c5c) "The X Directorate for Refugees of the <demonym> interim government said": the
    # directorate (found even though the government is a body already known); "The Directorate" later: the same one
    got = record("The General Directorate for Refugees of the Syrian interim government said that the bombardment has "
                 "led to the displacement of around 6,000 since Monday.\n\nActivists said that around 40 air raids "
                 "targeted the town.\n\nThe Directorate pointed out that many people were forced to flee.",
                 reconciler, published="2014-09-16")
    assert [o["reported_by"] for o in got["displacement"]] == ["General Directorate for Refugees"]
    assert [s["speaker"] for s in got["statements"]] == ["General Directorate for Refugees", "Activists",
                                                         "General Directorate for Refugees"]


@pytest.mark.parametrize(("sentence", "speakers", "reporter"), [
    # (set EN, scored blind at 8540c5c) "..., with state-run X news agency reporting that ...": the agency speaks
    ("Authorities began evacuating civilians, with state-run Westland News Agency reporting that more than 500 families "
     "were moved from Qarazan to Westtown.", ["Westland News Agency"], "Westland News Agency"),
    # (not a reporting period or a byline)
    ("During the reporting period, 300 families fled Qarazan, the ABC said.", ["ABC"], "ABC"),
    ("Reporting by Aram Velde. About 300 families fled Qarazan.", [], None),
])
def test_a_body_reporting_after_with(reconciler: Reconciler, sentence: str, speakers: list[str],
                                     reporter: str | None) -> None:
    got = record(sentence, reconciler, published="2025-07-17")
    assert [s["speaker"] for s in got["statements"]] == speakers
    assert [o["reported_by"] for o in got["displacement"]] == [reporter]


def test_a_post_for_a_body_s_head_names_the_body(reconciler: Reconciler) -> None:
    # (set EM, scored blind at 8540c5c) "the Spokesperson for the ABC Secretary-General Name informed journalists that":
    # the person speaks for ABC; after another's name ("Name, spokesman for ABC Secretary-General Name2") the second
    # person holds the last post
    got = record("On December 14, the Spokesperson for the United Nations Secretary-General Aram Velde informed "
                 "journalists that more than 500 families left Qarazan.", reconciler, published="2016-12-15")
    assert [(p["name"], p["role"], p["org"]) for p in got["people"]] == [("Aram Velde", "Spokesperson", "United Nations")]
    assert [o["reported_by"] for o in got["displacement"]] == ["United Nations"]
    got = record("About 500 families left Qarazan. Bram Olde, spokesman for UN Secretary-General Aram Velde, said the "
                 "people able to leave were children.", reconciler, published="2016-12-15")
    assert ("Aram Velde", "Secretary-General", "UN") in [(p["name"], p["role"], p["org"]) for p in got["people"]]


@pytest.mark.parametrize(("sentence", "reporter"), [
    # (set EO, scored blind at 8ab8401) a body's post that opens a sentence with no article: the body speaks
    ("UN Spokesperson says at least 16,500 people have been forced to flee their homes.", "UN"),
    ("The UN spokesperson said at least 16,500 people have been forced to flee their homes.", "UN"),
    # (a country's post is no body's)
    ("Westland Foreign Minister said 16,500 people have been forced to flee their homes.", None),
])
def test_a_body_s_post_opening_a_sentence(reconciler: Reconciler, sentence: str, reporter: str | None) -> None:
    assert [o["reported_by"] for o in record(sentence, reconciler)["displacement"]] == [reporter]


def test_a_body_coordinated_after_a_known_one_speaks(reconciler: Reconciler) -> None:
    # (set ET, scored blind at 8ab8401) "The World Food Programme and the Food and X Organization say": the bodies named,
    # not the one that spoke in the sentence before
    got = record("According to the Syrian Arab Red Crescent, over 1.5 million civilians have left their homes.\n\nThe "
                 "World Food Programme and the Food and Agricultural Organization say they are in urgent need of food.",
                 reconciler, published="2012-09-12")
    assert [s["speaker"] for s in got["statements"]] == ["Syrian Arab Red Crescent", "Food and Agricultural Organization"]
    assert "Food and Agricultural Organization" in got["organizations"]


def test_according_to_a_described_conflict_monitor(reconciler: Reconciler) -> None:
    # (set EV, scored blind at dc3cd6b) "According to the UK-based conflict monitor, ...": the observatory named before
    got = record("The Syrian Observatory for Human Rights said 1,000 people fled on Tuesday.\n\nAccording to the UK-based "
                 "conflict monitor, just under 20,000 people have escaped the area since early December.", reconciler,
                 published="2019-01-15")
    assert [o["reported_by"] for o in got["displacement"]] == ["Syrian Observatory for Human Rights"] * 2


@pytest.mark.parametrize("second", [
    # (set FF, scored blind at fd98915) a part of the flow before, named as such, is the same source's
    "This figure includes 100,000 people who have been forced to flee their homes multiple times.",
    "Among them, at least 100,000 have been forced to flee the violence several times.",
])
def test_a_part_of_the_flow_before_has_its_source(reconciler: Reconciler, second: str) -> None:
    got = record("The Office for the Coordination of Humanitarian Affairs (OCHA) has reported a displacement of at least "
                 "370,000 individuals in Westland.\n\n" + second, reconciler, published="2024-12-06")
    assert [o["reporter_ref"] for o in got["displacement"]] == ["ocha", "ocha"]


def test_a_name_then_a_description_with_no_closing_comma(reconciler: Reconciler) -> None:
    # (set FH, scored blind at 699bec9) "..., Name, a resident told Reuters.": the person named, not "a resident"; the
    # description ends before the verb
    got = record("The flow of vehicles leaving the city was not stopping, Aram Velde, a resident told Reuters.", reconciler)
    assert [s["speaker"] for s in got["statements"]] == ["Aram Velde"]
    assert [(p["name"], p["role"]) for p in got["people"]] == [("Aram Velde", "resident")]


def test_a_described_body_where_it_is_and_another_body_s_figure(reconciler: Reconciler) -> None:
    # (set FI, scored blind at 699bec9) "The Kurdish-led administration in Westland's northeast said nearly 200,000 ...,
    # while the ABC Program put the figure at more than 100,000": two bodies, two counts
    got = record("The Kurdish-led administration in Westland's northeast said nearly 200,000 people had been uprooted so "
                 "far by the fighting, while the UN World Food Program put the figure at more than 100,000 in the towns "
                 "of Qarazan and Westtown.", reconciler, published="2019-10-12")
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]] == [
        (200000, "Kurdish-led administration"), (100000, "World Food Program")]


@pytest.mark.parametrize("joint", ["of", "in"])
def test_a_directorate_of_a_government_s_speaks(reconciler: Reconciler, joint: str) -> None:
    # (set FI, scored blind at 699bec9; set BZ reads the same) "The X Directorate of (in) the Y regime’s government
    # stated": the directorate
    got = record(f"The Immigration and Passports Directorate {joint} the Syrian regime’s government stated that around "
                 "185,000 people were displaced to Westland.", reconciler, published="2024-10-01")
    assert [o["reported_by"] for o in got["displacement"]] == ["Immigration and Passports Directorate"]


def test_according_to_is_no_part_of_a_post(reconciler: Reconciler) -> None:
    # (set FM, scored blind at c7e1ffe) "..., according to provincial Governor Name": the post is "provincial Governor"
    got = record("About 600 civilians were evacuated from Qarazan on Sunday, according to provincial Governor Aram "
                 "Velde.", reconciler, published="2014-02-10")
    assert [(p["name"], p["role"]) for p in got["people"]] == [("Aram Velde", "provincial Governor")]
    assert [o["reported_by"] for o in got["displacement"]] == ["provincial Governor"]


def test_according_to_the_report_a_body_published(reconciler: Reconciler) -> None:
    # (set EX, scored blind at f8889a9) "X has published a report ... According to the report, ...": X, not the
    # institution whose page it is; with no issuer told, no one
    got = record("The Westland Coordinators Team has published a report about the people displaced to Qarazan.\n\n"
                 "According to the report, no fewer than 12,317 families have been forcibly displaced to Qarazan.",
                 reconciler, published="2018-03-10")
    assert [o["reported_by"] for o in got["displacement"]] == ["Westland Coordinators Team"]
    got = record("According to the report, no fewer than 12,317 families have been forcibly displaced to Qarazan.",
                 reconciler, published="2018-03-10")
    assert [o["reported_by"] for o in got["displacement"]] == [None]


@pytest.mark.parametrize(("body", "reporter"), [
    # (set FU, scored blind at c35b8aa) "X announced that ..., a news agency reported": X's figure, passed on
    ("The Westland Relief Agency announced that more than 130,000 people in Qarazan were displaced due to the "
     "fighting, the Qarazi News Agency reported on Sunday.", "Westland Relief Agency"),
    # (an act announced is no speech: the closing attribution stays)
    ("The Westland Relief Agency announced a ceasefire in Qarazan, where 130,000 people were displaced, the Qarazi "
     "News Agency reported on Sunday.", "Qarazi News Agency"),
])
def test_words_announced_and_passed_on(reconciler: Reconciler, body: str, reporter: str) -> None:
    assert [o["reported_by"] for o in record(body, reconciler, published="2019-10-14")["displacement"]] == [reporter]


@pytest.mark.parametrize(("body", "speakers"), [
    # (set FU, scored blind at c35b8aa) a person quoted "as stating" by a medium speaks, and is named again later
    ("The Qarazi News quoted Aram Velde, ABCO spokesman, as stating on Sunday that most of the displaced are staying "
     "with relatives.\n\nVelde noted that it would be hard to reach them.\n\nMany aid groups have moved their staff, the "
     "spokesman elaborated.", ["Aram Velde", "Aram Velde", "Aram Velde"]),
    # (set EC) with "as saying" after a quote
    ("“This latest wave compounds a dire situation,” the Qarazi News cited Aram Velde, ABCO regional spokesman, as "
     "saying.", ["Aram Velde"]),
])
def test_a_person_quoted_by_a_medium(reconciler: Reconciler, body: str, speakers: list[str]) -> None:
    assert [s["speaker"] for s in record(body, reconciler)["statements"]] == speakers


def test_according_to_information_given_by_a_body(reconciler: Reconciler) -> None:
    # (set FS, scored blind at da42d91) "according to information triangulated by X": X's figure, in another body's report
    got = record("From 16-19 December, over 10,300 people have been evacuated from eastern Qarazan, according to "
                 "information triangulated by the Westland Shelter Cluster.", reconciler, published="2016-12-19")
    assert [o["reported_by"] for o in got["displacement"]] == ["Westland Shelter Cluster"]


def test_another_source_after_though(reconciler: Reconciler) -> None:
    # (sets FX and BW) "..., Name told reporters, though X authorities have said the number could be around 200,000":
    # the second count is X's
    got = record("Aram Velde, spokesman for the UN refugee agency, spoke in Qarazan.\n\nSome 172,000 Kurds have fled to "
                 "Westland, Velde told reporters, though Turkish authorities have said the number could be around "
                 "200,000.", reconciler, published="2014-10-31")
    assert [(o["figure"], o["reported_by"]) for o in got["displacement"]][1:] == [(200000, "Turkish authorities")]


@pytest.mark.parametrize(("body", "reporter"), [
    # (set FW, scored blind at eafc805) a country's body closing a sentence after a comma: read before the comma's aside
    ("The government evacuated around 5,000 people on Sunday from a town near Qarazan, Westland's state news agency "
     "reported.", "Westland's state news agency"),
    ("Some 25,000 civilians fled toward the border in two days, Turkish state media said.", "Turkish state media"),
])
def test_a_country_s_body_at_the_end(reconciler: Reconciler, body: str, reporter: str) -> None:
    assert [o["reported_by"] for o in record(body, reconciler, published="2013-12-30")["displacement"]] == [reporter]


@pytest.mark.parametrize(("body", "org"), [
    # (set GK, scored blind at c172f4e) what a post is for is no body: "coordinator for the Syria crisis"
    ("“I am deeply concerned,” Aram Velde, regional humanitarian coordinator for the Qarazan crisis, said in a "
     "statement.", None),
    # (a region may be a body's)
    ("“I am deeply concerned,” said Aram Velde, Director of Health Emergencies for the Westland Health Organization's "
     "Eastern Region.", "Westland Health Organization's Eastern Region"),
])
def test_what_a_post_is_for(reconciler: Reconciler, body: str, org: str | None) -> None:
    assert [p["org"] for p in record(body, reconciler)["people"]] == [org]


def test_according_to_the_same_agency(reconciler: Reconciler) -> None:
    # (set GD, scored blind at eafc805) "According to the same agency" is the agency named before
    got = record("The Westland Relief Agency estimated that 40,000 of the refugees came from Qarazan.\n\nAccording to "
                 "the same agency, another 26,000 fled clashes around the villages east of Qarazan.", reconciler)
    assert [o["reported_by"] for o in got["displacement"]][-1:] == ["Westland Relief Agency"]
