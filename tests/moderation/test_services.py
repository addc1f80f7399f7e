import datetime
import threading

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection

from moderation import services
from moderation.checker import check_offer
from moderation.enums import DecisionKind, RejectionReason
from moderation.models import MODERATE_PERMISSION, MODERATORS_GROUP, ModerationDecision, OfferFindings
from offers import hooks
from offers.enums import OfferStatus
from offers.models import Offer
from tests.accounts.factories import RecruiterFactory, StaffFactory
from tests.conftest import committed
from tests.moderation.factories import ModerationDecisionFactory, ModeratorFactory
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db

CLEAN_DESCRIPTION = ("<p>Boulangerie du centre de Carcassonne, nous recherchons une personne pour la vente, la mise "
                     "en place des vitrines et l'accueil de la clientèle, du mardi au samedi.</p>")


def pending_offer(**kwargs):
    kwargs.setdefault("author", RecruiterFactory())
    kwargs.setdefault("description", CLEAN_DESCRIPTION)
    offer = OfferFactory(pending=True, **kwargs)
    offer.submitted_by = offer.author
    offer.save()
    return offer


def test_the_moderators_group_has_the_dedicated_permission():
    group = Group.objects.get(name=MODERATORS_GROUP)
    assert group.permissions.filter(codename="decide_offer", content_type__app_label="moderation").exists()
    assert ModeratorFactory().has_perm(MODERATE_PERMISSION)


def test_who_can_moderate():
    assert services.can_moderate(ModeratorFactory())
    assert services.can_moderate(StaffFactory())  # superuser
    assert not services.can_moderate(ModeratorFactory(moderators_group=False))
    assert not services.can_moderate(RecruiterFactory())
    assert not services.can_moderate(ModeratorFactory(is_active=False))


def test_approve_publishes_records_the_decision_and_emails_the_recruiter():
    offer = pending_offer(title="Vendeur H/F")
    moderator = ModeratorFactory()
    with committed():
        decision = services.approve(offer, moderator)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.expires_at - offer.published_at == datetime.timedelta(days=60)
    assert (decision.decision, decision.moderator, decision.offer) == (DecisionKind.APPROVE, moderator, offer)
    assert decision.submitted_at == offer.submitted_at
    [email] = mail.outbox
    assert email.to == [offer.author.email]
    assert "est publiée" in email.subject
    assert f"/offres/{offer.slug}-{offer.pk}/" in email.body


def test_reject_records_the_reason_and_emails_it_with_a_link_to_edit():
    offer = pending_offer(title="Vendeur")
    with committed():
        decision = services.reject(offer, ModeratorFactory(), RejectionReason.MISSING_GENDER_MENTION,
                                   "Ajoutez « H/F » au titre.")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.REFUSED
    assert offer.refused_reason == "Mention H/F manquante : Ajoutez « H/F » au titre."
    assert decision.reason == RejectionReason.MISSING_GENDER_MENTION
    assert [f["code"] for f in decision.findings] == ["mention_hf_manquante"]
    [email] = mail.outbox
    assert "a été refusée" in email.subject
    assert "Motif du refus : Mention H/F manquante : Ajoutez « H/F » au titre." in email.body
    assert f"/espace-recruteur/offres/{offer.pk}/modifier/" in email.body


@pytest.mark.parametrize(("reason", "text", "message"), [
    ("", "", "Choisissez le motif du refus."),
    ("n-importe-quoi", "x", "Choisissez le motif du refus."),
    (RejectionReason.OTHER, "  ", "Précisez le motif du refus"),
])
def test_reject_needs_a_reason(reason, text, message):
    offer = pending_offer()
    with pytest.raises(services.ModerationError, match=message):
        services.reject(offer, ModeratorFactory(), reason, text)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING
    assert not ModerationDecision.objects.exists()


@pytest.mark.parametrize("make_user", [RecruiterFactory, lambda: ModeratorFactory(moderators_group=False)])
def test_only_moderators_decide(make_user):
    offer = pending_offer()
    with pytest.raises(PermissionDenied):
        services.approve(offer, make_user())
    with pytest.raises(PermissionDenied):
        services.reject(offer, make_user(), RejectionReason.DUPLICATE)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_the_second_moderator_sees_that_the_offer_was_already_decided():
    offer = pending_offer()
    stale_copy = Offer.objects.get(pk=offer.pk)
    first = ModeratorFactory(first_name="Nadia", last_name="Roux")
    with committed():
        services.approve(offer, first)
    with pytest.raises(services.AlreadyDecided, match="Cette offre a déjà été traitée : approuvée par Nadia Roux"):
        services.reject(stale_copy, ModeratorFactory(), RejectionReason.DUPLICATE)
    assert ModerationDecision.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_moderators_deciding_at_the_same_time_cannot_both_win():
    offer = pending_offer()
    moderators = [ModeratorFactory(), ModeratorFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(index):
        try:
            barrier.wait()
            copy = Offer.objects.get(pk=offer.pk)
            if index == 0:
                services.approve(copy, moderators[0])
            else:
                services.reject(copy, moderators[1], RejectionReason.DUPLICATE)
            outcomes.append("won")
        except services.AlreadyDecided as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome == "won" for outcome in outcomes) == [False, True]
    assert any(outcome.startswith("Cette offre a déjà été traitée") for outcome in outcomes)
    assert ModerationDecision.objects.filter(offer_id=offer.pk).count() == 1


