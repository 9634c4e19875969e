"""The service navigation: each role sees the sections it may use, and nothing else.

Seven sections at most, so the header stays on one line; the service name links
home, and the organisation section holds people, delegation and orphaned items.
"""

from django.urls import reverse

from appraisals.access import navigation_target as appraisals_navigation
from casework import access as casework
from complaints.access import can_see_statistics as can_see_complaint_statistics
from complaints.access import sees_complaints_section
from priorities.access import reads_everything as reads_plans
from privacy.access import can_export_subject_data
from scrutiny.access import reads_scrutiny


def navigation_for(user):
    """Return (label, url, path prefixes the section covers) for the header navigation of this person."""
    if not user.is_authenticated:
        return []
    appraisals = appraisals_navigation(user) or ("appraisals:my-objectives" if user.kind == "officer" else None)
    items = [
        ("Priorities", "priorities", ["/priorities/"], True),
        ("Plans", "service-plan-list", ["/plans/"], reads_plans(user)),
        ("Indicators", "indicators:list", ["/indicators/"], True),
        ("Scrutiny", "scrutiny:dashboard", ["/scrutiny/", "/reports/"], reads_scrutiny(user)),
        ("Complaints", "complaints:list", ["/complaints/", "/casework/", "/forums/"], sees_complaints_section(user)),
        ("Appraisals", appraisals or "appraisals:my-objectives", ["/appraisals/"], appraisals is not None),
        ("Organisation", "organisation", ["/organisation/", "/people/", "/delegation/"], True),
    ]
    return [(label, reverse(name), prefixes) for label, name, prefixes, shown in items if shown]


def organisation_sections(user):
    """The organisation section's own links; orphaned items and public feedback only for some."""
    links = [("Structure", "organisation"), ("People", "people"), ("Scheme of delegation", "delegation")]
    if user.access.can_see_orphans:
        links.append(("Orphaned items", "orphaned-items"))
    if user.access.is_performance_officer:
        links.append(("Public feedback", "public-feedback-queue"))
    return [(label, reverse(name)) for label, name in links]


def complaints_sections(user):
    """The complaints section's own links: what residents tell the council, through complaints, their
    councillors (casework) and community forums; each shown to those who may use it."""
    links = [
        ("Complaints", "complaints:list", True),
        ("Statistics", "complaints:statistics", can_see_complaint_statistics(user)),
        ("Councillor casework", "casework:list", casework.sees_casework(user)),
        ("Casework themes", "casework:themes", casework.can_see_themes(user)),
        ("Community forums", "casework:forum-list", casework.can_read_forums(user)),
        ("Procedures", "complaints:regimes", True),
        ("Data protection", "privacy:index", can_export_subject_data(user)),
    ]
    return [(label, reverse(name)) for label, name, shown in links if shown]

