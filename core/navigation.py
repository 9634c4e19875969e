"""The service navigation: each role sees links to what it may use, and nothing else."""

from django.urls import reverse

from appraisals.access import navigation_target as appraisals_navigation
from complaints.access import sees_complaints_section
from priorities.access import reads_everything as reads_plans
from scrutiny.access import reads_scrutiny


def navigation_for(user):
    """Return (label, url name, shown) for the header navigation of this person."""
    if not user.is_authenticated:
        return []
    access = user.access
    appraisals_nav = appraisals_navigation(user)
    items = [
        ("Home", "home", True),
        ("Organisation", "organisation", True),
        ("People", "people", True),
        ("Delegation", "delegation", True),
        ("Priorities", "priorities", True),
        ("Plans", "service-plan-list", reads_plans(user)),
        ("Indicators", "indicators:list", True),
        ("Complaints", "complaints:list", sees_complaints_section(user)),
        ("My objectives", "appraisals:my-objectives", user.kind == "officer"),
        ("Appraisals", appraisals_nav or "appraisals:team", appraisals_nav is not None),
        ("Scrutiny", "scrutiny:dashboard", reads_scrutiny(user)),
        ("Orphaned items", "orphaned-items", access.can_see_orphans),
        ("API", "api-docs", True),
    ]
    return [(label, reverse(name)) for label, name, shown in items if shown]
