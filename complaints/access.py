"""Who may see and change complaint records: the rules, asked in one place.

Complaint records are personal and often special-category data.

- Complaints officers see and manage every case.
- The officer investigating a stage (and a stage's independent person) see that
  case, and record that stage's response.
- The members of a case's review panel see that case, and record the panel's
  meeting, report and recommendations.
- No one else sees a case: not managers, not councillors, not panel members of
  other cases, not system administrators (complaint records are not in the
  Django admin either). Officers and councillors see statistics, which are
  aggregate and suppress small numbers.
- Complaints officers read the access log (there is no separate complaints
  manager role: the complaints team is small and reads its own log).
"""

from organisation.models import Role, User


def is_current(user):
    return user.is_authenticated and user.is_current


def is_complaints_officer(user):
    return is_current(user) and user.access.has(Role.COMPLAINTS_OFFICER)


def can_log_complaints(user):
    return is_complaints_officer(user)


def can_read_access_log(user):
    return is_complaints_officer(user)


def can_see_statistics(user):
    return is_current(user) and user.kind in (User.Kind.OFFICER, User.Kind.COUNCILLOR)


def sees_complaints_section(user):
    """The section: its cases for the complaints team, investigators and panel members; statistics for the rest."""
    return can_see_statistics(user) or (is_current(user) and user.access.has(Role.PANEL_MEMBER))


def can_respond_to_stage(user, stage):
    return is_complaints_officer(user) or (is_current(user) and stage.investigator_id == user.pk)


def can_record_panel_report(user, panel, member_ids):
    """`member_ids`: the panel's members, loaded once by the caller."""
    return is_complaints_officer(user) or (is_current(user) and user.pk in member_ids)
