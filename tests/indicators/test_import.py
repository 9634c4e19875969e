"""Importing the three real Trafford files: periods, NA handling, medians, errors and the preview."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators import importing, selectors, services
from indicators.models import (
    BenchmarkValue,
    ComparatorArea,
    ComparatorGroup,
    DataImport,
    IndicatorValue,
    ValueStatus,
)
from tests.indicators.factories import IndicatorFactory, period

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
COLUMNS = {"area_code": 0, "area_name": 1, "period": 2, "indicator": 3, "value": 6}


def upload(actor, name):
    return services.import_upload(actor=actor, kind=DataImport.Kind.BENCHMARKS, file_name=name,
                                  data=(DATA / name).read_bytes())


@pytest.fixture
def library(world):
    return {
        "admissions": IndicatorFactory(code="ASCOF 2A(2)", unit="per_100000", polarity="lower", frequency="year",
                                       service=world.adults),
        "satisfaction": IndicatorFactory(code="ASCOF 3A", unit="percent", polarity="higher", frequency="year",
                                         service=world.adults),
        "care_homes": IndicatorFactory(code="CQC 1", unit="percent", polarity="higher", frequency="month",
                                       service=world.adults),
    }


def import_file(world, library, name, key, group=None):
    data_import = upload(world.performance_officer, name)
    indicator_name = data_import.rows[0][3]
    services.import_map(data_import=data_import, column_map=COLUMNS,
                        indicator_map={indicator_name: str(library[key].pk)}, group=group)
    services.import_start(data_import=data_import, actor=world.performance_officer)
    data_import.refresh_from_db()
    return data_import


def test_it_guesses_the_columns_of_the_published_files(world):
    """The file's headings are matched to area code, name, period, value and indicator before anyone chooses."""
    data_import = upload(world.performance_officer, "admissions_care_homes_65p.csv")
    assert data_import.header == ["area_code", "area_name", "period", "indicator", "measure", "unit", "value"]
    assert data_import.column_map == COLUMNS
    assert data_import.rows_total == 170


def test_it_imports_admissions_with_the_right_periods_and_the_known_median(world, library):
    """All 170 rows of ASCOF 2A(2) land as financial years, and 2014/15's peer median is right.

    2014/15, the 16 councils without England, sorted: 79.9, 336.9, 341.2, 356, 426.1, 462.1,
    466.5, 475, 494.7, 543, 543.1, 596.7, 622.5, 731.7, 742.8, 774.2. Median = (475 + 494.7) / 2
    = 484.85; lower quartile = 356 + 0.75 x (426.1 - 356) = 408.575; upper quartile = 596.7 +
    0.25 x (622.5 - 596.7) = 603.15. England's own figure, 658.5, matches DOMAIN.md.
    """
    group = ComparatorGroup.objects.create(name="Trafford near neighbours", minimum_sample=8, is_default=True)
    data_import = import_file(world, library, "admissions_care_homes_65p.csv", "admissions", group=group)
    assert data_import.status == DataImport.Status.DONE
    assert (data_import.rows_written, data_import.rows_no_data, data_import.rows_skipped) == (170, 4, 0)
    assert BenchmarkValue.objects.filter(indicator=library["admissions"]).count() == 170
    labels = set(BenchmarkValue.objects.values_list("period__label", flat=True))
    assert labels == {f"{y}/{(y + 1) % 100:02d}" for y in range(2014, 2024)}
    assert group.areas.count() == 16  # England is a country, not a peer
    england = BenchmarkValue.objects.get(area__ons_code="E92000001", period__label="2014/15")
    assert england.value == Decimal("658.5")
    assert england.area.kind == ComparatorArea.Kind.COUNTRY

    page = selectors.indicator_page(world.performance_officer, library["admissions"], group_id=group.pk, years=None)
    row = next(r for r in page["rows"] if r.period.label == "2014/15")
    assert row.benchmark.median == Decimal("484.85")
    assert row.benchmark.lower_quartile == Decimal("408.575")
    assert row.benchmark.upper_quartile == Decimal("603.15")
    assert row.benchmark.count == 16
    assert row.england == Decimal("658.5")


