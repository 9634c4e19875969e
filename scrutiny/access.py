"""Who may read and change scrutiny records: the rules, asked in one place.

- Officers and councillors (signed in, current) read committees, the work
  programme, reviews and the dashboards; anyone else sees only published reports.
- Performance officers act as scrutiny officers (there is no separate role) and,
  with system administrators, change scrutiny records.
- Executive members record the executive's response to recommendations.
"""

from organisation.models import Role
from priorities.access import reads_everything


def reads_scrutiny(user):
    return reads_everything(user)


def can_edit_scrutiny(user):
    return reads_scrutiny(user) and user.access.has(Role.PERFORMANCE_OFFICER, Role.SYSTEM_ADMIN)


def can_respond_for_executive(user):
    return reads_scrutiny(user) and user.access.has(Role.EXECUTIVE_MEMBER)


def can_record_health_check(user):
    """Leaders record the health check: executive members, with the performance team who prepare it."""
    return reads_scrutiny(user) and user.access.has(Role.EXECUTIVE_MEMBER, Role.PERFORMANCE_OFFICER)
