from rest_framework.permissions import SAFE_METHODS, BasePermission

from priorities import access


class ReadOrPriorityManager(BasePermission):
    """Strategic plans, priorities, non-priorities and engagement: read as entitled; the performance
    team and directors change them."""

    def has_permission(self, request, view):
        user = request.user
        if not (access.reads_everything(user) or access.reads_published_only(user)):
            return False
        return request.method in SAFE_METHODS or access.can_manage_priorities(user)


class ReadOrPlanEditor(BasePermission):
    """Plans and what is in them: read as entitled; change only the plans of services one manages."""

    def has_permission(self, request, view):
        user = request.user
        if access.reads_everything(user):
            return True
        return request.method in SAFE_METHODS and access.reads_published_only(user)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        plan = getattr(obj, "plan", None) or getattr(getattr(obj, "objective", None), "plan", None) or obj
        return access.can_edit_plan(request.user, plan)
