"""Statistics: every quantity in a paragraph with its unit, and names for the measures the
project recognises. Sentences are written in the style of the reports; one test reads the seed."""

from __future__ import annotations

import re

import pytest

from pipeline.nlp.statistics import find_statistics, statistics_from_doc
from pipeline.nlp.language import build_language
from pipeline.types import Paragraph, Statistic


def stats(text: str, number: str | None = "14") -> list[Statistic]:
    return find_statistics([Paragraph(number=number, text=text, page=None, section="Service information")])


def found(text: str) -> set[tuple[float, str]]:
    return {(s.value, s.unit) for s in stats(text)}


def names(text: str) -> dict[str, float]:
    return {s.name: s.value for s in stats(text) if s.name}


# --- what a quantity is ---------------------------------------------------------------------


def test_counts_keep_what_is_counted():
    result = stats("The council has about 41,200 children and young people, two family support teams and 9 hubs.")
    assert [(s.value, s.unit, s.text) for s in result] == [
        (41200.0, "count", "41,200 children and young people"),
        (2.0, "count", "two family support teams"),
        (9.0, "count", "9 hubs"),
    ]


def test_a_number_word_that_begins_a_name_is_no_count():
    assert found("The regional adoption agency, One Adoption West Yorkshire, finds adopters quickly.") == set()
    assert found("Five Rivers Child Care provides placements for 12 children.") == {(12.0, "count")}
    assert found("Five children were placed. One child was adopted.") == {(5.0, "count"), (1.0, "count")}


def test_a_named_count_counts_what_its_measure_counts():
    assert names("Only five health passports have been issued to care leavers this year.") == {}
    assert names("The local authority supports 35 care leavers.") == {"care_leavers": 35.0}


def test_a_bare_count_is_still_a_count():
    result = stats("Of 2,310 contacts from the police, 1,402 needed no further action.")
    assert [(s.value, s.text) for s in result] == [(2310.0, "2,310 contacts"), (1402.0, "1,402")]


def test_percentages_money_durations_and_rates():
    assert found(
        "About 31% of referrals and 12.5 per cent of contacts were repeats; twenty per cent were late. "
        "The council put £1.5 million into early help, £250,000 into the hub and £3m into fostering. "
        "Assessments finish within 35 working days, proceedings take 26 weeks, plans last 18 months "
        "and reviews follow a three-month cycle. The rate is 61 per 10,000 children."
    ) == {
        (31.0, "percent"), (12.5, "percent"), (20.0, "percent"),
        (1_500_000.0, "GBP"), (250_000.0, "GBP"), (3_000_000.0, "GBP"),
        (35.0, "days"), (26.0, "weeks"), (18.0, "months"), (3.0, "months"),
        (61.0, "per_10000"),
    }


def test_years_dates_references_and_ordinals_are_not_statistics():
    assert stats(
        "In September 2012, and again on 7 January 2013, inspectors read the 2011/12 data, section 47 "
        "enquiries under the Children Act 1989, paragraphs 12 and 14, and the first and third reviews at "
        "key stage 2; the board has met since 2009 and the 2014-15 plan followed."
    ) == []


def test_ages_are_skipped_not_read_as_durations_or_counts():
    # Ages say who is counted, not how many or how long: they give no statistic at all.
    result = stats(
        "Most children are aged under five years (46%), some are aged 11 to 15, and young people 17 years "
        "of age, 16- and 17-year-olds and care leavers until they turn 21 are supported for 12 months."
    )
    assert [(s.value, s.unit) for s in result] == [(46.0, "percent"), (12.0, "months")]


def test_a_leading_paragraph_number_is_not_a_count():
    assert found("12. The council runs 15 children's centres.") == {(15.0, "count")}


def test_statistic_carries_its_sentence_and_paragraph():
    (statistic,) = stats("Thresholds are clear. There were 850 referrals last quarter. Most were timely.", number="7")
    assert statistic.sentence == "There were 850 referrals last quarter."
    assert statistic.paragraph == "7"
    assert stats("Unnumbered text with 3 teams.", number=None)[0].paragraph is None


def test_statistics_from_a_parsed_doc_match_find_statistics():
    text = "There are 231 children subject to a child protection plan and 10% are unborn."
    doc = build_language()(text)
    assert statistics_from_doc(doc, "14") == stats(text)


# --- named measures --------------------------------------------------------------------------


def test_population_and_its_share_of_the_population():
    assert names(
        "Approximately 52,400 children and young people under the age of 18 years live in Northshire. "
        "This is 21.3% of the total population in the area."
    ) == {"children_population": 52400.0, "children_population_share": 21.3}


def test_children_subject_of_a_child_protection_plan():
    assert names("At 31 March 2015, 335 children were the subject of a child protection plan.") == {
        "child_protection_plans": 335.0
    }
    assert names("At the time of this inspection 223 were subject to a child protection plan.") == {
        "child_protection_plans": 223.0
    }


