from rest_framework.permissions import SAFE_METHODS, BasePermission

from scrutiny import access


class ReadOrScrutinyEditor(BasePermission):
    """Officers and councillors read; performance officers (acting as scrutiny officers) change."""

    def has_permission(self, request, view):
        user = request.user
        if not access.reads_scrutiny(user):
            return False
        return request.method in SAFE_METHODS or access.can_edit_scrutiny(user)
