from rest_framework.permissions import SAFE_METHODS, BasePermission

from casework import access


class ReadsForumsManagersWrite(BasePermission):
    """Councillors and officers read forums; performance and complaints officers record them."""

    def has_permission(self, request, view):
        if not access.can_read_forums(request.user):
            return False
        return request.method in SAFE_METHODS or access.can_manage_forums(request.user)


class SeesThemes(BasePermission):
    def has_permission(self, request, view):
        return access.can_see_themes(request.user)
