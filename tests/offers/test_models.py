import datetime
import re
import threading
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from accounts.services import delete_account
from companies.services import remove_member
from offers.enums import OfferStatus, SalaryPeriod
from offers.models import InvalidTransition, Offer, SupportOrganisation
from offers.services import approve_offer, withdraw_company_offers
from offers.signals import offer_duplicated
from offers.validators import (
    OFFER_LIFETIME_DAYS,
    normalize_french_phone,
    validate_removal_date,
    validate_salary,
)
from tests.accounts.factories import StaffFactory
from tests.companies.factories import CompanyFactory, recruiter_with_company
from tests.conftest import committed

from .factories import OfferFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)


# --- field rules -------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["0612345678", "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78",
                                 "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "0033612345678"])
def test_phone_numbers_in_french_formats_are_normalised(raw):
    assert normalize_french_phone(raw) == "06 12 34 56 78"


def test_overseas_phone_number_is_normalised():
    assert normalize_french_phone("+262 692 12 34 56") == "06 92 12 34 56"


@pytest.mark.parametrize("raw", ["", "12345", "0012345", "06 12 34 56", "+44 20 7946 0958", "00 12 34 56 78",
                                 "06 12 34 56 78 90", "abcdefghij"])
def test_phone_numbers_that_are_not_french_are_refused(raw):
    with pytest.raises(ValidationError) as exc:
        normalize_french_phone(raw)
    assert "numéro de téléphone français" in exc.value.messages[0]


def test_removal_date_must_be_after_today():
    today = datetime.date(2026, 3, 2)
    with pytest.raises(ValidationError, match="postérieure"):
        validate_removal_date(today, today=today)
    with pytest.raises(ValidationError, match="postérieure"):
        validate_removal_date(today - datetime.timedelta(days=1), today=today)
    validate_removal_date(today + datetime.timedelta(days=1), today=today)


def test_removal_date_must_be_within_sixty_days():
    today = datetime.date(2026, 3, 2)
    validate_removal_date(today + datetime.timedelta(days=60), today=today)
    with pytest.raises(ValidationError, match="au plus tard le 01/05/2026"):
        validate_removal_date(today + datetime.timedelta(days=61), today=today)


def test_no_removal_date_is_fine():
    validate_removal_date(None)


@pytest.mark.parametrize("smin,smax,period,message", [
    (None, None, SalaryPeriod.MONTH, "montant"),
    (None, Decimal("2000"), SalaryPeriod.MONTH, "minimum"),
    (Decimal("1900"), None, "", "horaire, mensuel ou annuel"),
    (Decimal("-5"), None, SalaryPeriod.HOUR, "positif"),
    (Decimal("2200"), Decimal("1900"), SalaryPeriod.MONTH, "supérieur ou égal"),
])
def test_incoherent_salaries_are_refused(smin, smax, period, message):
    with pytest.raises(ValidationError, match=message):
        validate_salary(smin, smax, period)


@pytest.mark.parametrize("smin,smax,period", [
    (None, None, ""), (Decimal("1900"), None, SalaryPeriod.MONTH), (Decimal("12"), Decimal("14.5"), SalaryPeriod.HOUR),
])
def test_coherent_salaries_are_accepted(smin, smax, period):
    validate_salary(smin, smax, period)


def test_salary_is_displayed_in_french():
    offer = OfferFactory.build(salary_min=Decimal("1900"), salary_max=Decimal("2200"), salary_period="month")
    assert offer.salary_display == "1\u202f900 € à 2\u202f200 € brut par mois"
    offer = OfferFactory.build(salary_min=Decimal("12.50"), salary_max=None, salary_period="hour")
    assert offer.salary_display == "12,50 € brut de l'heure"


def test_description_is_sanitised_on_save():
    offer = OfferFactory(description='<p onclick="x()">Bonjour<script>alert(1)</script></p><img src=x onerror=y>')
    offer.refresh_from_db()
    assert "script" not in offer.description and "onclick" not in offer.description
    assert "onerror" not in offer.description and "Bonjour" in offer.description


