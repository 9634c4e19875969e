from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from organisation import services
from organisation.models import (
    Council,
    Delegation,
    Directorate,
    Portfolio,
    RoleAssignment,
    Service,
    Team,
    User,
    Ward,
)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["directorate", "service", "team", "ward"]


@admin.register(User)
class PersonAdmin(UserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "kind", "job_title", "team", "is_active", "left_on"]
    list_filter = ["kind", "is_active", "team__service__directorate"]
    search_fields = ["email", "first_name", "last_name", "job_title"]
    autocomplete_fields = ["team", "line_manager"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "kind", "job_title", "team", "line_manager", "left_on"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "first_name", "last_name", "kind", "password1", "password2"]}),
    ]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "mi_officer"]
    autocomplete_fields = ["mi_officer"]


@admin.register(Directorate)
class DirectorateAdmin(admin.ModelAdmin):
    list_display = ["name", "director"]
    search_fields = ["name"]
    autocomplete_fields = ["director"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "directorate", "portfolio"]
    list_filter = ["directorate"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.delegation_ensure(service=obj)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "manager"]
    list_filter = ["service__directorate"]
    search_fields = ["name", "service__name"]
    autocomplete_fields = ["manager"]


@admin.register(Portfolio)
class PortfolioAdmin(admin.ModelAdmin):
    list_display = ["name", "holder", "deputy"]
    autocomplete_fields = ["holder", "deputy"]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["service", "accountable_officer", "data_officer", "updated_at"]
    autocomplete_fields = ["accountable_officer", "deputy_accountable_officer", "data_officer", "deputy_data_officer"]
    readonly_fields = ["updated_by", "updated_at"]
