"""Admin pages of the job alerts and of the anonymous counts of erased applications (registered by
``offers.admin``)."""

from django.contrib import admin

from .alert_models import ErasedApplicationCount, JobAlert, JobAlertSent


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    list_display = ["label", "candidate", "frequency", "created_at", "last_sent_at"]
    list_filter = ["frequency"]
    search_fields = ["label", "candidate__email"]
    list_select_related = ["candidate"]
    raw_id_fields = ["candidate"]


@admin.register(JobAlertSent)
class JobAlertSentAdmin(admin.ModelAdmin):
    list_display = ["alert", "offer", "sent_at"]
    list_select_related = ["alert__candidate", "offer"]
    raw_id_fields = ["alert", "offer"]


@admin.register(ErasedApplicationCount)
class ErasedApplicationCountAdmin(admin.ModelAdmin):
    list_display = ["company", "month", "count"]
    list_select_related = ["company"]
    raw_id_fields = ["company"]