def test_slug_follows_the_title():
    offer = OfferFactory(title="Aide à domicile H/F – Trèbes")
    assert offer.slug == "aide-a-domicile-hf-trebes"


# --- transitions --------------------------------------------------------------------------------

def test_submit_sends_a_complete_draft_to_moderation_and_records_who_and_when():
    user, company = recruiter_with_company()
    offer = OfferFactory(company=company)
    with time_machine.travel(NOW, tick=False):
        offer.submit(by=user)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING
    assert offer.submitted_by == user and offer.submitted_at == NOW


def test_submit_refuses_an_incomplete_draft_and_names_the_missing_fields():
    offer = OfferFactory(metier=None, contact_phone="", contract_type="")
    with pytest.raises(InvalidTransition, match="Métier, Téléphone du contact, Type de contrat"):
        offer.submit(by=None)
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.DRAFT


def test_a_refused_offer_can_be_submitted_again():
    offer = OfferFactory(refused=True)
    offer.submit(by=None)
    assert offer.status == OfferStatus.PENDING


@pytest.mark.parametrize("trait", ["pending", "published", "expired"])
def test_submit_is_impossible_from_other_statuses(trait):
    offer = OfferFactory(**{trait: True})
    with pytest.raises(InvalidTransition):
        offer.submit(by=None)


def test_approve_publishes_for_sixty_days():
    moderator = StaffFactory()
    offer = OfferFactory(pending=True)
    with time_machine.travel(NOW, tick=False):
        offer.approve(by=moderator)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED and offer.approved_by == moderator
    assert offer.published_at == NOW
    assert offer.expires_at == NOW + datetime.timedelta(days=60)


def test_approve_stops_at_the_removal_date_when_earlier():
    offer = OfferFactory(pending=True, removal_date=datetime.date(2026, 3, 20))
    with time_machine.travel(NOW, tick=False):
        offer.approve(by=StaffFactory())
    assert timezone.localtime(offer.expires_at) == timezone.make_aware(datetime.datetime(2026, 3, 20))


@pytest.mark.parametrize("trait", ["draft", "published", "expired", "refused", "deleted"])
def test_approve_and_reject_are_impossible_unless_pending(trait):
    offer = OfferFactory(pending=True, deleted=True) if trait == "deleted" else (
        OfferFactory() if trait == "draft" else OfferFactory(**{trait: True}))
    with pytest.raises(InvalidTransition):
        offer.approve(by=StaffFactory())
    with pytest.raises(InvalidTransition):
        offer.reject(by=StaffFactory(), reason="Non conforme")


def test_approve_emails_the_support_organisation_once_when_asked():
    SupportOrganisation.objects.create(name="Maison de l'emploi", email="sessions@maison-emploi.example")
    offer = OfferFactory(pending=True, wants_support=True, title="Serveur H/F")
    with committed():
        approve_offer(offer, StaffFactory())
    assert [m.to for m in mail.outbox] == [["sessions@maison-emploi.example"]]
    assert "Serveur H/F" in mail.outbox[0].subject
    assert "04 68 12 34 56" in mail.outbox[0].body
    # published again later (expired, republished): the organisation already knows
    offer.refresh_from_db()
    offer.expire()
    offer.republish(by=None)
    with committed():
        approve_offer(offer, StaffFactory())
    assert len(mail.outbox) == 1


def test_approve_does_not_email_anyone_when_support_not_asked():
    offer = OfferFactory(pending=True, wants_support=False)
    with committed():
        approve_offer(offer, StaffFactory())
    assert mail.outbox == []


def test_the_approve_transition_alone_sends_no_email():
    offer = OfferFactory(pending=True, wants_support=True)
    with committed():
        offer.approve(by=StaffFactory())
    assert mail.outbox == []


