"""Entering, submitting, verifying, publishing and changing figures, as people do it on the pages."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import IndicatorValue, ValueRevision
from tests.indicators.conftest import published
from tests.indicators.factories import IndicatorFactory, ValueFactory, period

pytestmark = pytest.mark.django_db


def grid_url(ind):
    return reverse("indicators:entry-grid", args=[ind.world.adults.pk, ind.q1.pk])


def test_it_lets_a_data_officer_enter_all_due_values_at_once_as_drafts(ind, as_user):
    """Saving the grid creates draft values for each indicator, with who entered them."""
    client = as_user(ind.world.data_officer)
    r, w = ind.reablement.pk, ind.waiting.pk
    response = client.post(grid_url(ind), {f"actual-{r}": "72.5", f"commentary-{r}": "On track",
                                           f"actual-{w}": "180", f"provisional-{w}": "on", "save": "1"})
    assert response.status_code == 302
    values = {v.indicator.code: v for v in IndicatorValue.objects.select_related("indicator")}
    assert values["AV RHC 01"].actual == Decimal("72.5")
    assert values["AV RHC 01"].status == "draft"
    assert values["AV RHC 01"].commentary == "On track"
    assert values["AV RHC 01"].rag == "green"
    assert values["AV ACM 02"].is_provisional is True
    assert values["AV ACM 02"].entered_by == ind.world.data_officer
    assert ValueRevision.objects.filter(action="entered").count() == 2


def test_it_calculates_a_value_from_its_numerator_and_denominator(ind, as_user):
    ind.reablement.numerator_label, ind.reablement.denominator_label = "episodes with no care", "episodes"
    ind.reablement.multiplier = Decimal(100)
    ind.reablement.save()
    r = ind.reablement.pk
    as_user(ind.world.data_officer).post(grid_url(ind), {f"numerator-{r}": "140", f"denominator-{r}": "200"})
    value = IndicatorValue.objects.get(indicator=ind.reablement)
    assert (value.numerator, value.denominator, value.actual) == (Decimal(140), Decimal(200), Decimal(70))


@pytest.mark.parametrize(("data", "message"), [
    ({"actual": "seventy"}, "&#x27;seventy&#x27; is not a number"),
    ({"actual": "101"}, "101 is above 100, the highest a percentage can be"),
    ({"actual": "-3"}, "-3 is below 0, the lowest a percentage can be"),
    ({"numerator": "10", "denominator": "0"}, "the denominator is 0"),
    ({"numerator": "10"}, "give both the numerator and the denominator"),
])
def test_it_rejects_bad_figures_with_a_clear_message_and_saves_nothing(ind, as_user, data, message):
    ind.reablement.numerator_label, ind.reablement.denominator_label = "episodes with no care", "episodes"
    ind.reablement.save()
    r = ind.reablement.pk
    response = as_user(ind.world.data_officer).post(grid_url(ind), {f"{k}-{r}": v for k, v in data.items()})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_it_requires_commentary_before_a_red_value_goes_forward(ind, as_user):
    """60 against a target of 70 (5% tolerance) is red: submitting needs commentary; a draft does not."""
    client = as_user(ind.world.data_officer)
    r = ind.reablement.pk
    response = client.post(grid_url(ind), {f"actual-{r}": "60", "submit": "1"})
    assert "is red against its target: add commentary" in response.content.decode()
    assert not IndicatorValue.objects.exists()

    client.post(grid_url(ind), {f"actual-{r}": "60", "save": "1"})
    assert IndicatorValue.objects.get().status == "draft"

    client.post(grid_url(ind), {f"actual-{r}": "60", f"commentary-{r}": "Two staff off sick; agency cover from May",
                                "submit": "1"})
    value = IndicatorValue.objects.get()
    assert (value.status, value.rag, value.submitted_by) == ("submitted", "red", ind.world.data_officer)


def test_it_lets_someone_else_verify_but_never_the_enterer(ind, as_user):
    """The head of service verifies the data officer's figure; a figure they entered themselves they cannot."""
    theirs = ValueFactory(indicator=ind.reablement, period=ind.q1, actual=Decimal(72), status="submitted",
                          entered_by=ind.world.data_officer)
    own = ValueFactory(indicator=ind.waiting, period=ind.q1, actual=Decimal(190), status="submitted",
                       entered_by=ind.world.head_of_service)
    client = as_user(ind.world.head_of_service)
    page = client.get(reverse("indicators:verify")).content.decode()
    assert "You entered this" in page
    response = client.post(reverse("indicators:verify"), {"value": [theirs.pk, own.pk]})
    assert "You entered AV ACM 02 for Q1 2024/25: someone else must verify it" in response.content.decode()
    theirs.refresh_from_db()
    own.refresh_from_db()
    assert (theirs.status, theirs.verified_by) == ("verified", ind.world.head_of_service)
    assert own.status == "submitted"

    response = client.post(reverse("indicators:verify"), {"value": []})
    assert "Choose at least one value" in response.content.decode()
    own.refresh_from_db()
    assert own.status == "submitted"