def test_plan_categories_before_or_after_the_figure():
    assert names(
        "Children are on plans under the categories of neglect (52%), emotional abuse (31%), "
        "physical abuse (11%) and sexual abuse (6%)."
    ) == {
        "cp_category_neglect": 52.0,
        "cp_category_emotional_abuse": 31.0,
        "cp_category_physical_abuse": 11.0,
        "cp_category_sexual_abuse": 6.0,
    }
    assert names("Of these, 58% were subject to a plan due to emotional abuse and 21% due to neglect.") == {
        "cp_category_emotional_abuse": 58.0,
        "cp_category_neglect": 21.0,
    }


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("There are 400 looked after children in the borough.", 400.0),
        ("At 31 March 2016, 372 children were being looked after by the local authority.", 372.0),
        ("At the time of the inspection, the council looked after 122 children.", 122.0),
        ("There are currently 612 children in care.", 612.0),
    ],
)
def test_looked_after_children(sentence, value):
    assert names(sentence) == {"looked_after_children": value}


def test_care_leavers_agency_staff_and_children_in_need():
    assert names("The local authority currently has 93 care leavers.") == {"care_leavers": 93.0}
    assert names("Agency staff make up 17% of the social work workforce.") == {"agency_social_worker_share": 17.0}
    assert names("In 2019, 27% of social worker posts were filled by agency staff.") == {
        "agency_social_worker_share": 27.0
    }
    assert names(
        "At 31 March 2015, 1,931 children had been identified through assessment as being formally in need "
        "of a specialist children's service."
    ) == {"children_in_need": 1931.0}


@pytest.mark.parametrize(
    "sentence",
    [
        # the cue is in the sentence but not near the number
        "Services for looked after children have improved, and the council has opened 14 new schools.",
        # parts of a whole, and other things counted near the cue
        "Of these, 12 children ceased to be looked after and 8 returned home.",
        "The youth offending service is working with 13 looked after children.",
        "The 45 care leavers who are former unaccompanied asylum-seeking children are well supported.",
        "Some 20 children have been subject to a child protection plan for more than two years.",
        # a share of the whole population, not of children; a share of referrals, not of plans
        "The locality covers 40% of the population of the county.",
        "Around 23% of referrals related to neglect.",
        # caseloads are not the area's totals
        "Workers have caseloads of 18 children, with 33 children on a child protection plan.",
        # a page number or a stray figure next to a cue
        "Most care leavers 24 make use of these services.",
    ],
)
def test_no_name_without_a_close_cue(sentence):
    assert names(sentence) == {}


# --- the seed report -------------------------------------------------------------------------


def seed_paragraphs(path) -> list[Paragraph]:
    text = path.read_text(encoding="utf-8")
    paragraphs = []
    for block in re.split(r"\n(?=\d+\. )", text):
        match = re.match(r"(\d+)\. (.*)", block, re.S)
        if match:
            body = re.sub(r"\s*\n\s*", " ", match.group(2)).strip()
            paragraphs.append(Paragraph(number=match.group(1), text=body, page=None, section=None))
    return paragraphs


def test_seed_report_figures(seed_text_path):
    statistics = find_statistics(seed_paragraphs(seed_text_path))
    by_value = {}
    for s in statistics:
        by_value.setdefault((s.value, s.unit), []).append(s)

    population = by_value[(35800.0, "count")][0]
    assert population.text == "35,800 children and young people" and population.paragraph == "12"
    assert population.name == "children_population"

    plans = by_value[(108.0, "count")][0]
    assert plans.name == "child_protection_plans" and plans.paragraph == "14"
    assert plans.text.startswith("108 children")

    assert by_value[(1905.0, "count")][0].text == "1905 contacts"
    assert (1186.0, "count") in by_value

    percentages = {s.value for s in statistics if s.unit == "percent"}
    assert {23, 36.9, 22.4, 18.9, 16.5, 46, 35, 60, 28, 8, 4, 20} <= percentages

    named = {(s.paragraph, s.name, s.value) for s in statistics if s.name}
    assert {
        ("12", "children_population_share", 23.0),
        ("14", "cp_category_neglect", 60.0),
        ("14", "cp_category_emotional_abuse", 28.0),
        ("14", "cp_category_physical_abuse", 8.0),
        ("14", "cp_category_sexual_abuse", 4.0),
        ("5", "agency_social_worker_share", 20.0),
        ("35", "agency_social_worker_share", 20.0),
    } <= named
    # no other percentage in the seed is one of these measures
    assert not [s for s in statistics if s.name and s.name.startswith("cp_category") and s.paragraph != "14"]


def test_seed_report_skips_years_ages_and_references(seed_text_path):
    statistics = find_statistics(seed_paragraphs(seed_text_path))
    values = {s.value for s in statistics}
    assert not values & {2001.0, 2009.0, 2011.0, 2012.0, 2013.0, 2006.0, 136.0}  # years, "section 136"
    assert not [s for s in statistics if s.unit == "years"]  # "17 years of age", "12 years or older"
    assert not [s for s in statistics if "**" in s.text]