def test_reject_records_the_reason_and_the_moderator():
    moderator = StaffFactory()
    offer = OfferFactory(pending=True)
    offer.reject(by=moderator, reason="La mention H/F est absente.")
    offer.refresh_from_db()
    assert offer.status == OfferStatus.REFUSED
    assert offer.refused_by == moderator and offer.refused_reason == "La mention H/F est absente."


def test_reject_needs_a_reason():
    offer = OfferFactory(pending=True)
    with pytest.raises(InvalidTransition, match="motif"):
        offer.reject(by=StaffFactory(), reason="  ")


@pytest.mark.django_db(transaction=True)
def test_two_moderators_deciding_at_once_cannot_both_win():
    offer = OfferFactory(pending=True)
    first, second = StaffFactory(), StaffFactory()
    results = {}
    barrier = threading.Barrier(2)

    def decide(name, action):
        try:
            barrier.wait()
            action(Offer.objects.get(pk=offer.pk))
            results[name] = "ok"
        except InvalidTransition:
            results[name] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=("approve", lambda o: o.approve(by=first))),
        threading.Thread(target=decide, args=("reject", lambda o: o.reject(by=second, reason="Doublon"))),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) == ["ok", "refused"]
    offer.refresh_from_db()
    assert offer.status == (OfferStatus.PUBLISHED if results["approve"] == "ok" else OfferStatus.REFUSED)


def test_expire_ends_a_published_offer():
    offer = OfferFactory(published=True)
    offer.expire(now=NOW)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED and offer.expired_at == NOW


@pytest.mark.parametrize("trait", ["draft", "pending", "expired", "refused"])
def test_expire_is_impossible_unless_published(trait):
    offer = OfferFactory() if trait == "draft" else OfferFactory(**{trait: True})
    with pytest.raises(InvalidTransition):
        offer.expire()


def test_republish_sends_an_expired_offer_back_to_moderation():
    user, company = recruiter_with_company()
    offer = OfferFactory(expired=True, company=company, removal_date=datetime.date(2020, 1, 1))
    offer.republish(by=user)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING and offer.submitted_by == user
    assert offer.removal_date is None


@pytest.mark.parametrize("trait", ["draft", "pending", "published", "refused"])
def test_republish_is_impossible_unless_expired(trait):
    offer = OfferFactory() if trait == "draft" else OfferFactory(**{trait: True})
    with pytest.raises(InvalidTransition):
        offer.republish(by=None)


@pytest.mark.parametrize("trait,label", [
    ("draft", "Supprimée (Brouillon)"), ("pending", "Supprimée (En attente de modération)"),
    ("published", "Supprimée (Publiée)"), ("expired", "Supprimée (Expirée)"), ("refused", "Supprimée (Refusée)"),
])
def test_soft_delete_keeps_the_offer_and_shows_its_former_status(trait, label):
    user, company = recruiter_with_company()
    offer = OfferFactory(company=company) if trait == "draft" else OfferFactory(company=company, **{trait: True})
    offer.soft_delete(by=user)
    offer.refresh_from_db()
    assert offer.is_deleted and offer.deleted_by == user
    assert offer.status_label == label
    assert not Offer.objects.published().filter(pk=offer.pk).exists()


def test_a_deleted_offer_cannot_be_deleted_again_nor_change_status():
    offer = OfferFactory(pending=True)
    offer.soft_delete(by=None)
    with pytest.raises(InvalidTransition, match="déjà supprimée"):
        offer.soft_delete(by=None)
    with pytest.raises(InvalidTransition):
        offer.approve(by=StaffFactory())
    with pytest.raises(InvalidTransition):
        offer.submit(by=None)