def test_it_returns_a_figure_for_correction_with_a_reason(ind, as_user):
    value = ValueFactory(indicator=ind.reablement, period=ind.q1, status="submitted",
                         entered_by=ind.world.data_officer)
    response = as_user(ind.world.head_of_service).post(reverse("indicators:value-return", args=[value.pk]),
                                                       {"reason": "This counts closed episodes twice"})
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.status == "draft"
    revision = value.revisions.get(action="returned")
    assert revision.reason == "This counts closed episodes twice"
    assert revision.actor == ind.world.head_of_service


def test_it_publishes_verified_figures_for_the_performance_team_only(ind, as_user):
    value = ValueFactory(indicator=ind.reablement, period=ind.q1, status="verified",
                         entered_by=ind.world.data_officer, verified_by=ind.world.head_of_service)
    assert as_user(ind.world.head_of_service).post(reverse("indicators:publish"),
                                                   {"value": [value.pk]}).status_code == 403
    as_user(ind.world.performance_officer).post(reverse("indicators:publish"), {"value": [value.pk]})
    value.refresh_from_db()
    assert (value.status, value.published_by) == ("published", ind.world.performance_officer)
    assert value.first_published_at is not None


def test_it_needs_a_reason_to_change_a_published_figure_and_sends_it_back_for_verification(ind, as_user):
    """The change is kept with who, when, old, new and why; the figure leaves publication until re-verified."""
    value = published(ind.reablement, "Q1 2024/25", 72, entered_by=ind.world.data_officer)
    client = as_user(ind.world.data_officer)
    url = reverse("indicators:value-change", args=[value.pk])
    response = client.post(url, {"actual": "69", "commentary": ""})
    assert "Say why a verified or published figure is changing" in response.content.decode()
    value.refresh_from_db()
    assert value.actual == Decimal(72)

    client.post(url, {"actual": "69", "commentary": "Late returns added", "reason": "Three late returns"})
    value.refresh_from_db()
    assert (value.actual, value.status, value.published_at) == (Decimal(69), "submitted", None)
    change = value.revisions.get(action="changed")
    assert (change.old_actual, change.new_actual, change.reason, change.actor) == (
        Decimal(72), Decimal(69), "Three late returns", ind.world.data_officer)
    assert change.old_status == "published"
    assert change.new_status == "submitted"

    as_user(ind.world.head_of_service).post(reverse("indicators:verify"), {"value": [value.pk]})
    value.refresh_from_db()
    assert value.status == "published"  # re-verified, so it goes straight back to publication
    assert list(value.revisions.values_list("action", flat=True)) == ["changed", "verified", "published"]
    page = client.get(value.get_absolute_url()).content.decode()
    assert "Three late returns" in page


def test_it_locks_verified_figures_in_the_grid(ind, as_user):
    """A verified figure shows read-only in the grid with a link to change it with a reason."""
    value = ValueFactory(indicator=ind.reablement, period=ind.q1, actual=Decimal(72), status="verified")
    client = as_user(ind.world.data_officer)
    page = client.get(grid_url(ind)).content.decode()
    assert reverse("indicators:value-change", args=[value.pk]) in page
    client.post(grid_url(ind), {f"actual-{ind.reablement.pk}": "10", "save": "1"})
    value.refresh_from_db()
    assert value.actual == Decimal(72)


