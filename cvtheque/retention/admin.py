from django.contrib import admin

from .models import RetentionNotice


@admin.register(RetentionNotice)
class RetentionNoticeAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "reference", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