def test_duplicate_makes_a_new_draft_with_every_field_copied_and_dates_cleared():
    user, company = recruiter_with_company()
    offer = OfferFactory(
        published=True, company=company, salary_min=Decimal("1900"), salary_max=Decimal("2100"),
        salary_period="month", start_date=datetime.date(2026, 4, 1), removal_date=datetime.date(2026, 4, 20),
        is_seasonal=True, wants_support=True,
    )
    copy = offer.duplicate(by=user)
    assert copy.pk != offer.pk and copy.status == OfferStatus.DRAFT and copy.author == user
    for field in ["company_id", "title", "metier_id", "commune_id", "salary_min", "salary_max", "salary_period",
                  "contact_name", "contact_phone", "contact_email", "is_seasonal", "contract_type", "description",
                  "wants_support"]:
        assert getattr(copy, field) == getattr(offer, field), field
    assert copy.start_date is None and copy.removal_date is None
    assert copy.published_at is None and copy.expires_at is None and copy.submitted_at is None


def test_duplicate_tells_the_apps_above_offers_which_offer_was_copied_into_which():
    """``offer_duplicated``: multi-posting gives the copy its source's partner choices (tests/diffusion)."""
    user, company = recruiter_with_company()
    offer = OfferFactory(published=True, company=company)
    heard = []

    def listener(sender, source, copy, by, **kwargs):
        heard.append((source.pk, copy.pk, by, Offer.objects.filter(pk=copy.pk).exists()))

    offer_duplicated.connect(listener, dispatch_uid="test-duplicate-listener")
    try:
        copy = offer.duplicate(by=user)
    finally:
        offer_duplicated.disconnect(dispatch_uid="test-duplicate-listener")
    assert heard == [(offer.pk, copy.pk, user, True)]


# --- editing a published offer: a revision goes through moderation, the approved version stays online ---

def test_a_published_offer_is_edited_through_a_revision_approved_in_place():
    offer = OfferFactory(published=True, title="Serveur H/F")
    published_at, expires_at = offer.published_at, offer.expires_at
    revision = offer.new_revision(by=None)
    revision.title = "Serveur / Serveuse H/F"
    revision.save()
    revision.submit(by=None)
    # the approved version stays online meanwhile
    assert list(Offer.objects.visible_to_public()) == [offer]
    assert Offer.objects.get(pk=offer.pk).title == "Serveur H/F"
    revision.approve(by=StaffFactory())
    offer.refresh_from_db()
    assert offer.title == "Serveur / Serveuse H/F"
    assert offer.published_at == published_at and offer.expires_at == expires_at
    assert offer.open_revision() is None
    assert list(Offer.objects.visible_to_public()) == [offer]


def test_a_refused_revision_leaves_the_online_offer_untouched():
    offer = OfferFactory(published=True, title="Serveur H/F")
    revision = offer.new_revision(by=None)
    revision.title = "Serveur"
    revision.save()
    revision.submit(by=None)
    revision.reject(by=StaffFactory(), reason="La mention H/F est absente.")
    offer.refresh_from_db()
    assert offer.title == "Serveur H/F" and offer.status == OfferStatus.PUBLISHED
    assert offer.open_revision() == revision


def test_republishing_an_expired_offer_folds_in_its_unapproved_changes():
    offer = OfferFactory(published=True, title="Serveur H/F")
    revision = offer.new_revision(by=None)
    revision.title = "Serveur / Serveuse H/F"
    revision.save()
    revision.submit(by=None)
    offer.expire()
    with pytest.raises(InvalidTransition, match="plus en ligne"):
        revision.approve(by=StaffFactory())
    offer.republish(by=None)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING and offer.title == "Serveur / Serveuse H/F"
    revision.refresh_from_db()
    assert revision.is_deleted and offer.open_revision() is None


def test_only_a_published_offer_gets_a_revision():
    with pytest.raises(InvalidTransition):
        OfferFactory(pending=True).new_revision(by=None)


# --- querysets and services -----------------------------------------------------------------------