def test_the_grid_shows_what_was_typed_back_escaped_with_the_error_by_its_field(ind, as_user):
    """A locked row shows its commentary (escaped, line breaks kept); after an error every field keeps what
    was typed, escaped, and the message sits in the field's own group."""
    ValueFactory(indicator=ind.waiting, period=ind.q1, actual=Decimal(180), status="verified",
                 commentary="<b>Fewer</b> referrals\nafter the winter")
    r = ind.reablement.pk
    page = as_user(ind.world.data_officer).post(grid_url(ind), {
        f"actual-{r}": "<i>70</i>", f"commentary-{r}": "Staff & <script>", f"provisional-{r}": "on", "save": "1",
    }).content.decode()
    assert "&lt;b&gt;Fewer&lt;/b&gt; referrals<br>after the winter" in page
    assert "(needs a reason)" in page
    group = re.search(rf'<div class="govuk-form-group govuk-form-group--error[^"]*"><label[^>]*for="id_actual-{r}"'
                      r".*?</div>", page).group(0)
    assert "is not a number" in group
    assert 'value="&lt;i&gt;70&lt;/i&gt;"' in group
    assert "govuk-input--error" in group
    assert f'name="commentary-{r}" rows="3">Staff &amp; &lt;script&gt;</textarea>' in page
    assert f'id="id_provisional-{r}" name="provisional-{r}" type="checkbox" checked>' in page
    assert not IndicatorValue.objects.filter(indicator=ind.reablement).exists()


def test_it_recomputes_rag_when_a_manager_changes_the_target(ind, as_user):
    value = ValueFactory(indicator=ind.reablement, period=ind.q1, actual=Decimal(72), status="verified")
    from indicators.services import rag_refresh

    rag_refresh(indicator_ids=[ind.reablement.pk])
    value.refresh_from_db()
    assert value.rag == "green"
    as_user(ind.world.head_of_service).post(reverse("indicators:targets", args=[ind.reablement.pk]),
                                            {f"target-{ind.q1.pk}": "80"})
    value.refresh_from_db()
    assert value.rag == "red"


def test_it_takes_the_year_target_for_a_quarter_without_its_own(ind):
    from indicators.services import rag_refresh
    from tests.indicators.factories import TargetFactory

    TargetFactory(indicator=ind.fostering, period=period("2024/25"), value=Decimal(10))
    value = ValueFactory(indicator=ind.fostering, period=period("Q2 2024/25"), actual=Decimal(7))
    rag_refresh(indicator_ids=[ind.fostering.pk])
    value.refresh_from_db()
    assert value.rag == "red"


def test_it_versions_a_changed_definition_and_marks_the_break(ind, as_user):
    """Changing what an indicator measures needs a reason and a start period; the page shows the break."""
    published(ind.reablement, "Q4 2023/24", 70)
    published(ind.reablement, "Q1 2024/25", 71)
    client = as_user(ind.world.performance_officer)
    url = reverse("indicators:edit", args=[ind.reablement.pk])
    form = {
        "code": "AV RHC 01", "name": "Reablement episodes ending with no ongoing care after 91 days",
        "framework": "local", "domain": "", "service": ind.world.adults.pk, "unit": "percent",
        "polarity": "higher", "frequency": "quarter", "multiplier": "1", "decimal_places": "1",
        "accountable_officer": ind.world.head_of_service.pk, "data_officer": ind.world.data_officer.pk,
        "rag_scheme": "standard", "tolerance_kind": "percentage", "tolerance": "5", "band_cap": "5",
        "due_days": "28", "escalate_after_days": "14", "is_active": "on",
    }
    response = client.post(url, form)
    assert "Say why the definition changed" in response.content.decode()
    ind.reablement.refresh_from_db()
    assert ind.reablement.version == 1

    client.post(url, {**form, "change_note": "Now measured at 91 days", "effective_from": "Q1 2024/25"})
    ind.reablement.refresh_from_db()
    assert ind.reablement.version == 2
    assert ind.reablement.versions.get(number=2).change_note == "Now measured at 91 days"
    page = client.get(ind.reablement.get_absolute_url()).content.decode()
    assert "Definition changed: version 2" in page
    assert '"breaks": [{"period": "Q1 2024/25", "version": 2}]' in page


