"""Every model of the CVthèque has an admin page that staff can open, list and read (change page)."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from cvtheque.cvs.services import record_view
from cvtheque.recruiting.models import CVAlertSent
from cvtheque.retention.models import RetentionNotice, RetentionNoticeKind
from tests.accounts.factories import StaffFactory

from .factories import CVSearchFactory, SavedCVFactory, SpouseReferralFactory

pytestmark = pytest.mark.django_db

MODELS = sorted(model._meta.model_name for model in apps.get_app_config("cvtheque").get_models())


@pytest.mark.parametrize("model_name", MODELS)
def test_every_model_has_an_admin_page_that_lists_and_shows_a_row(client, model_name):
    model = apps.get_model("cvtheque", model_name)
    assert admin.site.is_registered(model)
    referral = SpouseReferralFactory()
    item = SavedCVFactory()
    CVAlertSent.objects.create(search=CVSearchFactory(), cv=item.cv)
    record_view(referral.cv, referral.presented_by, referral.company)
    RetentionNotice.objects.create(user=referral.presented_by, kind=RetentionNoticeKind.CV_HIDING,
                                   reference=timezone.now())
    row = model.objects.first()
    client.force_login(StaffFactory())
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
    assert client.get(change).status_code == 200