def test_it_keeps_na_as_no_data_never_zero(world, library):
    """Stockport's missing years and the 2020/21 survey gap are stored as null, and counted as no data."""
    import_file(world, library, "admissions_care_homes_65p.csv", "admissions")
    stockport = BenchmarkValue.objects.filter(area__ons_code="E08000007", indicator=library["admissions"],
                                              value__isnull=True)
    assert sorted(stockport.values_list("period__label", flat=True)) == ["2017/18", "2018/19", "2020/21"]
    assert not BenchmarkValue.objects.filter(value=0).exists()

    data_import = import_file(world, library, "social_care_satisfaction.csv", "satisfaction")
    assert data_import.rows_no_data == 14
    survey_gap = BenchmarkValue.objects.filter(indicator=library["satisfaction"], period__label="2020/21")
    assert survey_gap.filter(value__isnull=True).count() == 14
    assert sorted(survey_gap.filter(value__isnull=False).values_list("area__name", flat=True)) == [
        "Bexley", "Hillingdon", "Windsor and Maidenhead"]


def test_it_warns_of_a_small_sample_when_few_comparators_have_data(world, library):
    """In 2020/21 only 3 of the 16 peers have a satisfaction figure: fewer than the group's minimum of 8."""
    group = ComparatorGroup.objects.create(name="Trafford near neighbours", minimum_sample=8, is_default=True)
    import_file(world, library, "social_care_satisfaction.csv", "satisfaction", group=group)
    IndicatorValue.objects.create(indicator=library["satisfaction"], period=period("2020/21"),
                                  actual=Decimal(65), status="published")
    page = selectors.indicator_page(world.performance_officer, library["satisfaction"], group_id=group.pk)
    gap = next(r for r in page["rows"] if r.period.label == "2020/21")
    full = next(r for r in page["rows"] if r.period.label == "2019/20")
    assert gap.benchmark.count == 3
    assert gap.benchmark.small_sample
    assert gap.benchmark.median == Decimal("66.3")
    assert not full.benchmark.small_sample


def test_it_reads_month_periods_from_the_care_homes_file(world, library):
    """`Nov 2023` and the like become calendar months, in financial-year order."""
    import_file(world, library, "care_homes_rating.csv", "care_homes")
    months = BenchmarkValue.objects.filter(indicator=library["care_homes"]).values_list("period__kind", flat=True)
    assert set(months) == {"month"}
    first = BenchmarkValue.objects.filter(indicator=library["care_homes"]).order_by("period__start").first()
    assert first.period.label == "Nov 2023"
    assert first.period.fiscal_year == 2023


def test_it_writes_nothing_from_a_file_with_errors_unless_asked_for_the_valid_rows(world, library):
    """A bad period, a non-number, a percentage over 100 and a bad code each get a message; nothing is saved."""
    text = (
        "area_code,area_name,period,indicator,measure,unit,value\n"
        "E09000003,Barnet,2014/15,Satisfied,Percentage,Persons,61\n"
        "E09000004,Bexley,2014/16,Satisfied,Percentage,Persons,60.8\n"
        "E09000006,Bromley,2015/16,Satisfied,Percentage,Persons,lots\n"
        "E09000008,Croydon,2015/16,Satisfied,Percentage,Persons,104\n"
        "XX,Nowhere,2015/16,Satisfied,Percentage,Persons,50\n"
        "E08000009,Trafford,2015/16,Unknown thing,Percentage,Persons,50\n"
    )
    data_import = services.import_upload(actor=world.performance_officer, kind=DataImport.Kind.BENCHMARKS,
                                         file_name="messy.csv", data=text.encode())
    services.import_map(data_import=data_import, column_map=COLUMNS,
                        indicator_map={"Satisfied": str(library["satisfaction"].pk), "Unknown thing": ""})
    results = services.check_import(data_import)
    messages = {r.line: r.errors for r in results}
    assert messages[2] == []
    assert "must be followed by 15" in messages[3][0]
    assert messages[4] == ["'lots' is not a number"]
    assert messages[5] == ["104 is above 100, the highest a percentage can be"]
    assert "not an ONS area code" in messages[6][0]
    assert results[5].skipped  # an indicator the officer chose not to import
    with pytest.raises(ValidationError, match="4 row"):
        services.import_start(data_import=data_import, actor=world.performance_officer)
    assert not BenchmarkValue.objects.exists()

    services.import_start(data_import=data_import, actor=world.performance_officer, valid_only=True)
    assert list(BenchmarkValue.objects.values_list("area__name", "value")) == [("Barnet", Decimal("61"))]


