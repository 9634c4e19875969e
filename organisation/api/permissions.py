from rest_framework.permissions import SAFE_METHODS, BasePermission


class CanEditDelegation(BasePermission):
    """Everyone signed in reads the scheme of delegation; the performance team changes it."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        return request.method in SAFE_METHODS or request.user.access.can_edit_delegation
