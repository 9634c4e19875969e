"""What a pack says, read back from the PDF and the frozen snapshot: headings, figures, tags, and nothing extra."""

import io
import json
from decimal import Decimal

import pytest
from pypdf import PdfReader

from indicators.models import IndicatorValue
from indicators.services import rag_refresh
from reports import services
from tests.complaints.conftest import regimes  # noqa: F401 (a fixture)
from tests.complaints.test_statistics import year_of_complaints  # noqa: F401 (a fixture)
from tests.indicators.factories import period

pytestmark = pytest.mark.django_db


def produce(report_type, audience, label, **target):
    version = services.report_request(report_type=report_type, audience=audience, period=period(label),
                                      new_version=True, enqueue=False, **target)
    version, produced = services.report_generate(version_id=version.pk)
    assert produced
    return version


def pdf_text(version):
    reader = PdfReader(io.BytesIO(bytes(version.pdf)))
    text = " ".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())  # lines wrap where the page is narrow


def structure_types(node, found, depth=0):
    """The structure element types of a tagged PDF, with whether each figure has a text alternative."""
    if depth > 60:
        return found
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            structure_types(child, found, depth + 1)
        return found
    if not hasattr(node, "get"):
        return found
    kind = node.get("/S")
    if kind is not None:
        found.append((str(kind), bool(node.get("/Alt"))))
    kids = node.get("/K")
    if kids is not None:
        structure_types(kids, found, depth + 1)
    return found


def test_the_scrutiny_pack_has_its_sections_figures_and_recommendations(packs):
    version = produce("scrutiny", "committee", "Q1 2026/27", committee=packs.committee)
    reader, text = pdf_text(version)
    for heading in ("Scrutiny performance report", "Contents", "1. Summary", "2. Exceptions",
                    "3. Deteriorating indicators", "4. PAF and ASCOF indicators: trends and comparators",
                    "5. Local indicators: trends", "6. Open recommendations and executive responses"):
        assert heading in text
    assert "Health and Adult Social Care Scrutiny Committee" in text
    assert "Ashford Vale Council" in text  # the council's name (COUNCIL_NAME) brands every page
    code = packs.indicators[0].code
    assert f"{code}: {packs.indicators[0].name}" in text
    assert "60.0%" in text  # Q1 2026/27's verified figure, the latest in the period
    assert "80.0%" in text  # its target
    assert "50.0%" not in text  # Q2's figure came after the period
    assert "Open brokerage at weekends." in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert version.pdf_pages == len(reader.pages)


def test_a_committees_pack_covers_the_directorates_it_scrutinises(packs, world):
    """A committee whose remit is children's services reads only their indicators; with none, the whole council."""
    from scrutiny import services as scrutiny_services

    adults, children = (next(i for i in packs.indicators if i.service.directorate_id == d.pk)
                        for d in (world.adults_dir, world.children_dir))
    scrutiny_services.committee_save(committee=packs.committee, data={"directorates": [world.children_dir]})
    version = produce("scrutiny", "committee", "Q1 2026/27", committee=packs.committee)
    _, text = pdf_text(version)
    assert "1 indicator in the Children's Services directorate in Q1 2026/27" in text
    assert f"{children.code} {children.name}" in text
    assert adults.code not in text

    scrutiny_services.committee_save(committee=packs.committee, data={"directorates": []})
    _, text = pdf_text(produce("scrutiny", "committee", "Q1 2026/27", committee=packs.committee))
    assert "indicators in the whole council in Q1 2026/27" in text
    assert adults.code in text


def test_the_pdf_is_tagged_for_screen_readers(packs):
    version = produce("executive", "executive", "Q1 2026/27")
    reader, _ = pdf_text(version)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).lower().startswith("en")
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    types = structure_types(root["/StructTreeRoot"], [])
    kinds = {kind for kind, _ in types}
    assert {"/H1", "/H2", "/Table", "/Figure"} <= kinds
    assert all(has_alt for kind, has_alt in types if kind == "/Figure")
    assert reader.metadata.title.startswith("Executive quarterly performance report")


def test_a_draft_figure_never_reaches_a_pack(packs):
    version = produce("executive", "executive", "Q2 2026/27")
    _, text = pdf_text(version)
    snapshot = json.dumps(version.snapshot)
    assert "Measure still in draft" in snapshot  # the indicator is listed...
    assert "12.3" not in snapshot
    assert "12.3" not in version.html
    assert "12.3" not in text


def test_an_issued_version_keeps_its_figures_when_they_are_corrected(packs):
    indicator = packs.indicators[0]
    first = produce("portfolio", "portfolio", "Q2 2026/27", portfolio=packs.reports.adults.portfolio)
    if indicator.service_id not in {s.pk for s in packs.reports.adults.portfolio.services.all()}:
        indicator = packs.indicators[1]
    IndicatorValue.objects.filter(indicator=indicator, period__label="Q2 2026/27").update(actual=Decimal("77"))
    rag_refresh(indicator_ids=[indicator.pk])
    second = produce("portfolio", "portfolio", "Q2 2026/27", portfolio=packs.reports.adults.portfolio)
    first.refresh_from_db()
    assert (first.number, second.number) == (2, 3)  # the fixtures hold version 1
    assert "77.0%" in second.html
    assert "77.0%" not in first.html
    assert "77.0%" not in json.dumps(first.snapshot)
    assert "50.0%" in first.html


def test_the_complaints_report_shows_only_suppressed_aggregates(world, year_of_complaints):  # noqa: F811
    version = produce("complaints", "executive", "2025/26")
    summary = version.snapshot["sections"][0]
    bars = {label: (value, shown) for label, value, shown in summary["blocks"][1]["bars"]}
    assert bars["Adult social care"] == (6, "6")
    assert bars["Children's social care"] == (None, "fewer than 5")  # no bar, no number
    volumes = summary["blocks"][2]["rows"]
    assert ["Children's social care", "fewer than 5", "0", "0"] in volumes
    _, text = pdf_text(version)
    assert "Annual complaints report" in text
    assert "fewer than 5" in text
    for personal in ("The visit was cancelled", world.complaints_officer.last_name):
        assert personal not in text


def test_deteriorating_means_worse_than_both_the_period_before_and_a_year_before(packs, world):
    """One period's dip that still beats a year before is noise, not deterioration; a fall on both counts is."""
    from indicators.models import ValueStatus
    from tests.indicators.factories import IndicatorFactory, TargetFactory, ValueFactory

    def indicator(name, figures):
        made = IndicatorFactory(service=world.adults, name=name)
        for label, actual in figures:
            TargetFactory(indicator=made, period=period(label), value=Decimal("50"))
            ValueFactory(indicator=made, period=period(label), actual=Decimal(actual), status=ValueStatus.VERIFIED)
        return made

    dip = indicator("Dipped this quarter", [("Q1 2025/26", "40"), ("Q4 2025/26", "70"), ("Q1 2026/27", "60")])
    fall = indicator("Fallen on both counts", [("Q1 2025/26", "80"), ("Q4 2025/26", "70"), ("Q1 2026/27", "60")])
    rag_refresh(indicator_ids=[dip.pk, fall.pk])
    version = produce("scrutiny", "committee", "Q1 2026/27", committee=packs.committee)
    section = next(s for s in version.snapshot["sections"] if s["slug"] == "deteriorating")
    listed = {row[0] for block in section["blocks"] for row in block["rows"]}
    assert f"{fall.code} {fall.name}" in listed
    assert f"{dip.code} {dip.name}" not in listed
    assert "Worse than the period before and a year before" in json.dumps(section)
