from rest_framework.permissions import BasePermission


class PerformanceOfficersOnly(BasePermission):
    """Feedback holds the sender's name and e-mail address: only the performance team, who moderate it."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user.is_authenticated and user.is_current and user.access.is_performance_officer)
