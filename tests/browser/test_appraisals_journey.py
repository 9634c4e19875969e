"""Staff appraisals in the browser: a manager cascades an objective, a member of staff follows its thread
to the council priority, and the mid-year review is completed and locked; a manager opens a support plan
that the member of staff reads and answers."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from appraisals import demo as appraisals_demo
from appraisals.models import AppraisalObjective, Review, SupportPlan
from organisation.models import User
from priorities import demo as priorities_demo

pytestmark = pytest.mark.browser

OBJECTIVE = "Make sure carers get a break while the person they care for is reabled"
WORDING = "Offer every carer I meet a carer's assessment or a break"
STAFF = ["Aisha Khan", "Oliver Nolan", "Will Thomas"]


@pytest.fixture
def cycle(council):
    """The demo council's plans and its appraisal cycle: objective setting done, the mid-year window open."""
    priorities_demo.seed()
    cycle = appraisals_demo.seed()
    # The journeys need the mid-year window open whatever day the suite runs on (the demo keeps it open
    # from October to February; in spring and summer the test opens it around today).
    today = timezone.localdate()
    if not cycle.mid_year_starts <= today <= cycle.mid_year_ends:
        cycle.objective_setting_starts = cycle.objective_setting_ends = today - datetime.timedelta(days=60)
        cycle.mid_year_starts, cycle.mid_year_ends = today - datetime.timedelta(days=30), today + datetime.timedelta(days=30)
        cycle.year_end_starts, cycle.year_end_ends = today + datetime.timedelta(days=31), today + datetime.timedelta(days=60)
        cycle.save()
    return cycle


def banner(page: Page):
    return page.locator(".govuk-notification-banner--success")


def test_it_cascades_an_objective_and_completes_the_mid_year_review(council, cycle, page: Page, sign_in_as):
    """Mark Davies gives a Reablement plan objective to three of his staff in one step; Aisha sees it in
    "My objectives" with its thread up to Priority 2 and tailors it; she comments on her mid-year review,
    Mark comments, rates and signs off, she reads the ratings and signs off, and the review is locked."""
    # The head of service cascades objective 3 of the Reablement plan to three people.
    sign_in_as(council["head"])
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Appraisals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Appraisals {cycle.year_label}")
    team = page.get_by_test_id("team")
    expect(team.get_by_role("row").filter(has_text="Aisha Khan")).to_contain_text("Objectives agreed")
    page.get_by_role("link", name="Cascade an objective").click()
    page.get_by_label("Service plan objective to cascade").select_option(label=f"Reablement and Home Care: {OBJECTIVE} (priority 2)")
    for name in STAFF:
        page.get_by_label(re.compile(rf"^{name}")).check()
    page.get_by_label("What each person will achieve").fill("Help carers get a break during reablement")
    page.get_by_label("How it will be measured").fill("Carers offered an assessment, logged in the case record")
    page.get_by_label("Day").fill("28")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill(str(cycle.year + 1))
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("The objective has been given to 3 people")
    copies = AppraisalObjective.objects.filter(service_objective__title=OBJECTIVE, cascaded_by=council["head"])
    assert sorted(str(c.appraisal.person) for c in copies) == STAFF

    # Aisha opens "My objectives": the new objective, awaiting agreement, with its thread to the priority.
    sign_in_as(council["staff"])
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Appraisals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"My objectives {cycle.year_label}")
    card = page.locator("section").filter(has=page.get_by_role("heading", name=re.compile("Help carers get a break")))
    expect(card).to_contain_text("Awaiting agreement")
    expect(card.get_by_test_id("thread")).to_contain_text(OBJECTIVE)
    expect(card.get_by_test_id("thread")).to_contain_text("Priority 2: Support unpaid carers")
    expect(page.get_by_test_id("next-review")).to_contain_text("mid-year review")

    # She tailors the wording to her own job.
    card.get_by_role("link", name=re.compile("^Change")).click()
    page.get_by_label("What will be achieved").fill(WORDING)
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("It needs agreeing with your manager")
    expect(page.get_by_role("heading", name=re.compile(WORDING))).to_be_visible()

    # She writes her side of the mid-year review and signs it off.
    page.get_by_role("link", name="Your full appraisal").click()
    page.get_by_role("link", name="Mid-year review").click()
    page.get_by_role("link", name="Add your comments").click()
    page.get_by_label("Your comments").fill("Follow-up calls are going well; weekend starts are hard.")
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("Your comments have been saved.")
    review_url = page.url

    # Her manager rates each agreed objective and the overall performance, and signs off.
    sign_in_as(council["head"])
    page.goto(review_url)
    page.get_by_role("link", name="Add your comments and ratings").click()
    page.get_by_label("Your comments as the manager").fill("Aisha has made a real difference to follow-ups.")
    page.get_by_role("group", name="Overall performance").get_by_label("4 – Exceeds expectations").check()
    for select in page.locator("select[name^=rating_]").all():
        select.select_option(label="3 – Fully meets expectations")
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("Your comments and ratings have been saved.")
    page.get_by_role("link", name="Sign off").click()
    page.get_by_role("button", name="Sign off").click()
    expect(banner(page)).to_contain_text("You have signed off the mid-year review.")
    expect(page.get_by_test_id("review-status")).to_contain_text("Signed by one side")

    # Aisha reads the ratings and signs off too: the review is locked.
    sign_in_as(council["staff"])
    page.goto(review_url)
    expect(page.get_by_test_id("ratings")).to_contain_text("4 – Exceeds expectations")
    page.get_by_role("link", name="Sign off").click()
    page.get_by_role("button", name="Sign off").click()
    expect(page.get_by_test_id("review-status")).to_contain_text("Signed off and locked")
    expect(page.get_by_test_id("ratings")).to_contain_text("4 – Exceeds expectations")
    expect(page.get_by_role("link", name=re.compile("Change your comments"))).to_have_count(0)
    expect(page.get_by_role("link", name="Reopen to make changes")).to_be_visible()
    review = Review.objects.get(appraisal__person=council["staff"], kind="mid_year")
    assert review.is_signed_off
    assert review.overall_rating == 4
    assert review.ratings.count() == 3  # the three agreed objectives; the cascaded one awaits agreement