def test_it_lets_a_performance_officer_add_an_indicator_with_a_paf_banding(world, as_user):
    response = as_user(world.performance_officer).post(reverse("indicators:create"), {
        "code": "PAF A1", "name": "Looked-after children with three or more placements", "framework": "paf",
        "domain": "A", "service": world.children.pk, "unit": "percent", "polarity": "lower",
        "frequency": "year", "multiplier": "100", "decimal_places": "1",
        "accountable_officer": world.manager_elsewhere.pk, "data_officer": world.data_officer.pk,
        "rag_scheme": "standard", "tolerance_kind": "percentage", "tolerance": "5", "band_cap": "5",
        "due_days": "28", "escalate_after_days": "14", "is_active": "on",
        "band_thresholds_text": "10, 13, 16, 22", "key_thresholds_text": "20:1",
    })
    from indicators.models import Indicator

    indicator = Indicator.objects.get(code="PAF A1")
    assert response.url == indicator.get_absolute_url()
    assert indicator.band_thresholds == [10, 13, 16, 22]
    assert indicator.band_key_thresholds == [[20.0, 1]]
    assert indicator.versions.count() == 1


def test_the_new_indicator_form_prompts_for_each_choice_and_names_what_is_missing(world, as_user):
    client = as_user(world.performance_officer)
    page = client.get(reverse("indicators:create")).text
    assert "---------" not in page  # a prompt as a select's first option, and no empty radio button
    for prompt in ("Choose a framework", "Choose a service", "Choose a unit", "Choose how often it is reported"):
        assert re.search(rf'<option value=""( selected)?>{prompt}</option>', page)
    assert 'name="polarity" type="radio" value=""' not in page
    page = client.post(reverse("indicators:create"), {"code": "X1", "name": "Something"}).text
    for message in ("Choose a framework", "Choose a service", "Choose a unit", "Choose how often it is reported",
                    "Choose whether higher or lower is better", "Choose the accountable officer",
                    "Choose the data officer"):
        assert f'<span class="govuk-visually-hidden">Error:</span> {message}</p>' in page


def test_it_shows_the_chart_data_and_the_table_of_the_same_figures(ind, as_user):
    """The page embeds the chart's figures as JSON, loads plotly locally and shows the same figures in a table."""
    published(ind.reablement, "Q4 2023/24", 68.5)
    published(ind.reablement, "Q1 2024/25", 72.5, commentary="Better discharge planning")
    page = as_user(ind.world.scrutiny_member).get(ind.reablement.get_absolute_url()).content.decode()
    assert '<script id="indicator-chart-data" type="application/json">' in page
    assert '"actual": [68.5, 72.5]' in page
    assert "/static/vendor/plotly.min.js" in page
    assert "cdn" not in page.lower()
    assert "72.5%" in page
    assert "68.5%" in page
    assert "Better discharge planning" in page
    assert "Up, improving" in page


