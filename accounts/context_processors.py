"""The announcements under the recruiter menu (the menu itself is the project's:
``terredemplois.context_processors``)."""

from django.utils.functional import SimpleLazyObject

from .models import Announcement


def announcements(request):
    return {"announcements": SimpleLazyObject(Announcement.shown_today)}
