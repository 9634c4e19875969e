"""Demo report packs: the schedules, and last quarter's executive, portfolio and scrutiny reports already produced.

Idempotent, like the rest of seed_demo: an existing schedule or version is left alone.
The reports are produced here, in-process, rather than queued, so the demo is ready
when `make run` starts the server.
"""

import datetime

from django.utils import timezone

from indicators import periods as P
from indicators.services import period_ensure
from organisation.demo import DOMAIN
from organisation.models import Portfolio, User
from reports import services
from reports.models import Audience, ReportSchedule, ReportType, ReportVersion
from scrutiny.demo import HEALTH_COMMITTEE
from scrutiny.models import Committee

PORTFOLIO = "Adult Social Care and Health"

COMMENTARY = {
    ReportType.EXECUTIVE: {
        "summary": "Most indicators are on target. Waiting times for Care Act assessments and home care hours "
                   "awaiting a provider remain the two pressures on adult social care this quarter.",
        "exceptions": "The assessment backlog has grown since Q4. Agency social workers started in September and "
                      "weekly review meetings now track every case waiting more than 28 days.",
    },
    ReportType.PORTFOLIO: {
        "summary": "Reablement outcomes remain strong; the pressure is at the front door (assessments) and in "
                   "finding home care providers in rural wards.",
    },
    ReportType.SCRUTINY: {
        "summary": "The committee asked for the trend in assessment waiting times and home care hours awaiting a "
                   "provider: both are in the deteriorating section with their comparators.",
        "recommendations": "The executive's response to the carers review is overdue; the portfolio holder has "
                           "committed to answer before the next meeting.",
    },
}


def _person(key):
    return User.objects.filter(email=f"{key}@{DOMAIN}").first()


def seed(today=None):
    """Schedules for the executive, the adult social care portfolio holder and the health scrutiny committee,
    plus the annual complaints report; last quarter's three reports produced."""
    today = today or timezone.localdate()
    last_quarter = period_ensure(P.previous(P.containing(P.QUARTER, today)))
    performance = _person("performance")
    portfolio = Portfolio.objects.filter(name=PORTFOLIO).first()
    committee = Committee.objects.filter(name=HEALTH_COMMITTEE).first()
    if performance is None or portfolio is None or committee is None:
        return []
    plans = [
        ({"report_type": ReportType.EXECUTIVE, "audience": Audience.EXECUTIVE}, ["leader", "director"]),
        ({"report_type": ReportType.PORTFOLIO, "audience": Audience.PORTFOLIO, "portfolio": portfolio},
         ["portfolio"]),
        ({"report_type": ReportType.SCRUTINY, "audience": Audience.COMMITTEE, "committee": committee},
         ["scrutiny"]),
        ({"report_type": ReportType.COMPLAINTS, "audience": Audience.EXECUTIVE, "frequency": "year",
          "working_days_after": 40}, ["leader"]),
    ]
    produced = []
    for audience, recipients in plans:
        probe = ReportSchedule(**{k: v for k, v in audience.items() if k not in ("frequency", "working_days_after")})
        schedule = ReportSchedule.objects.filter(report_type=probe.report_type,
                                                 audience_key=probe.make_audience_key()).first()
        if schedule is None:
            schedule = services.schedule_save(data={
                "frequency": "quarter", "working_days_after": 10, "run_at": datetime.time(7, 0), **audience,
                "recipients": [p for p in map(_person, recipients) if p]}, actor=performance)
        if schedule.report_type == ReportType.COMPLAINTS:
            continue  # annual: its first report falls due after the year ends
        version = services.report_request(
            **{k: getattr(schedule, k) for k in services.AUDIENCE_FIELDS}, period=last_quarter, schedule=schedule,
            trigger=ReportVersion.Trigger.SCHEDULE, enqueue=False)
        if version.status != ReportVersion.Status.READY:
            report = version.report
            if not report.commentary:
                services.commentary_save(report=report, commentary=COMMENTARY.get(report.report_type, {}),
                                         actor=performance)
            version, _ = services.report_generate(version_id=version.pk)
            produced.append(version)
    return produced
