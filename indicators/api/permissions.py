from rest_framework.permissions import SAFE_METHODS, BasePermission

from indicators.selectors import can_edit_library


class ReadOrLibraryEditor(BasePermission):
    """Everyone signed in reads; the corporate performance team changes the library and comparator groups."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        return request.method in SAFE_METHODS or can_edit_library(request.user)
