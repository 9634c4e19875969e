"""Who may see and change councillor casework and community forums: the rules, asked in one place.

A councillor's case is personal: it names a constituent and their concern.

- Ward councillors log cases for their own wards and see the cases they raised,
  and no other councillor's (not even another member for the same ward).
- A case reaches officers only once the constituent's consent is recorded. It then
  goes to the accountable officer for its service in the scheme of delegation;
  that officer and the deputy accountable officer see it and respond. Access
  follows the scheme as it stands, so a handover passes the open cases on.
- Complaints officers and performance officers manage casework: they see every
  case that has been sent to a service, respond for the service, and read who
  looked at a case. A case not yet sent is the councillor's alone.
- Themes (counts by ward, service and category, small numbers suppressed) are
  for every councillor and officer; they name no one.
- Community forums hold no personal data: every councillor and officer reads
  them; performance and complaints officers record meetings, issues and the
  council's responses.
"""

from django.db.models import Q

from organisation.models import Delegation, Role, User


def is_current(user):
    return user.is_authenticated and user.is_current


def ward_ids(user):
    """The wards this person currently represents."""
    if not is_current(user):
        return set()
    return {a.ward_id for a in user.access.assignments if a.role == Role.WARD_COUNCILLOR}


def can_log_casework(user):
    return bool(ward_ids(user))


def is_casework_manager(user):
    return is_current(user) and user.access.has(Role.COMPLAINTS_OFFICER, Role.PERFORMANCE_OFFICER)


def accountable_service_ids(user):
    """A subquery: the services whose accountable officer (or deputy) this person is."""
    return Delegation.objects.filter(Q(accountable_officer=user) | Q(deputy_accountable_officer=user)).values(
        "service_id")


def is_accountable_for(user, service_id, delegation):
    """`delegation`: the service's line in the scheme of delegation, loaded by the caller (or None)."""
    return is_current(user) and delegation is not None and delegation.service_id == service_id and user.pk in (
        delegation.accountable_officer_id, delegation.deputy_accountable_officer_id)


def sees_casework(user):
    """The casework pages: ward councillors, and officers (who may have cases sent to them)."""
    return can_log_casework(user) or (is_current(user) and user.kind == User.Kind.OFFICER)


def can_respond(user, case, delegation):
    """Respond for the service: its accountable officer or deputy, or a casework manager; only once it is sent."""
    if not case.is_routed or case.is_closed:
        return False
    return is_casework_manager(user) or is_accountable_for(user, case.service_id, delegation)


def can_record_consent(user, case):
    return is_current(user) and case.councillor_id == user.pk and not case.is_routed and not case.is_closed


def can_close(user, case):
    if case.is_closed or not is_current(user):
        return False
    return case.councillor_id == user.pk or (case.is_routed and is_casework_manager(user))


def can_read_case_log(user):
    return is_casework_manager(user)


def can_see_themes(user):
    return is_current(user) and user.kind in (User.Kind.OFFICER, User.Kind.COUNCILLOR)


def can_read_forums(user):
    return is_current(user) and user.kind in (User.Kind.OFFICER, User.Kind.COUNCILLOR)


def can_manage_forums(user):
    return is_current(user) and user.access.has(Role.PERFORMANCE_OFFICER, Role.COMPLAINTS_OFFICER)
