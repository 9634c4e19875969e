"""The three complaint regimes a council runs, as first loaded into the database (DOMAIN.md, "Complaints").

These are starting values, not rules in code: after the first migrate they live
in the Regime and RegimeStage tables, where the council edits them (Django admin,
"Complaint regimes"). Loading never overwrites a regime that exists.

Each value's source is marked: `statutory` (the regulations, as DOMAIN.md states
them), `uncertain` (not confirmed from a primary source: check it) or `council`
(a local choice: set your own).
"""

STATUTORY = "statutory"
UNCERTAIN = "uncertain"
COUNCIL = "council"

REGIMES = [
    {
        "code": "adults",
        "name": "Adult social care",
        "reference_prefix": "ASC",
        "legislation": "Local Authority Social Services and National Health Service Complaints (England) "
                       "Regulations 2009",
        "is_statutory": True,
        "order": 1,
        "acknowledge_days": 3,  # statutory
        "time_limit_months": 12,  # statutory, with discretion to accept later
        "delay_letter_months": 6,  # statutory: write explaining why if no response within 6 months
        "notes": "One local stage. Acknowledge within 3 working days (statutory), offering to discuss how the "
                 "complaint will be handled and when to expect a response. The response time is agreed with the "
                 "complainant: the 20 working days here are the council's standard (council-defined). If there is "
                 "no response within 6 months, write explaining why (statutory). Then the Ombudsman.",
        "stages": [
            {"number": 1, "name": "Local resolution", "response_days": 20},  # council-defined standard
        ],
    },
    {
        "code": "childrens",
        "name": "Children's social care",
        "reference_prefix": "CSC",
        "legislation": "Children Act 1989 Representations Procedure (England) Regulations 2006",
        "is_statutory": True,
        "order": 2,
        "acknowledge_days": None,  # DOMAIN.md gives none: set the council's own if it has one
        "time_limit_months": 12,  # uncertain
        "delay_letter_months": None,
        "notes": "Stage 1 local resolution: 10 working days, extendable to 20. Stage 2 investigation (investigating "
                 "officer and independent person, then adjudication): 25 working days, at most 65; request within "
                 "20 working days of the stage 1 reply. Stage 3 review panel of 3 independent members: meets "
                 "within 30 working days of the request, reports within 5 working days, council responds within "
                 "15 working days (all statutory). Uncertain: the 12-month time limit, the 20-working-day window "
                 "to request stage 3, and escalating to stage 2 when stage 1 is overdue.",
        "stages": [
            {"number": 1, "name": "Local resolution", "response_days": 10, "max_response_days": 20},
            {"number": 2, "name": "Investigation", "response_days": 25, "max_response_days": 65,
             "request_within_days": 20, "escalate_when_overdue": True},  # the overdue route is uncertain
            {"number": 3, "name": "Review panel", "is_panel": True, "request_within_days": 20,  # window uncertain
             "panel_size": 3, "panel_all_independent": True, "panel_meets_within_days": 30,
             "panel_report_within_days": 5, "council_response_within_days": 15},
        ],
    },
    {
        "code": "corporate",
        "name": "Corporate",
        "reference_prefix": "CORP",
        "legislation": "",
        "is_statutory": False,
        "order": 3,
        "acknowledge_days": 5,  # council-defined
        "time_limit_months": 12,  # council-defined
        "delay_letter_months": None,
        "notes": "Non-statutory: every stage and timescale here is the council's own choice (council-defined). "
                 "Stage 3 is a panel of councillors and independent people.",
        "stages": [
            {"number": 1, "name": "Service response", "response_days": 10, "max_response_days": 20},
            {"number": 2, "name": "Corporate review", "response_days": 20, "max_response_days": 30,
             "request_within_days": 20},
            {"number": 3, "name": "Member review panel", "is_panel": True, "request_within_days": 20,
             "panel_size": 3, "panel_all_independent": False, "panel_meets_within_days": 20,
             "panel_report_within_days": 5, "council_response_within_days": 15},
        ],
    },
]

# What a complaint is about (DOMAIN.md); the council adds or retires categories in the admin.
CATEGORIES = ["Delay", "Communication", "Staff conduct", "Assessment decision", "Charging", "Quality of care"]


def ensure_regimes(apps=None):
    """Load the regimes, their stages and the categories where they are missing; change nothing that exists.

    Runs after every migrate (and after a test flush), like Django's own permissions,
    so a new installation has the statutory regimes from the start. `apps` is the
    migration state's registry when called from the post_migrate signal.
    """
    if apps is None:
        from django.apps import apps
    Regime = apps.get_model("complaints", "Regime")
    RegimeStage = apps.get_model("complaints", "RegimeStage")
    Category = apps.get_model("complaints", "Category")
    for definition in REGIMES:
        fields = {k: v for k, v in definition.items() if k not in ("code", "stages")}
        regime, created = Regime.objects.get_or_create(code=definition["code"], defaults=fields)
        if created:
            RegimeStage.objects.bulk_create(RegimeStage(regime=regime, **stage) for stage in definition["stages"])
            from complaints.deadlines import REGIME_RULES

            REGIME_RULES.version.invalidate()  # a bulk write sends no signal
    for order, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"order": order})
