from django.contrib import admin

from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "reason", "subject", "sent_at", "attempts"]
    list_filter = ["reason", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject", "reason"]
    readonly_fields = [f.name for f in OutgoingEmail._meta.fields]

    def has_add_permission(self, request):
        return False
