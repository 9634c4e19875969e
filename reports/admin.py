"""Report packs in the admin: read-only. Schedules change through their pages, which keep beat in step;
issued versions are a record and never change."""

from django.contrib import admin

from reports.models import Report, ReportSchedule, ReportVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportSchedule)
class ReportScheduleAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "frequency", "working_days_after", "run_at", "next_period", "next_run_at", "is_active"]
    list_filter = ["report_type", "audience", "is_active"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "period", "created_at"]
    list_filter = ["report_type", "audience"]


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "generated_at", "pdf_pages", "attempts"]
    list_filter = ["status", "trigger"]
    exclude = ["html", "pdf", "snapshot"]
