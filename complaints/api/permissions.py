from rest_framework.permissions import SAFE_METHODS, BasePermission

from complaints import access


class ComplaintsOfficerWrites(BasePermission):
    """Anyone signed in may ask (and sees only the cases they may see); complaints officers change cases."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        return request.method in SAFE_METHODS or access.is_complaints_officer(request.user)


class SeesStatistics(BasePermission):
    def has_permission(self, request, view):
        return access.can_see_statistics(request.user)
