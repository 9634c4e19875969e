"""Administration of the complaint procedures: regimes, their stages and timescales, and categories.

Complaint records themselves are deliberately not here: they are personal data,
seen only through the portal's pages, where each look is logged.
"""

from django.contrib import admin

from complaints.models import Category, Regime, RegimeStage


class RegimeStageInline(admin.StackedInline):
    model = RegimeStage
    extra = 0
    fieldsets = [
        (None, {"fields": ["number", "name", "response_days", "max_response_days", "request_within_days",
                           "escalate_when_overdue"]}),
        ("Review panel", {"fields": ["is_panel", "panel_size", "panel_all_independent", "panel_meets_within_days",
                                     "panel_report_within_days", "council_response_within_days"]}),
    ]


@admin.register(Regime)
class RegimeAdmin(admin.ModelAdmin):
    list_display = ["name", "reference_prefix", "is_statutory", "acknowledge_days", "time_limit_months"]
    inlines = [RegimeStageInline]

    def has_delete_permission(self, request, obj=None):
        return False  # complaints refer to their regime; retire a regime by editing it instead


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
