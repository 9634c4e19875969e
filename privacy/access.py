"""Who may run a subject access export, and see the retention figures (docs/decisions/0012).

Complaints officers: they hold the council's complaints and councillors' casework (the bulk of
the personal data about residents here) and answer information requests for it. System
administrators may not: complaint records are kept from them (ADR 0004), and an export would
be a way round that.
"""

from organisation.models import Role


def can_export_subject_data(user):
    return user.is_authenticated and user.is_current and user.access.has(Role.COMPLAINTS_OFFICER)
