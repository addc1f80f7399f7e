from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Announcement, RateLimitHit, RecruiterProfile, User


class RecruiterProfileInline(admin.StackedInline):
    model = RecruiterProfile
    can_delete = False


class EmailAddressInline(admin.TabularInline):
    """allauth's e-mail addresses, on the user's page: the admin shows one « Comptes » section, not
    allauth's own « Comptes » next to ours."""

    model = EmailAddress
    extra = 0
    fields = ["email", "verified", "primary"]


if admin.site.is_registered(EmailAddress):
    admin.site.unregister(EmailAddress)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "kind", "is_staff", "date_joined"]
    list_filter = ["kind", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RecruiterProfileInline, EmailAddressInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "kind"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "kind", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_on", "ends_on"]
    search_fields = ["title", "text"]


@admin.register(RateLimitHit)
class RateLimitHitAdmin(admin.ModelAdmin):
    """Read only: the hits counted in the database while Redis was down (pruned after a day)."""

    list_display = ["key", "at"]
    search_fields = ["key"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
