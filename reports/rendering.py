"""Turn a report's snapshot into charts, HTML and a tagged PDF.

The HTML is one fragment, stored with the version and shown inside the portal's
page; the PDF wraps the same fragment in a print stylesheet (council branding,
running headers, page numbers and a contents list with page numbers) and is
written by WeasyPrint as PDF/UA-1, tagged for screen readers.
"""

import copy
import io
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from reports import charts

PDF_VARIANT = "pdf/ua-1"  # tagged, for screen readers: WeasyPrint 70 also knows pdf/ua-2
PRINT_CSS = Path(__file__).parent / "static" / "reports" / "print.css"


def draw_charts(snapshot):
    """A copy of the sections with every chart drawn as an SVG data URI beside its figures."""
    styles = charts.series_styles(settings.COUNCIL_COLOUR)
    sections = copy.deepcopy(snapshot["sections"])
    count = 0
    for section in sections:
        for block in section["blocks"]:
            if block["kind"] == "bars":
                block["image"] = charts.data_uri(charts.bar_chart(bars=block["bars"], colour=settings.COUNCIL_COLOUR))
                count += 1
            elif block["kind"] == "indicator" and block.get("chart"):
                chart = block["chart"]
                block["image"] = charts.data_uri(charts.line_chart(
                    periods=chart["periods"], series=chart["series"], styles=styles, suffix=chart["suffix"]))
                count += 1
    return sections, count


def render_html(snapshot, sections):
    """The report as an HTML fragment: the version keeps it, the portal shows it, the PDF prints it."""
    return render_to_string("reports/document.html", {"report": snapshot, "sections": sections})


def render_pdf(snapshot, fragment):
    """The PDF (bytes) and its number of pages."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    page = render_to_string("reports/print.html", {
        "report": snapshot, "fragment": fragment, "css": PRINT_CSS.read_text(encoding="utf-8"),
        "council_colour": settings.COUNCIL_COLOUR,
    })
    # Images are data: URIs; nothing else may be fetched (no network, no local files).
    options = {"pdf_variant": PDF_VARIANT}
    document = HTML(string=page, url_fetcher=URLFetcher(allowed_protocols={"data"}, timeout=2)).render(**options)
    buffer = io.BytesIO()
    document.write_pdf(buffer, **options)
    return buffer.getvalue(), len(document.pages)