def test_it_opens_a_support_plan_that_the_member_of_staff_then_reads_and_answers(council, cycle, page: Page,
                                                                                  sign_in_as):
    """Mark Davies opens a support plan for Oliver Nolan from his appraisal, with an action and a first review
    date; the team view flags it and Mark's home page lists the review. Oliver finds the plan on "My
    objectives", comments on it and moves his action on."""
    oliver = User.objects.get(first_name="Oliver", last_name="Nolan")
    review_on = timezone.localdate() + datetime.timedelta(days=14)
    due_on = timezone.localdate() + datetime.timedelta(days=10)

    sign_in_as(council["head"])
    page.goto("/appraisals/")
    page.get_by_test_id("team").get_by_role("link", name="Oliver Nolan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oliver Nolan")
    page.get_by_role("link", name="Open a support plan").click()
    page.get_by_label("Support plan", exact=True).check()
    page.get_by_label("What is not going well").fill("Three home visits this month started late without notice.")
    page.get_by_label("What good looks like").fill("Every visit on time, or the person told in advance.")
    page.get_by_label("Support that will be given (optional)").fill("A review of the rota with the coordinator.")
    page.get_by_label("Day").fill(str(review_on.day))
    page.get_by_label("Month").fill(str(review_on.month))
    page.get_by_label("Year").fill(str(review_on.year))
    page.get_by_role("button", name="Open the plan").click()
    expect(banner(page)).to_contain_text("The support plan is open")
    expect(page.get_by_role("heading", level=1)).to_have_text("Support plan")
    expect(page.get_by_test_id("next-plan-review")).to_have_text(f"{review_on:%-d %B %Y}")

    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Action").fill("Check the next day's rota with the coordinator every afternoon")
    page.get_by_label("Owner").select_option(label=f"Oliver Nolan – {oliver.job_title}")
    page.get_by_label("Day").fill(str(due_on.day))
    page.get_by_label("Month").fill(str(due_on.month))
    page.get_by_label("Year").fill(str(due_on.year))
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("The action has been added to the plan.")
    expect(page.get_by_test_id("plan-actions")).to_contain_text("Check the next day's rota")
    plan_url = page.url.split("#")[0]

    page.goto("/appraisals/")
    expect(page.get_by_test_id("team").get_by_role("row").filter(has_text="Oliver Nolan")
           .get_by_test_id("support-plan-flag")).to_have_text("Support plan")
    page.goto("/home/")
    expect(page.get_by_test_id("support-plan-reviews")).to_contain_text(f"Oliver Nolan: {review_on:%-d %B %Y}")

    # Oliver reads his plan on "My objectives", comments on it and starts his action.
    sign_in_as(oliver)
    page.goto("/home/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Appraisals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"My objectives {cycle.year_label}")
    card = page.get_by_test_id("support-plan")
    expect(card).to_contain_text("Every visit on time, or the person told in advance.")
    expect(card).to_contain_text("Check the next day's rota with the coordinator every afternoon")
    expect(card).to_contain_text(f"{review_on:%-d %B %Y}, with Mark Davies")
    card.get_by_role("link", name="See and comment on your support plan").click()
    assert page.url == plan_url
    page.get_by_role("link", name="Add a comment").click()
    page.get_by_label("Your comment").fill("The late starts were after the rota changed at short notice.")
    page.get_by_role("button", name="Save").click()
    expect(banner(page)).to_contain_text("Your comment has been added.")
    expect(page.get_by_test_id("plan-comments")).to_contain_text("The late starts were after the rota changed")
    page.get_by_test_id("plan-actions").get_by_role("link", name="Update action 1").click()
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("plan-actions")).to_contain_text("In progress")
    expect(page.get_by_role("link", name="Record a review")).to_have_count(0)  # the manager's step, not his

    plan = SupportPlan.objects.get(appraisal__person=oliver)
    assert (plan.opened_by, plan.next_review_on, plan.status) == (council["head"], review_on, "open")
    action = plan.actions.get()
    assert (action.owner, action.due_on, action.status) == (oliver, due_on, "in_progress")
    assert plan.comments.get().author == oliver