def test_it_shows_the_preview_with_row_errors_and_imports_the_valid_rows_on_request(world, library, as_user):
    """The preview lists each problem by line; the button imports only the valid rows."""
    text = ("code,name,year,value\nE09000003,Barnet,2014/15,61\nE09000004,Bexley,2014/15,NA\n"
            "E09000006,Bromley,2014/15,abc\n")
    client = as_user(world.performance_officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("indicators:benchmarks-import"),
                           {"file": SimpleUploadedFile("peers.csv", text.encode(), content_type="text/csv")})
    data_import = DataImport.objects.get()
    assert response.url == reverse("indicators:import-map", args=[data_import.pk])
    response = client.post(reverse("indicators:import-map", args=[data_import.pk]), {
        "column_area_code": "0", "column_area_name": "1", "column_period": "2", "column_value": "3",
        "column_indicator": "", "indicator": str(library["satisfaction"].pk), "group": ""})
    assert response.status_code == 302
    page = client.get(reverse("indicators:import-preview", args=[data_import.pk])).content.decode()
    assert "1 row cannot be imported" in page
    assert "&#x27;abc&#x27; is not a number" in page
    assert "Import the 2 valid rows only" in page
    assert not BenchmarkValue.objects.exists()
    response = client.post(reverse("indicators:import-preview", args=[data_import.pk]), {"valid_only": "1"})
    assert response.url == data_import.get_absolute_url()
    assert dict(BenchmarkValue.objects.values_list("area__name", "value")) == {"Barnet": Decimal(61), "Bexley": None}
    data_import.refresh_from_db()
    assert (data_import.status, data_import.rows_written, data_import.rows_skipped) == ("done", 2, 1)


def test_it_refuses_a_file_that_is_neither_csv_nor_excel(world, as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = as_user(world.performance_officer).post(
        reverse("indicators:benchmarks-import"), {"file": SimpleUploadedFile("notes.pdf", b"%PDF-1.4")})
    assert "must be a CSV file (.csv) or an Excel workbook (.xlsx)" in response.content.decode()
    assert not DataImport.objects.exists()


def test_it_imports_large_files_in_the_background_and_counts_progress(world, library, settings, monkeypatch):
    """Over the threshold the import is queued (run by Celery; eager here) and progress is recorded."""
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 100)
    monkeypatch.setattr(services, "CHUNK_ROWS", 50)
    data_import = upload(world.performance_officer, "care_homes_rating.csv")
    services.import_map(data_import=data_import, column_map=COLUMNS,
                        indicator_map={data_import.rows[0][3]: str(library["care_homes"].pk)})
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        queued = services.import_start(data_import=data_import, actor=world.performance_officer)
    assert queued is True
    data_import.refresh_from_db()
    assert data_import.status == DataImport.Status.DONE
    assert data_import.rows_done == data_import.rows_total == 510
    assert data_import.percent_done == 100


def test_it_reads_an_excel_workbook_like_a_csv(world):
    body = importing.write_xlsx(["area_code", "area_name", "period", "value"],
                                [["E09000003", "Barnet", "2014/15", 61.5], ["E09000004", "Bexley", "2014/15", None]])
    header, rows = importing.read_table("peers.xlsx", body)
    assert header == ["area_code", "area_name", "period", "value"]
    assert rows == [["E09000003", "Barnet", "2014/15", "61.5"], ["E09000004", "Bexley", "2014/15", ""]]


