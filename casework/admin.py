"""Administration of community forums (no personal data).

Councillors' cases are deliberately not here: they are personal data, seen only
through the portal's pages, where each look is logged.
"""

from django.contrib import admin

from casework.models import Forum


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    filter_horizontal = ["wards"]
