"""Who may read report packs and who runs them: the rules, asked in one place.

- Performance officers and system administrators manage schedules, produce any
  report on demand and read every report.
- Senior managers (directors) read every pack: they answer for the figures in all of them.
- Otherwise a report is read by its audience:
  - the executive's: executive members;
  - a portfolio holder's: that portfolio's holder and deputy (not other executive members);
  - a scrutiny committee's: that committee's members;
  - a directorate management team's: the managers of its services (heads of service, team
    managers, accountable officers);
  - the annual complaints report also by complaints officers.
- Anyone named as a recipient on the report's schedule may read it: that is how
  a pack reaches someone outside its audience.
- Nobody else: staff, other councillors, review-panel members, the public.
"""

from django.db.models import Exists, OuterRef, Q

from organisation.models import Role, Service


def _current(user):
    return user.is_authenticated and user.is_current


def can_manage_reports(user):
    return _current(user) and user.access.has(Role.PERFORMANCE_OFFICER, Role.SYSTEM_ADMIN)


def reads_some_reports(user):
    """Whether the report packs section is worth showing this person at all."""
    if not _current(user):
        return False
    access = user.access
    return (can_manage_reports(user) or access.has(Role.EXECUTIVE_MEMBER, Role.SENIOR_MANAGER, Role.SCRUTINY_MEMBER,
                                                   Role.COMPLAINTS_OFFICER)
            or bool(access.portfolios) or bool(access.managed_service_ids) or user.report_schedules.exists())


def visible_reports_condition(user):
    """A Q over Report for the reports this person may read, or None for none at all."""
    from reports.models import Audience, ReportSchedule, ReportType
    from scrutiny.models import CommitteeMember

    if not _current(user):
        return None
    if can_manage_reports(user):
        return Q()
    access = user.access
    recipient = ReportSchedule.recipients.through.objects.filter(reportschedule_id=OuterRef("schedule_id"),
                                                                  user_id=user.pk)
    member = CommitteeMember.objects.filter(committee_id=OuterRef("committee_id"), person_id=user.pk)
    condition = Q(Exists(recipient)) | Q(audience=Audience.COMMITTEE, committee_id__isnull=False) & Q(Exists(member))
    if access.has(Role.EXECUTIVE_MEMBER, Role.SENIOR_MANAGER):
        condition |= Q(audience=Audience.EXECUTIVE)
    if access.has(Role.SENIOR_MANAGER):
        condition |= Q(audience__in=[Audience.PORTFOLIO, Audience.COMMITTEE, Audience.DIRECTORATE])
    if access.portfolios:
        condition |= Q(audience=Audience.PORTFOLIO, portfolio__in=[p.pk for p in access.portfolios])
    if access.managed_service_ids:
        condition |= Q(audience=Audience.DIRECTORATE, directorate_id__in=Service.objects.filter(
            pk__in=access.managed_service_ids).values("directorate_id"))
    if access.has(Role.COMPLAINTS_OFFICER):
        condition |= Q(report_type=ReportType.COMPLAINTS)
    return condition