@pytest.mark.parametrize(("text", "expected"), [
    ("61.5", Decimal("61.5")),
    (" 61.5 ", Decimal("61.5")),
    ("-3", Decimal(-3)),
    ("1_000", Decimal(1000)),
    ("1,234.5", Decimal("1234.5")),
    ("£12", Decimal(12)),
    ("45 %", Decimal(45)),
    ("NA", None),
    ("..", None),
    ("", None),
    ("[c]", None),
])
def test_it_reads_plain_and_published_figures(text, expected):
    """Plain figures, thousands separators, pounds and percentages read as numbers; "no data" as None."""
    assert importing.parse_number(text) == expected


@pytest.mark.parametrize("text", ["lots", "nan", "Infinity", "-inf", "1.2.3"])
def test_it_refuses_what_is_not_a_finite_number(text):
    with pytest.raises(ValueError, match="is not a number"):
        importing.parse_number(text)


@pytest.mark.parametrize(("body", "cells"), [
    ("a,b\nAV 1,the council's plan\n", ["AV 1", "the council's plan"]),
    ("a,b\nAV 1,'=SUM(A1)\n", ["AV 1", "=SUM(A1)"]),
    ("a,b\n'-rise,x\n", ["-rise", "x"]),
    ('a,b\nAV 1,"\'+44 161, ext 2"\n', ["AV 1", "+44 161, ext 2"]),
    ("a,b\nAV 1,it's '=not a formula\n", ["AV 1", "it's '=not a formula"]),
])
def test_it_reads_back_cells_that_the_export_protected_and_leaves_other_apostrophes(body, cells):
    """Only a cell that starts with an apostrophe and a formula character loses its apostrophe."""
    assert importing.read_table("values.csv", body.encode()) == (["a", "b"], [cells])


PERCENT = importing.IndicatorInfo(id=1, code="AV P 01", frequency="quarter", unit_label="Percentage",
                                  minimum=Decimal(0), maximum=Decimal(100), multiplier=Decimal(100))
OTHERS = importing.IndicatorInfo(id=2, code="AV X 01", frequency="year", unit_label="Number", minimum=None,
                                 maximum=None, can_enter=False)


@pytest.mark.parametrize(("cells", "errors", "value"), [
    (["av p 01", "", "Q1 2024/25", "61.5", "", "", "", "", ""], [], Decimal("61.5")),
    (["AV P 01", "", "Q1 2024/25", "", "3", "4", "", "", ""], [], Decimal("75.0000")),
    (["AV Q 01", "", "Q1 2024/25", "61.5", "", "", "", "", ""], ["'AV Q 01' is not an indicator code in the library"],
     None),
    (["", "", "Q1 2024/25", "61.5", "", "", "", "", ""], ["The indicator code is missing"], None),
    (["AV X 01", "", "2024/25", "5", "", "", "", "", ""],
     ["You cannot enter values for AV X 01: it belongs to another service"], Decimal(5)),
    (["AV P 01", "", "2024/25", "lots", "3", "", "", "", ""],
     ["AV P 01 is reported each quarter: 2024/25 is a year", "Actual: 'lots' is not a number",
      "Give both the numerator and the denominator, or neither"], None),
    (["AV P 01", "", "", "", "3", "0", "", "", ""],
     ["The period is missing", "The denominator is 0: a value cannot be divided by zero"], None),
    (["AV P 01", "", "Q1 2024/25", "104", "", "", "", "", ""],
     ["104 is above 100, the highest a percentage can be"], Decimal(104)),
])
def test_it_checks_each_row_of_our_own_values(cells, errors, value):
    """Each problem in a row of the values template gets its own message, in the order of the columns."""
    [result] = importing.check_value_rows(importing.VALUES_TEMPLATE, [cells], indicators_by_code={
        "AV P 01": PERCENT, "AV X 01": OTHERS}, first_line=7)
    assert (result.line, result.errors, result.value) == (7, errors, value)
    assert result.no_data is False