def test_it_exports_values_in_the_template_the_import_reads_back(ind, as_user):
    """An exported file, changed and imported again, updates our own values as drafts."""
    ValueFactory(indicator=ind.reablement, period=ind.q1, actual=Decimal(72), status="draft",
                 entered_by=ind.world.data_officer)
    client = as_user(ind.world.data_officer)
    response = client.get(reverse("indicators:export"), {"format": "xlsx", "service": ind.world.adults.pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from indicators import importing

    header, rows = importing.read_table("export.xlsx", response.content)
    assert header == importing.VALUES_TEMPLATE
    assert rows[0][:4] == ["AV RHC 01", ind.reablement.name, "Q1 2024/25", "72"]
    rows[0][3] = "74"
    rows.append(["AV FA 01", "", "Q1 2024/25", "5", "", "", "", "", ""])  # someone else's service
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = importing.write_csv(header, rows)
    response = client.post(reverse("indicators:values-import"), {"file": SimpleUploadedFile("values.csv", body)})
    preview = client.get(response.url).content.decode()
    assert "You cannot enter values for AV FA 01: it belongs to another service" in preview
    client.post(response.url, {"valid_only": "1"})
    value = IndicatorValue.objects.get(indicator=ind.reablement)
    assert (value.actual, value.status) == (Decimal(74), "draft")
    assert value.revisions.filter(action="changed").exists()
    assert not IndicatorValue.objects.filter(indicator=ind.fostering).exists()


def test_it_lists_indicators_with_latest_rag_and_filters_by_it(ind, as_user):
    published(ind.reablement, "Q1 2024/25", 72)
    published(ind.waiting, "Q1 2024/25", 260)
    from indicators.services import rag_refresh

    rag_refresh()
    client = as_user(ind.world.staff)
    page = client.get(reverse("indicators:list")).content.decode()
    assert "AV RHC 01" in page
    assert "AV ACM 02" in page
    red = client.get(reverse("indicators:list"), {"rag": "red"}).content.decode()
    assert "AV ACM 02" in red
    assert "AV RHC 01" not in red


def test_it_puts_red_runs_deterioration_and_bottom_quartile_on_the_watchlist(ind, as_user):
    from indicators import selectors
    from indicators.models import ExceptionRule
    from indicators.services import rag_refresh
    from tests.indicators.factories import (
        AreaFactory,
        BenchmarkFactory,
        GroupFactory,
        TargetFactory,
    )

    ExceptionRule.objects.create(name="Red twice", kind="red_run", periods=2)
    ExceptionRule.objects.create(name="Worse three times", kind="deteriorating", periods=3)
    ExceptionRule.objects.create(name="Bottom quartile", kind="bottom_quartile")
    for label, actual in [("Q2 2023/24", 150), ("Q3 2023/24", 170), ("Q4 2023/24", 190), ("Q1 2024/25", 260)]:
        published(ind.waiting, label, actual)
    TargetFactory(indicator=ind.waiting, period=period("Q4 2023/24"), value=Decimal(150))
    yearly = IndicatorFactory(code="AV Y 01", frequency="year", service=ind.world.adults)
    published(yearly, "2024/25", 40)
    group = GroupFactory()
    for n, value in enumerate([50, 60, 70, 80]):
        area = AreaFactory(ons_code=f"E0800000{n}", name=f"Peer {n}")
        group.areas.add(area)
        BenchmarkFactory(area=area, indicator=yearly, period=period("2024/25"), value=Decimal(value))
    rag_refresh()
    items = {(i.indicator.code, i.rule.name): i.reason for i in selectors.watchlist()}
    assert items[("AV ACM 02", "Red twice")] == "Red for the last 2 periods"
    assert items[("AV ACM 02", "Worse three times")] == "Worse in each of the last 3 periods"
    assert "Bottom quartile of" in items[("AV Y 01", "Bottom quartile")]
    assert "ranked 5 of 5" in items[("AV Y 01", "Bottom quartile")]
    assert ("AV RHC 01", "Red twice") not in items
    page = as_user(ind.world.scrutiny_member).get(reverse("indicators:watchlist")).content.decode()
    assert "Red for the last 2 periods" in page


def test_it_hides_unverified_figures_from_the_watchlist_and_councillors(ind, as_user):
    """Drafts and submitted figures do not count until verified: councillors read verified ones only."""
    from indicators import selectors

    ValueFactory(indicator=ind.waiting, period=ind.q1, actual=Decimal(999), status="submitted")
    assert selectors.watchlist() == []
    page = as_user(ind.world.scrutiny_member).get(ind.waiting.get_absolute_url()).content.decode()
    assert "999" not in page
    page = as_user(ind.world.data_officer).get(ind.waiting.get_absolute_url()).content.decode()
    assert "999" in page