def test_visible_to_public_excludes_every_offer_not_published():
    visible = OfferFactory(published=True)
    OfferFactory()
    OfferFactory(pending=True)
    OfferFactory(expired=True)
    OfferFactory(refused=True)
    OfferFactory(published=True, deleted=True)
    OfferFactory(published=True, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert list(Offer.objects.visible_to_public()) == [visible]


def test_due_for_expiry():
    due = OfferFactory(published=True, expires_at=NOW - datetime.timedelta(hours=1))
    OfferFactory(published=True, expires_at=NOW + datetime.timedelta(hours=1))
    assert list(Offer.objects.due_for_expiry(NOW)) == [due]


def test_withdraw_company_offers_removes_published_and_pending_ones_only():
    company = CompanyFactory()
    published = OfferFactory(published=True, company=company)
    pending = OfferFactory(pending=True, company=company)
    draft = OfferFactory(company=company)
    other = OfferFactory(published=True)
    assert withdraw_company_offers(company) == 2
    for offer in (published, pending, draft, other):
        offer.refresh_from_db()
    assert published.is_deleted and pending.is_deleted
    assert not draft.is_deleted and not other.is_deleted


def test_a_company_whose_last_member_leaves_has_its_offers_withdrawn():
    user, company = recruiter_with_company()
    offer = OfferFactory(published=True, company=company)
    remove_member(user)
    offer.refresh_from_db()
    assert offer.is_deleted and offer.status_label == "Supprimée (Publiée)"


def test_deleting_the_account_of_the_last_member_withdraws_the_company_offers():
    """accounts → companies → offers through their signals (accounts and companies import nothing above)."""
    user, company = recruiter_with_company()
    offer = OfferFactory(published=True, company=company)
    delete_account(user)
    offer.refresh_from_db()
    assert offer.is_deleted and not company.memberships.exists()


def test_support_organisation_has_defaults_until_staff_set_it():
    assert SupportOrganisation.get().email == SupportOrganisation.DEFAULT_EMAIL
    SupportOrganisation.objects.create(name="Maison de l'emploi", email="a@b.example")
    SupportOrganisation(name="Autre", email="c@d.example").save()
    assert SupportOrganisation.objects.count() == 1 and SupportOrganisation.get().name == "Autre"


# --- what its owner may do: one rule per action, asked by the views and templates --------------------

@pytest.mark.parametrize("traits, can_edit, can_delete, can_republish, has_public_preview", [
    ({}, True, True, False, True),
    ({"pending": True}, True, True, False, True),
    ({"published": True}, True, True, False, False),
    ({"refused": True}, True, True, False, False),
    ({"expired": True}, True, True, True, False),
    ({"expired": True, "deleted": True}, False, False, False, False),
    ({"pending": True, "deleted": True}, False, False, False, False),
])
def test_the_owner_rules_follow_the_status(traits, can_edit, can_delete, can_republish, has_public_preview):
    offer = OfferFactory.build(**traits)
    assert (offer.can_edit, offer.can_delete, offer.can_republish, offer.has_public_preview) == (
        can_edit, can_delete, can_republish, has_public_preview)


def test_republish_and_soft_delete_refuse_what_the_rules_refuse():
    published = OfferFactory(published=True)
    with pytest.raises(InvalidTransition):
        published.republish(by=None)
    deleted = OfferFactory(expired=True, deleted=True)
    assert not deleted.can_republish
    with pytest.raises(InvalidTransition):
        deleted.republish(by=None)
    with pytest.raises(InvalidTransition):
        deleted.soft_delete(by=None)


def test_no_text_writes_the_offer_lifetime_itself():
    """Every page, e-mail, help text and message says the lifetime through OFFER_LIFETIME_DAYS."""
    root = Path(__file__).resolve().parents[2]
    number = str(OFFER_LIFETIME_DAYS)
    written = re.compile(rf"\b{number}\s*(?:jours|days)\b")
    files = [path for folder in ("templates", "accounts", "companies", "offers", "moderation", "terredemplois",
                                 "mailing") for path in (root / folder).rglob("*")
             if path.suffix in {".py", ".html", ".txt"} and "migrations" not in path.parts]
    offenders = [f"{path.relative_to(root)}:{line_number}" for path in files
                 for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if written.search(line)]
    assert files and not offenders, offenders
