"""Who may see and act on an appraisal: the rules, asked in one place.

- The person sees their own appraisal and writes their side of it.
- Their line-management chain (line manager, the manager's manager, upward) sees it;
  the direct line manager acts as the appraiser.
- HR officers see every appraisal, to support managers; they do not write in them.
- Nobody else: not peers, not councillors, not another service's manager, and not
  the performance team, who see coverage figures only.
- Coverage figures: performance officers, directors (senior managers) and HR.

Support plans follow the appraisal they belong to: the same people see them; the
line manager opens and runs them; the person and the line manager comment on them.
"""

from django.db.models import Q

from organisation.models import Role

MAX_CHAIN_DEPTH = 6  # line manager, their manager, ... : deeper chains are not found in councils' structures


def _current(user):
    return user.is_authenticated and user.is_current


def is_hr(user):
    return _current(user) and user.access.has(Role.HR_OFFICER)


def appraisal_visibility(user, *, prefix):
    """A Q over `<prefix>` (the appraised person) that matches what this user may see."""
    if not _current(user):
        return Q(pk__in=[])
    if is_hr(user):
        return Q()
    visible = Q(**{prefix: user})
    path = prefix
    for _ in range(MAX_CHAIN_DEPTH):
        path = f"{path}__line_manager"
        visible |= Q(**{path: user})
    return visible


def chain_of(person):
    """The person's line managers, nearest first (one query per level; used on single pages only)."""
    chain, seen, manager = [], {person.pk}, person.line_manager
    while manager is not None and manager.pk not in seen and len(chain) < MAX_CHAIN_DEPTH:
        chain.append(manager)
        seen.add(manager.pk)
        manager = manager.line_manager
    return chain


def is_appraisee(user, appraisal):
    return _current(user) and appraisal.person_id == user.pk


def is_appraiser(user, appraisal):
    """The person's line manager writes the manager's side of the appraisal; nobody appraises themselves."""
    return _current(user) and appraisal.person_id != user.pk and appraisal.person.line_manager_id == user.pk


def can_write(user, appraisal):
    return is_appraisee(user, appraisal) or is_appraiser(user, appraisal)


def can_manage_cycles(user):
    return _current(user) and user.access.has(Role.PERFORMANCE_OFFICER, Role.HR_OFFICER)


def sees_coverage(user):
    return _current(user) and user.access.has(Role.PERFORMANCE_OFFICER, Role.SENIOR_MANAGER, Role.HR_OFFICER)


def manages_people(user):
    """Whether the person has anyone reporting to them (asked once per page, for the navigation)."""
    return _current(user) and user.direct_reports.filter(is_active=True).exists()


def sees_appraisals_section(user):
    return is_hr(user) or manages_people(user)


def navigation_target(user):
    """Where the header's "Appraisals" link goes for this person, or None: decided from roles, with no query.

    Managers and HR go to the team view, the performance team and directors to coverage. Someone who
    line-manages without a manager role still reaches the team view from their home page.
    """
    if not _current(user):
        return None
    if user.access.has(Role.HR_OFFICER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
        return "appraisals:team"
    if sees_coverage(user):
        return "appraisals:coverage"
    return None