def test_it_reads_a_values_file_without_the_optional_columns():
    """Only the code, the period and the actual are needed; an empty actual is kept as no data."""
    results = importing.check_value_rows(["Period", "Indicator_Code", "Actual"],
                                         [["Q1 2024/25", "AV P 01", " 61.5 "], ["Q2 2024/25", "AV P 01", "NA"]],
                                         indicators_by_code={"AV P 01": PERCENT})
    assert [(r.indicator_id, r.period.label, r.value, r.no_data, r.errors) for r in results] == [
        (1, "Q1 2024/25", Decimal("61.5"), False, []), (1, "Q2 2024/25", None, True, [])]
    assert (results[0].commentary, results[0].provisional, results[0].numerator) == ("", False, None)


def values_import(world, rows):
    data = importing.write_csv(importing.VALUES_TEMPLATE, rows)
    return services.import_upload(actor=world.performance_officer, kind=DataImport.Kind.VALUES,
                                  file_name="figures.csv", data=data)


def test_a_figure_given_twice_is_refused_with_the_line_of_the_first(world, monkeypatch):
    """Whichever chunk the second is in: the valid rows alone are imported, the first figure kept."""
    indicator = IndicatorFactory(service=world.adults, code="AV T 01", frequency="quarter")
    data_import = values_import(world, [[indicator.code, "", "Q1 2024/25", "40", "", "", "", "", ""],
                                        [indicator.code, "", "Q2 2024/25", "41", "", "", "", "", ""],
                                        [indicator.code, "", "Q1 2024/25", "42", "", "", "", "", ""]])
    results = services.check_import(data_import)
    assert [r.errors for r in results] == [[], [], [
        "AV T 01 for Q1 2024/25 is already given on line 2: give each figure once"]]
    with pytest.raises(ValidationError, match="1 row"):
        services.import_start(data_import=data_import, actor=world.performance_officer)
    monkeypatch.setattr(services, "CHUNK_ROWS", 1)  # each row in a chunk of its own
    services.import_start(data_import=data_import, actor=world.performance_officer, valid_only=True)
    data_import.refresh_from_db()
    assert (data_import.status, data_import.rows_written, data_import.rows_skipped) == (
        DataImport.Status.DONE, 2, 1)
    assert IndicatorValue.objects.get(indicator=indicator, period=period("Q1 2024/25")).actual == Decimal(40)


def test_an_import_never_changes_a_verified_figure_and_says_so_before_it_starts(world):
    """Changing a verified or published figure needs a reason on its own page: the check marks the row, so
    an import of the valid rows writes the others and leaves it, rather than stopping part way."""
    indicator = IndicatorFactory(service=world.adults, code="AV T 02", frequency="quarter")
    IndicatorValue.objects.create(indicator=indicator, period=period("Q1 2024/25"), actual=Decimal(50),
                                  status=ValueStatus.VERIFIED)
    IndicatorValue.objects.create(indicator=indicator, period=period("Q2 2024/25"), actual=Decimal(51),
                                  status=ValueStatus.PUBLISHED)
    data_import = values_import(world, [[indicator.code, "", "Q1 2024/25", "60", "", "", "", "", ""],
                                        [indicator.code, "", "Q2 2024/25", "51", "", "", "", "", ""],
                                        [indicator.code, "", "Q3 2024/25", "52", "", "", "", "", ""]])
    results = services.check_import(data_import)
    assert [r.errors for r in results] == [
        ["AV T 02 for Q1 2024/25 is verified: change it on its own page, giving a reason"], [], []]
    services.import_start(data_import=data_import, actor=world.performance_officer, valid_only=True)
    figures = dict(IndicatorValue.objects.filter(indicator=indicator).values_list("period__label", "actual"))
    assert figures == {"Q1 2024/25": Decimal(50), "Q2 2024/25": Decimal(51), "Q3 2024/25": Decimal(52)}