def test_bulk_approval_skips_offers_with_findings():
    clean = pending_offer(title="Vendeur H/F")
    flagged = pending_offer(title="Vendeur")
    with committed():
        approved, skipped = services.bulk_approve([clean, flagged], ModeratorFactory())
    assert [d.offer for d in approved] == [clean]
    assert [(o, why) for o, why in skipped] == [(flagged, "des signalements sont à examiner")]
    assert Offer.objects.get(pk=flagged.pk).status == OfferStatus.PENDING
    assert len(mail.outbox) == 1


def test_findings_are_stored_when_an_offer_is_saved_and_refreshed_on_edit():
    offer = pending_offer(title="Vendeur")
    row = OfferFindings.objects.get(offer=offer)
    assert (row.blocking_count, row.to_check_count) == (1, 0)
    offer.title = "Vendeur H/F"
    offer.description = CLEAN_DESCRIPTION + "<p>Bonne présentation exigée.</p>"
    offer.save()
    row.refresh_from_db()
    assert (row.blocking_count, row.to_check_count) == (0, 1)
    assert row.findings[0]["excerpt"] == "Bonne présentation"


def test_a_save_that_does_not_touch_the_wording_does_not_recheck(django_assert_num_queries):
    offer = pending_offer(title="Vendeur H/F")
    with django_assert_num_queries(1):
        offer.save(update_fields=["contact_name"])


def test_recheck_offers_stores_findings_of_pending_and_published_offers_only():
    pending = pending_offer(title="Vendeur")
    published = OfferFactory(published=True, title="Cuisinier")
    draft = OfferFactory(title="Serveur")
    OfferFindings.objects.all().delete()
    assert services.recheck_offers() == (2, 2)
    assert set(OfferFindings.objects.values_list("offer_id", flat=True)) == {pending.pk, published.pk}
    assert draft.pk not in set(OfferFindings.objects.values_list("offer_id", flat=True))


def test_check_offers_without_a_file_rechecks_the_database(capsys):
    from django.core.management import call_command

    pending_offer(title="Vendeur")
    OfferFindings.objects.all().delete()
    call_command("check_offers")
    assert "1 offre(s) re-contrôlée(s), 1 avec au moins un signalement." in capsys.readouterr().out
    assert OfferFindings.objects.count() == 1


def test_queue_figures():
    now = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(now - datetime.timedelta(hours=5), tick=False):
        pending_offer()
    with time_machine.travel(now - datetime.timedelta(hours=1), tick=False):
        pending_offer()
    for hours in (2, 4, 9):
        ModerationDecisionFactory(submitted_at=now - datetime.timedelta(days=1, hours=hours),
                                  decided_at=now - datetime.timedelta(days=1))
    ModerationDecisionFactory(submitted_at=now - datetime.timedelta(days=45),
                              decided_at=now - datetime.timedelta(days=40))  # outside the 30 days
    figures = services.queue_figures(now)
    assert figures["waiting"] == 2
    assert figures["oldest_waiting"] == datetime.timedelta(hours=5)
    assert figures["median_decision"] == datetime.timedelta(hours=4)
    assert figures["decisions_30_days"] == 3


def test_company_history_counts_past_decisions():
    offer = OfferFactory(published=True)
    ModerationDecisionFactory(offer=offer)
    ModerationDecisionFactory(offer=OfferFactory(refused=True, company=offer.company), refused=True)
    ModerationDecisionFactory()  # another company
    history = services.company_history(offer.company_id)
    assert (history["approved"], history["refused"]) == (1, 1)
    assert len(history["latest"]) == 2


def test_moderation_registers_its_wording_checker_for_the_offer_form():
    assert check_offer in hooks._wording_checkers
    assert {f.code for f in hooks.wording_findings("VENDEUR", "<p>Court.</p>")} >= {"titre_majuscules"}
