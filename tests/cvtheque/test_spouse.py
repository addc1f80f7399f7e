"""« Rapprochement de conjoints »: presenting a partner creates a visible spouse CV, e-mails the
partner a signed link (correct, delete, claim); the recruiter follows the status; staff change it."""

import re

import pytest
from django.contrib import admin
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import engines
from django.urls import reverse

from cvtheque.cvs.enums import CVSource
from cvtheque.cvs.extraction import make_pdf
from cvtheque.cvs.models import CV
from cvtheque.referrals.admin import SpouseReferralAdmin
from cvtheque.referrals.enums import ReferralStatus
from cvtheque.referrals.models import SpouseReferral
from cvtheque.referrals.services import partner_token
from tests.accounts.factories import CandidateFactory, StaffFactory
from tests.companies.factories import MembershipFactory, recruiter_with_company
from tests.conftest import committed
from tests.referentials.factories import CommuneFactory, MetierFactory

from .factories import CVFactory, SpouseReferralFactory

pytestmark = pytest.mark.django_db

PDF = make_pdf(["Camille Rey", "Comptable, dix ans d'expérience"])


def form_data(**overrides):
    commune = CommuneFactory(insee="11069", name="Carcassonne", postal_codes=["11000"])
    data = {
        "first_name": "Camille", "last_name": "Rey", "email": "camille.rey@exemple.fr", "phone": "0612345678",
        "headline": "Comptable", "metiers": MetierFactory(name="Comptable", name_feminine="Comptable").name,
        "place": commune.name, "mobility_km": "30", "contract_types": ["cdi", "cdd"], "availability": "1_month",
        "message": "Arrive de Lyon en janvier.", "consent": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def owner():
    return recruiter_with_company()


def test_presenting_a_partner_creates_a_visible_spouse_cv_and_emails_them(client, owner):
    user, company = owner
    client.force_login(user)
    with committed():
        response = client.post(reverse("cvtheque:spouse_referral_create"), {
            **form_data(), "document": SimpleUploadedFile("cv.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302
    referral = SpouseReferral.objects.get()
    cv = referral.cv
    assert cv.source == CVSource.SPOUSE and cv.is_visible and cv.visible_since
    assert (cv.first_name, cv.headline, cv.commune.insee, cv.mobility_km) == ("Camille", "Comptable", "11069", 30)
    assert cv.contract_types == ["cdi", "cdd"] and cv.document
    assert cv.extraction_status in {"pending", "done"}
    assert list(cv.metiers.values_list("name", flat=True)) == ["Comptable"]
    assert referral.presented_by == user and referral.company == company and referral.consent_at
    assert referral.status == ReferralStatus.PRESENTED
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["camille.rey@exemple.fr"]
    assert company.name in mail.outbox[0].subject
    assert re.search(r"/rapprochement-de-conjoints/mon-profil/\S+/", mail.outbox[0].body)


def test_consent_is_required(client, owner):
    user, _ = owner
    client.force_login(user)
    data = form_data()
    del data["consent"]
    response = client.post(reverse("cvtheque:spouse_referral_create"), data)
    assert response.status_code == 400 and not CV.objects.exists()


@pytest.mark.parametrize(("name", "content", "error"), [
    ("cv.pdf", b"MZ\x90\x00 not a pdf", "pas un CV au format PDF, DOCX ou ODT"),
    ("cv.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "dépasse 5 Mo"),
])
def test_bad_documents_are_refused_by_content(client, owner, name, content, error):
    user, _ = owner
    client.force_login(user)
    response = client.post(reverse("cvtheque:spouse_referral_create"),
                           {**form_data(), "document": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and error in response.content.decode()
    assert not CV.objects.exists()


def test_an_unknown_place_is_a_clear_message(client, owner):
    user, _ = owner
    client.force_login(user)
    response = client.post(reverse("cvtheque:spouse_referral_create"), form_data(place="Atlantide"))
    assert response.status_code == 400 and "Aucune commune ne correspond à « Atlantide »" in response.content.decode()


def test_the_recruiter_sees_only_their_referrals_with_their_status(client, owner):
    user, company = owner
    mine = SpouseReferralFactory(company=company, presented_by=user, first_name="Noémie")
    mine.change_status(ReferralStatus.IN_CONTACT, by=StaffFactory())
    colleague = SpouseReferralFactory(company=company, first_name="Bastien")
    SpouseReferralFactory(first_name="Ophélie")
    client.force_login(user)
    page = client.get(reverse("cvtheque:spouse_referrals")).content.decode()
    assert "Noémie" in page and "En contact" in page
    assert "Bastien" not in page and "Ophélie" not in page
    assert "Présenter le conjoint d'une recrue" in page
    assert colleague.presented_by != user


@pytest.mark.parametrize("who", ["anonymous", "candidate", "staff"])
def test_non_recruiters_cannot_use_the_recruiter_pages(client, who):
    if who == "candidate":
        client.force_login(CandidateFactory())
    elif who == "staff":
        client.force_login(StaffFactory())
    for method, url in [("get", reverse("cvtheque:spouse_referrals")),
                        ("get", reverse("cvtheque:spouse_referral_create")),
                        ("post", reverse("cvtheque:spouse_referral_create"))]:
        response = getattr(client, method)(url, form_data() if method == "post" else None)
        if who == "anonymous":
            assert response.status_code == 302 and reverse("account_login") in response["Location"]
        else:
            assert response.status_code == 403
    assert not CV.objects.exists()


def test_status_transitions_are_checked_and_recorded():
    referral = SpouseReferralFactory()
    staff = StaffFactory()
    referral.change_status(ReferralStatus.FOUND_JOB, by=staff)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.FOUND_JOB and referral.status_changed_by == staff
    assert referral.status_changed_at is not None
    with pytest.raises(ValidationError):
        referral.change_status(ReferralStatus.PRESENTED, by=staff)


def test_staff_update_the_status_in_the_admin(client):
    referral = SpouseReferralFactory()
    staff = StaffFactory()
    model_admin = SpouseReferralAdmin(SpouseReferral, admin.site)
    form_class = model_admin.get_form(None, referral)
    form = form_class({"status": ReferralStatus.IN_CONTACT}, instance=referral,
                      initial={"status": ReferralStatus.PRESENTED})
    assert form.is_valid()
    request = type("Request", (), {"user": staff})()
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_CONTACT and referral.status_changed_by == staff


def partner_url(referral):
    return reverse("cvtheque:spouse_partner_profile", args=[partner_token(referral)])


def test_the_partner_corrects_their_profile_without_login(client):
    referral = SpouseReferralFactory()
    url = partner_url(referral)
    assert "Corriger mon profil" in client.get(url).content.decode()
    response = client.post(url, {"action": "correct", "headline": "Comptable unique", "phone": "0600000000",
                                 "mobility_km": "10", "contract_types": ["cdi"], "availability": "immediate"})
    assert response.status_code == 302
    referral.cv.refresh_from_db()
    assert referral.cv.headline == "Comptable unique" and referral.cv.contract_types == ["cdi"]


def test_the_partner_deletes_their_profile(client):
    referral = SpouseReferralFactory()
    cv_pk = referral.cv.pk
    client.post(partner_url(referral), {"action": "delete"})
    assert not CV.objects.filter(pk=cv_pk).exists()
    referral.refresh_from_db()
    assert referral.cv is None
    assert "a été supprimé" in client.get(partner_url(referral)).content.decode()


def test_the_partner_claims_the_profile_with_a_candidate_account(client):
    referral = SpouseReferralFactory()
    candidate = CandidateFactory(email=referral.email)
    url = partner_url(referral)
    client.post(url, {"action": "claim"})
    referral.cv.refresh_from_db()
    assert referral.cv.owner is None  # not logged in: nothing happens
    client.force_login(candidate)
    client.post(url, {"action": "claim"})
    referral.cv.refresh_from_db()
    assert referral.cv.owner == candidate


def test_a_recruiter_cannot_claim_a_partner_profile(client):
    referral = SpouseReferralFactory()
    client.force_login(MembershipFactory().user)
    client.post(partner_url(referral), {"action": "claim"})
    referral.cv.refresh_from_db()
    assert referral.cv.owner is None


def test_a_tampered_partner_link_is_refused(client):
    referral = SpouseReferralFactory()
    token = partner_token(referral)
    forged = token[:-2] + ("xy" if not token.endswith("xy") else "zz")
    url = reverse("cvtheque:spouse_partner_profile", args=[forged])
    assert client.post(url, {"action": "delete"}).status_code == 400
    assert CV.objects.filter(pk=referral.cv.pk).exists()


@pytest.mark.parametrize("size", [1, 6])
def test_referrals_page_query_count_does_not_grow(client, owner, django_assert_num_queries, size):
    user, company = owner
    for _ in range(size):
        SpouseReferralFactory(company=company, presented_by=user)
    client.force_login(user)
    # user, membership, referrals+cv+commune, announcements (first page since the cache was cleared)
    with django_assert_num_queries(4):
        assert client.get(reverse("cvtheque:spouse_referrals")).status_code == 200


def test_the_badge_marks_spouse_cvs_only():
    badge = engines["django"].from_string("{% load cvtheque_lists %}{% spouse_badge cv %}")
    assert "Rapprochement de conjoint" in badge.render({"cv": SpouseReferralFactory().cv})
    assert badge.render({"cv": CVFactory(visible=True)}).strip() == ""
