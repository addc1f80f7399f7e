"""The moderator and the recruiter's verification requests: the queue shows them first, the review page shows the
justification next to the blocking finding and the findings by severity, and the refusal is prefilled from the
reason — end to end from the recruiter's form to the decision."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.enums import REFUSAL_MESSAGES, RejectionReason
from moderation.forms import RejectForm
from offers.enums import OfferStatus
from offers.models import Offer
from tests.companies.factories import recruiter_with_company
from tests.moderation.factories import ModeratorFactory
from tests.moderation.test_services import CLEAN_DESCRIPTION, pending_offer
from tests.offers.test_views import form_data

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:moderation_offertomoderate_changelist")
JUSTIFICATION = "« Jeune et dynamique » est le nom de notre cuvée, pas un profil recherché."


def review_url(offer):
    return reverse("admin:moderation_offertomoderate_change", args=[offer.pk])


def test_the_queue_shows_the_verification_requests_first_then_the_oldest(client):
    now = timezone.now()
    old = pending_offer(title="Vendeur H/F")
    asked = pending_offer(title="Vendangeur jeune et dynamique H/F", verification_request=JUSTIFICATION)
    recent = pending_offer(title="Cuisinier H/F")
    for offer, age in ((old, datetime.timedelta(days=3)), (asked, datetime.timedelta(hours=1)),
                       (recent, datetime.timedelta(minutes=5))):
        Offer.objects.filter(pk=offer.pk).update(submitted_at=now - age)
    client.force_login(ModeratorFactory())
    rows = list(client.get(QUEUE).context["cl"].result_list)
    assert [offer.pk for offer in rows] == [asked.pk, old.pk, recent.pk]


def test_the_review_page_shows_the_justification_next_to_the_blocking_finding_and_blocking_findings_first(client):
    description = CLEAN_DESCRIPTION + "<p>Bonne présentation.</p><p>Vous avez entre 25 et 35 ans.</p>"
    offer = pending_offer(title="Vendeur H/F", description=description, verification_request=JUSTIFICATION)
    client.force_login(ModeratorFactory())
    response = client.get(review_url(offer))
    findings = response.context["findings"]
    assert [finding.severity for finding in findings] == ["bloquant", "a_verifier"]
    html = response.content.decode()
    assert "Le recruteur demande une vérification par l'équipe" in html
    assert "nom de notre cuvée" in html
    assert html.index("nom de notre cuvée") < html.index("Bonne présentation")


def test_the_refusal_is_prefilled_from_the_blocking_findings():
    form = RejectForm(blocking_codes=["mention_hf_manquante", "limite_age"])
    assert form.initial["reason"] == RejectionReason.DISCRIMINATORY
    assert form.initial["text"] == REFUSAL_MESSAGES[RejectionReason.DISCRIMINATORY]
    gender = RejectForm(blocking_codes=["mention_hf_manquante"])
    assert gender.initial["reason"] == RejectionReason.MISSING_GENDER_MENTION
    assert "reason" not in RejectForm(blocking_codes=[]).initial


def test_a_refusal_without_text_gets_the_reasons_message_but_other_needs_one():
    form = RejectForm({"reason": RejectionReason.INCOMPLETE, "text": ""})
    assert form.is_valid() and form.cleaned_data["text"] == REFUSAL_MESSAGES[RejectionReason.INCOMPLETE]
    assert not RejectForm({"reason": RejectionReason.OTHER, "text": ""}).is_valid()


def test_the_review_page_carries_the_refusal_messages_for_the_page_script(client):
    offer = pending_offer(title="Vendeur")  # no H/F: blocking
    client.force_login(ModeratorFactory())
    html = client.get(review_url(offer)).content.decode()
    assert 'id="refusal-messages"' in html and "moderation-refusal.js" in html
    assert 'value="mention_hf" selected' in html


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_a_verification_request_end_to_end(client, decision):
    user, company = recruiter_with_company()
    client.force_login(user)
    data = form_data(company=company.pk, title="Vendangeur jeune et dynamique H/F", action="verify",
                     justification=JUSTIFICATION)
    assert client.post(reverse("offers:create"), data).status_code == 302
    offer = Offer.objects.get()
    assert offer.status == OfferStatus.PENDING
    client.force_login(ModeratorFactory())
    assert client.get(QUEUE).context["cl"].result_list[0].pk == offer.pk
    assert "nom de notre cuvée" in client.get(review_url(offer)).content.decode()
    post = {"decision": decision}
    if decision == "reject":
        post.update(reason=RejectionReason.DISCRIMINATORY, text="")
    assert client.post(review_url(offer), post).status_code == 302
    offer.refresh_from_db()
    if decision == "approve":
        assert offer.status == OfferStatus.PUBLISHED
    else:
        assert offer.status == OfferStatus.REFUSED
        assert REFUSAL_MESSAGES[RejectionReason.DISCRIMINATORY] in offer.refused_reason
