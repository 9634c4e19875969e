from django.contrib import admin

from indicators import services
from indicators.models import (
    BenchmarkValue,
    ComparatorArea,
    ComparatorGroup,
    DataImport,
    ExceptionRule,
    Indicator,
    IndicatorValue,
    IndicatorVersion,
    OverdueNotice,
    Period,
    Target,
    ValueRevision,
)


class VersionInline(admin.TabularInline):
    model = IndicatorVersion
    extra = 0
    readonly_fields = ["number", "effective_from", "definition", "change_note", "created_by", "created_at"]
    can_delete = False


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "framework", "service", "frequency", "polarity", "is_active"]
    list_filter = ["framework", "frequency", "service__directorate", "is_active"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["service", "accountable_officer", "data_officer"]
    inlines = [VersionInline]

    def save_model(self, request, obj, form, change):
        # Definition changes belong on the portal's edit page, which versions them;
        # here, keep the computed RAG in step with any change to the rule.
        super().save_model(request, obj, form, change)
        services.rag_refresh(indicator_ids=[obj.pk])


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "start", "end", "fiscal_year"]
    list_filter = ["kind", "fiscal_year"]


class RevisionInline(admin.TabularInline):
    model = ValueRevision
    extra = 0
    can_delete = False
    readonly_fields = ["action", "actor", "at", "old_actual", "new_actual", "old_status", "new_status", "changes",
                       "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    """Read-only: figures change through the portal, which keeps their revisions and sign-off."""

    list_display = ["indicator", "period", "actual", "status", "rag", "entered_by", "verified_by"]
    list_filter = ["status", "rag", "indicator__framework"]
    search_fields = ["indicator__code", "indicator__name"]
    list_select_related = ["indicator", "period", "entered_by", "verified_by"]
    inlines = [RevisionInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period", "value", "value_upper", "set_by"]
    list_select_related = ["indicator", "period", "set_by"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.rag_refresh(indicator_ids=[obj.indicator_id])


@admin.register(ComparatorArea)
class ComparatorAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "kind"]
    search_fields = ["name", "ons_code"]


@admin.register(ComparatorGroup)
class ComparatorGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "minimum_sample", "is_default"]
    filter_horizontal = ["areas"]


@admin.register(BenchmarkValue)
class BenchmarkValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "period", "value"]
    list_filter = ["indicator"]
    list_select_related = ["indicator", "area", "period"]


@admin.register(DataImport)
class DataImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "uploaded_by", "uploaded_at", "status", "rows_written"]
    exclude = ["rows"]


@admin.register(ExceptionRule)
class ExceptionRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "periods", "comparator_group", "framework", "is_active"]


@admin.register(OverdueNotice)
class OverdueNoticeAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period", "level", "recipient", "sent_at"]
