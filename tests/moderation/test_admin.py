import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from moderation.models import ModerationDecision
from offers.enums import OfferStatus
from offers.models import Offer
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import CompanyFactory, recruiter_with_company
from tests.conftest import committed
from tests.moderation.factories import ModerationDecisionFactory, ModeratorFactory
from tests.moderation.test_services import CLEAN_DESCRIPTION, pending_offer
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:moderation_offertomoderate_changelist")
DECISIONS = reverse("admin:moderation_moderationdecision_changelist")


def review_url(offer):
    return reverse("admin:moderation_offertomoderate_change", args=[offer.pk])


def owner_offer():
    user, company = recruiter_with_company()
    return user, pending_offer(company=company, author=user, title="Vendeur")


# ----- permissions, per role --------------------------------------------------------------------

@pytest.mark.parametrize("role", ["anonymous", "candidate", "recruiter_owner", "other_recruiter"])
def test_people_outside_the_staff_are_sent_to_the_admin_login(client, role):
    owner, offer = owner_offer()
    user = {"anonymous": None, "candidate": CandidateFactory(), "recruiter_owner": owner,
            "other_recruiter": RecruiterFactory()}[role]
    if user:
        client.force_login(user)
    for url in (QUEUE, review_url(offer), DECISIONS, reverse("admin:index")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    response = client.post(review_url(offer), {"decision": "approve"})
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PENDING


def test_staff_without_the_moderators_permission_is_refused(client):
    _, offer = owner_offer()
    client.force_login(ModeratorFactory(moderators_group=False))
    for url in (QUEUE, review_url(offer), DECISIONS):
        assert client.get(url).status_code == 403
    assert client.post(review_url(offer), {"decision": "approve"}).status_code == 403
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PENDING
    assert "Modération des offres" not in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("make_user", [ModeratorFactory, StaffFactory], ids=["moderator", "superuser"])
def test_moderators_and_superusers_reach_every_page(client, make_user):
    _, offer = owner_offer()
    ModerationDecisionFactory()
    client.force_login(make_user())
    for url in (QUEUE, review_url(offer), DECISIONS):
        assert client.get(url).status_code == 200
    assert client.get(reverse("admin:moderation_offertomoderate_add")).status_code == 403


# ----- the queue --------------------------------------------------------------------------------

def test_the_queue_lists_pending_offers_oldest_first_with_their_finding_counts(client):
    now = timezone.now()
    old = pending_offer(title="Vendeur", description=CLEAN_DESCRIPTION + "<p>Bonne présentation.</p>")
    recent = pending_offer(title="Cuisinier H/F")
    Offer.objects.filter(pk=old.pk).update(submitted_at=now - datetime.timedelta(days=2, hours=3))
    Offer.objects.filter(pk=recent.pk).update(submitted_at=now - datetime.timedelta(minutes=20))
    OfferFactory(published=True, title="Déjà publiée H/F")
    OfferFactory(title="Brouillon H/F")
    client.force_login(ModeratorFactory())
    response = client.get(QUEUE)
    rows = list(response.context["cl"].result_list)
    assert [o.pk for o in rows] == [old.pk, recent.pk]
    assert (rows[0].blocking_count, rows[0].to_check_count) == (1, 1)
    html = response.content.decode()
    assert "2 j 3 h" in html and "20 min" in html
    assert old.company.name in html


def test_the_queue_filters_by_severity_and_company_and_searches(client):
    clean = pending_offer(title="Cuisinier H/F")
    blocking = pending_offer(title="Vendeur")
    to_check = pending_offer(title="Serveur H/F", description=CLEAN_DESCRIPTION + "<p>Bonne présentation.</p>",
                             company=CompanyFactory(name="Boulangerie Cité"))
    client.force_login(ModeratorFactory())

    def listed(params):
        return {o.pk for o in client.get(QUEUE, params).context["cl"].result_list}

    assert listed({"signalements": "bloquant"}) == {blocking.pk}
    assert listed({"signalements": "a_verifier"}) == {to_check.pk}
    assert listed({"signalements": "aucun"}) == {clean.pk}
    assert listed({"company__id__exact": to_check.company_id}) == {to_check.pk}
    assert listed({"q": "cité"}) == {to_check.pk}
    assert listed({"q": "cuisinier"}) == {clean.pk}


def test_the_queue_query_count_does_not_grow_with_the_page(client, django_assert_num_queries):
    client.force_login(ModeratorFactory())
    for _ in range(3):
        pending_offer()
    client.get(QUEUE)  # warm the session and content types
    with django_assert_num_queries(7) as small:  # the session is read from the cache
        client.get(QUEUE)
    for _ in range(12):
        pending_offer()
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(QUEUE)
    assert len(response.context["cl"].result_list) == 15


# ----- the review page --------------------------------------------------------------------------

def test_the_review_page_shows_the_offer_with_findings_highlighted_history_and_actions(client):
    _, offer = owner_offer()
    offer.description = "<p>Profil jeune et dynamique, <strong>25-35 ans</strong>.</p>" + CLEAN_DESCRIPTION
    offer.save()
    earlier = OfferFactory(refused=True, company=offer.company, title="Ancienne offre H/F")
    ModerationDecisionFactory(offer=earlier, refused=True)
    client.force_login(ModeratorFactory())
    html = client.get(review_url(offer)).content.decode()
    assert '<mark class="finding finding-bloquant"' in html
    assert ">jeune et dynamique</mark>" in html
    assert ">25-35 ans</mark></strong>" in html
    assert 'title="Le titre ne comporte pas de mention' in html  # the title is marked too
    assert "0 offre(s) approuvée(s), 1 refusée(s) auparavant." in html
    assert "Ancienne offre H/F" in html
    assert ">Approuver</button>" in html and ">Refuser</button>" in html
    assert "Mention H/F manquante" in html  # the reasons


def test_approving_from_the_review_page(client):
    _, offer = owner_offer()
    client.force_login(ModeratorFactory())
    with committed():
        response = client.post(review_url(offer), {"decision": "approve"}, follow=True)
    assert response.redirect_chain[-1][0] == QUEUE
    assert "est approuvée et publiée" in response.content.decode()
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PUBLISHED
    assert len(mail.outbox) == 1
    decisions_html = client.get(review_url(offer)).content.decode()
    assert "Cette offre a déjà été traitée" in decisions_html
    assert "Approuvée" in decisions_html


def test_refusing_needs_a_reason(client):
    _, offer = owner_offer()
    client.force_login(ModeratorFactory())
    response = client.post(review_url(offer), {"decision": "reject", "reason": "", "text": ""})
    assert response.status_code == 200
    assert "Choisissez le motif du refus." in response.content.decode()
    response = client.post(review_url(offer), {"decision": "reject", "reason": "autre", "text": ""})
    assert "Précisez le motif du refus" in response.content.decode()
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PENDING


def test_refusing_from_the_review_page(client):
    owner, offer = owner_offer()
    client.force_login(ModeratorFactory())
    with committed():
        response = client.post(review_url(offer), {"decision": "reject", "reason": "mention_hf",
                                                   "text": "Ajoutez H/F."})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.REFUSED
    assert offer.refused_reason == "Mention H/F manquante : Ajoutez H/F."
    [email] = mail.outbox
    assert email.to == [owner.email]


def test_a_second_decision_on_the_page_says_it_was_already_decided(client):
    _, offer = owner_offer()
    ModeratorFactory()
    client.force_login(StaffFactory())
    client.post(review_url(offer), {"decision": "approve"})
    response = client.post(review_url(offer), {"decision": "reject", "reason": "doublon"}, follow=True)
    assert "Cette offre a déjà été traitée" in response.content.decode()
    assert ModerationDecision.objects.count() == 1
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PUBLISHED


def test_an_unknown_or_deleted_offer_is_a_404(client):
    client.force_login(ModeratorFactory())
    deleted = OfferFactory(pending=True, deleted=True)
    assert client.get(review_url(deleted)).status_code == 404
    assert client.get(reverse("admin:moderation_offertomoderate_change", args=[999999])).status_code == 404
    assert client.get("/admin/moderation/offertomoderate/abc/change/").status_code in (302, 404)


def test_bulk_approval_of_offers_without_findings(client):
    clean = pending_offer(title="Cuisinier H/F")
    flagged = pending_offer(title="Vendeur")
    client.force_login(ModeratorFactory())
    with committed():
        response = client.post(QUEUE, {"action": "approve_without_findings",
                                       "_selected_action": [clean.pk, flagged.pk]}, follow=True)
    html = response.content.decode()
    assert "1 offre(s) approuvée(s) et publiée(s)." in html
    assert "« Vendeur » n&#x27;a pas été approuvée : des signalements sont à examiner" in html
    assert Offer.objects.get(pk=clean.pk).status == OfferStatus.PUBLISHED
    assert Offer.objects.get(pk=flagged.pk).status == OfferStatus.PENDING


def test_the_admin_index_shows_the_queue_figures_to_moderators(client):
    offer = pending_offer()
    Offer.objects.filter(pk=offer.pk).update(submitted_at=timezone.now() - datetime.timedelta(hours=3, minutes=5))
    ModerationDecisionFactory(submitted_at=timezone.now() - datetime.timedelta(hours=2),
                              decided_at=timezone.now())
    client.force_login(ModeratorFactory())
    html = client.get(reverse("admin:index")).content.decode()
    assert "Offres en attente" in html
    assert "3 h 05 min" in html  # oldest waiting
    assert "2 h 00 min" in html  # median time to decision


def test_the_review_page_query_count_does_not_grow_with_the_company_history(client, django_assert_max_num_queries):
    _, offer = owner_offer()
    client.force_login(ModeratorFactory())
    ModerationDecisionFactory(offer=OfferFactory(published=True, company=offer.company))
    client.get(review_url(offer))
    with django_assert_max_num_queries(30) as few:
        client.get(review_url(offer))
    for _ in range(8):
        ModerationDecisionFactory(offer=OfferFactory(published=True, company=offer.company), refused=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(review_url(offer)).status_code == 200
