"""Applying to an offer (« Postuler »), the recruiter's « Candidatures » and the candidate's « Mes candidatures »."""

import itertools
import re

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.views import RESUME_SESSION_KEY
from cvtheque.cvs import extraction
from offers.enums import ApplicationStatus, RefusalReason
from offers.models import TRANSITION_SOURCES, Application, InvalidTransition
from offers.services import change_application_status, refuse_applications
from tests.accounts.factories import CandidateFactory, StaffFactory
from tests.companies.factories import recruiter_with_company
from tests.conftest import PASSWORD, committed
from tests.cvtheque.factories import CVFactory

from .factories import ApplicationFactory, OfferFactory

pytestmark = pytest.mark.django_db

PDF = extraction.make_pdf(["Serveuse en brasserie, deux saisons"])


def pdf_upload(name="mon cv.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def apply_url(offer):
    return reverse("cvtheque:apply", args=[offer.pk])


def public_url(offer):
    return reverse("offers:public_detail", args=[offer.slug, offer.pk])


# ----- applying ----------------------------------------------------------------------------------


def test_a_candidate_applies_with_their_cvtheque_cv_and_both_sides_are_emailed(client):
    recruiter, company = recruiter_with_company(name="Brasserie du Canal")
    offer = OfferFactory(published=True, company=company, title="Serveur H/F")
    candidate = CandidateFactory(first_name="Léa", last_name="Martin")
    cv = CVFactory(owner=candidate, headline="Serveuse confirmée", skills="Service en salle, bar")
    cv.document.save("cv.pdf", ContentFile(PDF), save=False)
    cv.document_name = "Léa CV.pdf"
    cv.save()
    client.force_login(candidate)
    assert "Mon CV de la CVthèque" in client.get(apply_url(offer)).content.decode()
    with committed():
        response = client.post(apply_url(offer), {"source": "cv", "message": "Deux saisons en brasserie."},
                               follow=True)
    assert response.redirect_chain[-1][0] == reverse("cvtheque:applied", args=[offer.pk])
    assert "Votre candidature est envoyée" in response.content.decode()
    application = Application.objects.get()
    assert (application.candidate, application.status) == (candidate, ApplicationStatus.NEW)
    assert application.profile["headline"] == "Serveuse confirmée" and "bar" in application.profile["skills"]
    assert application.document.read() == PDF and application.document_name == "Léa CV.pdf"
    assert application.document.name != cv.document.name  # a copy: deleting the CV leaves the application whole
    to_candidate, to_recruiter = sorted(mail.outbox, key=lambda m: m.to[0] != candidate.email)
    assert to_candidate.to == [candidate.email] and "Serveur H/F" in to_candidate.subject
    assert "Brasserie du Canal" in to_candidate.body and "Mes candidatures" in to_candidate.body
    assert "Brasserie du Canal" in to_candidate.alternatives[0].content
    assert to_recruiter.to == ["contact-prive@example.org"] and not to_recruiter.attachments
    link = reverse("offers:application", args=[application.pk])
    assert link in to_recruiter.body and link in to_recruiter.alternatives[0].content
    assert "Léa Martin" in to_recruiter.body


def test_a_candidate_without_cv_applies_with_a_document_checked_like_the_cvtheque(client):
    offer = OfferFactory(published=True)
    candidate = CandidateFactory()
    client.force_login(candidate)
    fake = SimpleUploadedFile("cv.pdf", b"<html>pas un CV</html>")
    response = client.post(apply_url(offer), {"source": "document", "document": fake, "message": "Bonjour"})
    assert response.status_code == 400 and escape(extraction.MSG_WRONG_TYPE) in response.content.decode()
    response = client.post(apply_url(offer), {"source": "document", "message": "Bonjour"})
    assert response.status_code == 400 and "Joignez votre CV" in response.content.decode()
    assert not Application.objects.exists()
    response = client.post(apply_url(offer), {"source": "document", "document": pdf_upload(), "message": "Bonjour"})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.document_type == "application/pdf" and application.document_name == "mon cv.pdf"
    assert application.profile == {}


def test_an_empty_message_is_refused(client):
    offer = OfferFactory(published=True)
    client.force_login(CandidateFactory())
    response = client.post(apply_url(offer), {"source": "document", "document": pdf_upload(), "message": " "})
    assert response.status_code == 400 and not Application.objects.exists()


def test_applying_twice_gives_a_message_not_an_error(client):
    application = ApplicationFactory()
    client.force_login(application.candidate)
    for response in (client.get(apply_url(application.offer), follow=True),
                     client.post(apply_url(application.offer), {"source": "document", "document": pdf_upload(),
                                                                 "message": "Encore moi"}, follow=True)):
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == public_url(application.offer)
        assert escape("Vous avez déjà postulé à cette offre.") in response.content.decode()
    assert Application.objects.count() == 1


def test_applying_to_an_offer_no_longer_online_shows_the_410_page(client):
    client.force_login(CandidateFactory())
    for gone in (OfferFactory(expired=True), OfferFactory(published=True, deleted=True)):
        for response in (client.get(apply_url(gone)), client.post(apply_url(gone), {"message": "Bonjour"})):
            assert response.status_code == 410 and "Cette offre n'est plus disponible" in response.content.decode()
    assert client.get(apply_url(OfferFactory(pending=True))).status_code == 404
    assert not Application.objects.exists()


def test_a_visitor_logs_in_and_finds_their_message_again(client):
    offer = OfferFactory(published=True)
    response = client.post(apply_url(offer), {"message": "Je connais bien le métier."}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    candidate = CandidateFactory()
    client.force_login(candidate)  # as after the login or the sign-up and its e-mail confirmation
    assert client.session[RESUME_SESSION_KEY] == apply_url(offer)
    response = client.get(reverse("accounts:after_login"), follow=True)
    assert response.redirect_chain[-1][0] == apply_url(offer)
    assert "Je connais bien le métier." in response.content.decode()
    client.post(apply_url(offer), {"source": "document", "document": pdf_upload(),
                                   "message": "Je connais bien le métier."})
    assert Application.objects.get().message == "Je connais bien le métier."
    assert "Je connais bien" not in client.get(apply_url(OfferFactory(published=True))).content.decode()


def test_a_visitor_who_chooses_to_sign_up_is_sent_to_the_sign_up_form_with_the_way_back(client):
    offer = OfferFactory(published=True)
    response = client.post(apply_url(offer), {"message": "Bonjour", "then": "signup"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("account_signup") + "?next=" + apply_url(offer)
    assert client.session[RESUME_SESSION_KEY] == apply_url(offer)


def test_a_visitor_signs_up_confirms_logs_in_and_finds_the_filled_form_then_applies(client):
    """« Postuler » as a visitor, the sign-up path end to end with every redirect followed: the message
    written before signing up is in the form after the e-mail confirmation and the first login."""
    offer = OfferFactory(published=True, title="Serveur H/F")
    message = "Deux saisons en brasserie, disponible en juin."
    signup_form = client.post(apply_url(offer), {"message": message, "then": "signup"}, follow=True)
    signup_url = signup_form.redirect_chain[-1][0]
    with committed():
        sent = client.post(signup_url, {"kind": "candidate", "last_name": "Martin", "first_name": "Léa",
                                        "email": "lea@exemple.fr", "password1": PASSWORD}, follow=True)
    assert sent.status_code == 200 and "_auth_user_id" not in client.session
    link = re.search(r"(/compte/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    confirmed = client.post(link, follow=True)
    login_url = confirmed.redirect_chain[-1][0]
    assert login_url.startswith(reverse("account_login"))
    back = client.post(login_url, {"login": "lea@exemple.fr", "password": PASSWORD}, follow=True)
    assert back.redirect_chain[-1][0] == apply_url(offer)
    assert escape(message) in back.content.decode()
    with committed():
        done = client.post(apply_url(offer), {"source": "document", "document": pdf_upload(), "message": message},
                           follow=True)
    assert done.redirect_chain[-1][0] == reverse("cvtheque:applied", args=[offer.pk])
    application = Application.objects.get(candidate__email="lea@exemple.fr")
    assert application.offer == offer and application.message == message


def test_a_visitor_sent_to_the_login_page_can_sign_up_from_it_and_keep_the_way_back(client):
    offer = OfferFactory(published=True)
    login_page = client.post(apply_url(offer), {"message": "Bonjour", "then": "login"}, follow=True)
    html = login_page.content.decode()
    signup_link = re.search(r'href="(/compte/signup/\?next=[^"]+)"', html).group(1)
    with committed():
        client.post(signup_link.replace("&amp;", "&"), {"kind": "candidate", "last_name": "Martin",
                                                        "first_name": "Paul", "email": "paul@exemple.fr",
                                                        "password1": PASSWORD})
    client.post(re.search(r"(/compte/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1))
    back = client.post(reverse("account_login"), {"login": "paul@exemple.fr", "password": PASSWORD}, follow=True)
    assert back.redirect_chain[-1][0] == apply_url(offer)
    assert "Bonjour" in back.content.decode()


def test_the_resume_address_is_only_a_local_path(client):
    candidate = CandidateFactory()
    client.force_login(candidate)
    session = client.session
    session[RESUME_SESSION_KEY] = "https://evil.example/"
    session.save()
    assert client.get(reverse("accounts:after_login"))["Location"] == reverse("accounts:candidate_space")


# ----- role matrix (every new URL, redirects followed to the final page) ---------------------------

ROLES = ["anonymous", "candidate", "other_candidate", "member", "other_recruiter", "staff"]


@pytest.fixture
def world():
    member, company = recruiter_with_company()
    other_recruiter, _other = recruiter_with_company()
    offer = OfferFactory(published=True, company=company)
    candidate = CandidateFactory(first_name="Zoé", last_name="Candidate")
    application = ApplicationFactory(offer=offer, candidate=candidate)
    application.document.save("cv.pdf", ContentFile(PDF))
    return {"anonymous": None, "candidate": candidate, "other_candidate": CandidateFactory(), "member": member,
            "other_recruiter": other_recruiter, "staff": StaffFactory(), "offer": offer, "application": application}


LOGIN = "login"
WRONG_ROLE = "wrong role"  # a logged-in user of the other kind: the 403 page that says whose page it is
# url name -> {role: (final status, what the final page is)}; what: LOGIN, "self" (the page itself), or a URL name
MATRIX = {
    "offers:applications": dict(anonymous=(200, LOGIN), candidate=(403, WRONG_ROLE), other_candidate=(403, WRONG_ROLE),
                                member=(200, "self"), other_recruiter=(200, "self"), staff=(403, WRONG_ROLE)),
    "offers:offer_applications": dict(anonymous=(200, LOGIN), candidate=(403, WRONG_ROLE),
                                      other_candidate=(403, WRONG_ROLE), member=(200, "self"),
                                      other_recruiter=(404, "self"), staff=(403, WRONG_ROLE)),
    "offers:application": dict(anonymous=(200, LOGIN), candidate=(403, WRONG_ROLE), other_candidate=(403, WRONG_ROLE),
                               member=(200, "self"), other_recruiter=(404, "self"), staff=(403, WRONG_ROLE)),
    "offers:application_document": dict(anonymous=(200, LOGIN), candidate=(403, WRONG_ROLE),
                                        other_candidate=(403, WRONG_ROLE), member=(200, "self"),
                                        other_recruiter=(404, "self"), staff=(403, WRONG_ROLE)),
    "offers:my_applications": dict(anonymous=(200, LOGIN), candidate=(200, "self"), other_candidate=(200, "self"),
                                   member=(403, WRONG_ROLE), other_recruiter=(403, WRONG_ROLE),
                                   staff=(403, WRONG_ROLE)),
    "cvtheque:apply": dict(anonymous=(200, "self"), candidate=(200, "offers:public_detail"),
                           other_candidate=(200, "self"), member=(403, WRONG_ROLE), other_recruiter=(403, WRONG_ROLE),
                           staff=(403, WRONG_ROLE)),
    "cvtheque:applied": dict(anonymous=(200, LOGIN), candidate=(200, "self"), other_candidate=(404, "self"),
                             member=(403, WRONG_ROLE), other_recruiter=(403, WRONG_ROLE), staff=(403, WRONG_ROLE)),
}


def _url(name, world):
    if name in ("offers:application", "offers:application_document"):
        return reverse(name, args=[world["application"].pk])
    if name in ("offers:offer_applications", "cvtheque:apply", "cvtheque:applied"):
        return reverse(name, args=[world["offer"].pk])
    return reverse(name)


@pytest.mark.parametrize(("name", "role"), list(itertools.product(MATRIX, ROLES)))
def test_role_matrix(client, world, name, role):
    if world[role] is not None:
        client.force_login(world[role])
    url = _url(name, world)
    response = client.get(url, follow=True)
    status, what = MATRIX[name][role]
    final = response.redirect_chain[-1][0] if response.redirect_chain else url
    assert response.status_code == status
    if what == LOGIN:
        assert final.startswith(reverse("account_login"))
    elif what == WRONG_ROLE:
        assert final == url and "Me déconnecter et me connecter avec un autre compte" in response.content.decode()
    elif what == "self":
        assert final == url
    else:
        assert final == public_url(world["offer"])
    if response.status_code == 200 and what == "self" and not name.endswith("document"):
        html = response.content.decode()
        # the application shows only to its candidate and the offer's company
        shows = role in ("candidate", "member")
        marker = world["offer"].title if name in ("offers:my_applications", "cvtheque:applied") else "Zoé Candidate"
        if name != "cvtheque:apply":
            assert (marker in html) == shows, (name, role)


def test_the_document_is_served_to_the_members_of_the_offers_company_only(client, world):
    client.force_login(world["member"])
    response = client.get(reverse("offers:application_document", args=[world["application"].pk]))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment") and response["Cache-Control"] == "private, no-store"


def test_only_a_member_opening_the_application_marks_it_seen(client, world):
    application = world["application"]
    for role in ("other_recruiter", "candidate", "staff"):
        client.force_login(world[role])
        client.get(reverse("offers:application", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW
    client.force_login(world["member"])
    html = client.get(reverse("offers:application", args=[application.pk])).content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SEEN and application.status_changed_by == world["member"]
    assert "Statut : <strong>Vue</strong>" in html and escape(application.message) in html


def test_a_recruiter_of_another_company_cannot_change_a_status(client, world):
    client.force_login(world["other_recruiter"])
    url = reverse("offers:application_status", args=[world["application"].pk])
    assert client.post(url, {"status": "interview"}).status_code == 404
    response = client.post(reverse("offers:applications_refuse"),
                           {"selection": [world["application"].pk], "reason": "position_filled"}, follow=True)
    assert "Aucune candidature refusée" in response.content.decode()
    world["application"].refresh_from_db()
    assert world["application"].status == ApplicationStatus.NEW and not mail.outbox


# ----- transitions ---------------------------------------------------------------------------------

ALL_TARGETS = [ApplicationStatus.SEEN, ApplicationStatus.SHORTLISTED, ApplicationStatus.INTERVIEW,
               ApplicationStatus.REFUSED, ApplicationStatus.HIRED]
METHODS = {
    ApplicationStatus.SEEN: lambda a, by: a.mark_seen(by=by),
    ApplicationStatus.SHORTLISTED: lambda a, by: a.shortlist(by=by),
    ApplicationStatus.INTERVIEW: lambda a, by: a.invite_to_interview(by=by),
    ApplicationStatus.REFUSED: lambda a, by: a.refuse(by=by, reason=RefusalReason.POSITION_FILLED),
    ApplicationStatus.HIRED: lambda a, by: a.hire(by=by),
}


@pytest.mark.parametrize(("source", "target"), list(itertools.product(ApplicationStatus, ALL_TARGETS)))
def test_every_transition_legal_or_refused(source, target):
    application = ApplicationFactory(status=source)
    legal = source in TRANSITION_SOURCES[target]
    if legal:
        METHODS[target](application, None)
        application.refresh_from_db()
        assert application.status == target and application.status_changed_at is not None
    else:
        with pytest.raises(InvalidTransition):
            METHODS[target](application, None)
        application.refresh_from_db()
        assert application.status == source


def test_the_final_statuses_allow_nothing_and_a_new_one_skips_seen_in_the_choices():
    assert ApplicationFactory(status=ApplicationStatus.REFUSED).allowed_statuses() == []
    assert ApplicationFactory(status=ApplicationStatus.HIRED).allowed_statuses() == []
    assert ApplicationStatus.SEEN not in ApplicationFactory().allowed_statuses()


def test_a_refusal_needs_a_reason_and_a_text_for_other():
    application = ApplicationFactory(status=ApplicationStatus.SEEN)
    for reason, text in (("", ""), ("n'importe", ""), (RefusalReason.OTHER, "  ")):
        with pytest.raises(InvalidTransition):
            application.refuse(by=None, reason=reason, text=text)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SEEN
    application.refuse(by=None, reason=RefusalReason.OTHER, text="Nous recrutons en interne")
    application.refresh_from_db()
    assert (application.refusal_reason, application.refusal_text) == ("other", "Nous recrutons en interne")


# ----- e-mails to the candidate --------------------------------------------------------------------


def test_the_candidate_is_emailed_on_interview_with_a_kind_text():
    application = ApplicationFactory(status=ApplicationStatus.SEEN, offer__company__name="Boulangerie Martin")
    with committed():
        change_application_status(application, ApplicationStatus.INTERVIEW, by=None)
    (email,) = mail.outbox
    assert email.to == [application.candidate.email] and "Boulangerie Martin" in email.subject
    assert "entretien" in email.body and "entretien" in email.alternatives[0].content


@pytest.mark.parametrize(("reason", "shown"),
                         [(RefusalReason.POSITION_FILLED, "Poste pourvu"), (RefusalReason.OTHER, None)])
def test_the_candidate_is_emailed_on_refusal_with_the_reason_unless_other(reason, shown):
    application = ApplicationFactory(status=ApplicationStatus.SEEN)
    with committed():
        change_application_status(application, ApplicationStatus.REFUSED, by=None, reason=reason,
                                  text="Texte interne au recruteur")
    (email,) = mail.outbox
    assert "ne peut malheureusement pas" in email.body and "Texte interne" not in email.body
    assert "Texte interne" not in email.alternatives[0].content
    if shown:
        assert shown in email.body and shown in email.alternatives[0].content
    else:
        assert "Motif indiqué" not in email.body


@pytest.mark.parametrize("status", [ApplicationStatus.SHORTLISTED, ApplicationStatus.HIRED])
def test_no_email_on_the_other_statuses(status):
    application = ApplicationFactory(status=ApplicationStatus.INTERVIEW)
    with committed():
        change_application_status(application, status, by=None)
    assert not mail.outbox


def test_the_recruiter_sets_interview_from_the_application_page_and_the_candidate_sees_it(client, world):
    client.force_login(world["member"])
    application = world["application"]
    client.get(reverse("offers:application", args=[application.pk]))
    with committed():
        response = client.post(reverse("offers:application_status", args=[application.pk]),
                               {"status": "interview"}, follow=True)
    assert "La candidature est maintenant « Entretien »." in response.content.decode()
    response = client.post(reverse("offers:application_status", args=[application.pk]),
                           {"status": "refused", "reason": "other"}, follow=True)
    assert "Choisissez le motif du refus" in response.content.decode()
    client.force_login(world["candidate"])
    html = client.get(reverse("offers:my_applications")).content.decode()
    assert "Entretien" in html and len(mail.outbox) == 1


# ----- lists: counts, bulk refusal, fixed query counts ------------------------------------------------


def _queries(client, method, url, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    assert response.status_code in (200, 302)
    return len(queries)


def test_my_offers_lines_count_the_applications_and_the_new_ones(client):
    member, company = recruiter_with_company()
    offer = OfferFactory(published=True, company=company)
    ApplicationFactory(offer=offer)
    ApplicationFactory.create_batch(2, offer=offer, status=ApplicationStatus.SEEN)
    client.force_login(member)
    html = client.get(reverse("offers:mine")).content.decode()
    assert "3 candidatures (1 nouvelle)" in html
    html = client.get(reverse("offers:detail", args=[offer.pk])).content.decode()
    assert "3 candidatures (1 nouvelle)" in html
    html = client.get(reverse("offers:applications")).content.decode()
    assert "Nouvelle (1)" in html and "Vue (2)" in html and "Toutes (3)" in html
    few = _queries(client, "get", reverse("offers:mine"))
    for _ in range(3):
        ApplicationFactory(offer=OfferFactory(published=True, company=company))
    assert _queries(client, "get", reverse("offers:mine")) == few


def test_the_lists_of_applications_take_a_fixed_number_of_queries(client, django_assert_num_queries):
    member, company = recruiter_with_company()
    candidate = CandidateFactory()
    offer = OfferFactory(published=True, company=company)
    ApplicationFactory(offer=offer, candidate=candidate)
    pages = [(member, reverse("offers:applications")),
             (member, reverse("offers:offer_applications", args=[offer.pk])),
             (candidate, reverse("offers:my_applications"))]
    few = []
    for user, url in pages:
        client.force_login(user)
        _queries(client, "get", url)
        few.append(_queries(client, "get", url))
    for _ in range(4):  # more applications of the candidate, to the offer, and to the company's other offers
        ApplicationFactory(offer=OfferFactory(published=True, company=company), candidate=candidate)
        ApplicationFactory(offer=offer)
    for (user, url), n in zip(pages, few, strict=True):
        client.force_login(user)
        with django_assert_num_queries(n):
            assert client.get(url).status_code == 200


def test_my_applications_newest_first_with_expired_offers_and_the_refusal_reason(client):
    candidate = CandidateFactory()
    old = ApplicationFactory(candidate=candidate, offer__title="Offre ancienne")
    old.offer.expire()
    ApplicationFactory(candidate=candidate, offer__title="Offre récente", status=ApplicationStatus.REFUSED,
                       refusal_reason=RefusalReason.INCOMPLETE)
    client.force_login(candidate)
    html = client.get(reverse("offers:my_applications")).content.decode()
    assert html.index("Offre récente") < html.index("Offre ancienne")
    assert "Offre expirée" in html and "Candidature incomplète" in html and "Refusée" in html


def test_bulk_refusal_refuses_the_open_selected_applications_with_fixed_queries(client):
    member, company = recruiter_with_company()
    offer = OfferFactory(published=True, company=company)
    first = ApplicationFactory.create_batch(2, offer=offer)
    hired = ApplicationFactory(offer=offer, status=ApplicationStatus.HIRED)
    elsewhere = ApplicationFactory()
    client.force_login(member)
    data = {"selection": [a.pk for a in [*first, hired, elsewhere]], "reason": "position_filled",
            "next": reverse("offers:offer_applications", args=[offer.pk])}
    with committed():
        response = client.post(reverse("offers:applications_refuse"), data, follow=True)
    assert "2 candidatures refusées." in response.content.decode()
    assert response.redirect_chain[-1][0] == data["next"]
    assert {a.status for a in Application.objects.filter(pk__in=[a.pk for a in first])} == {"refused"}
    hired.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (hired.status, elsewhere.status) == ("hired", "new")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.candidate.email for a in first)
    two = ApplicationFactory.create_batch(2, offer=offer)
    five = ApplicationFactory.create_batch(5, offer=offer)
    with CaptureQueriesContext(connection) as few:
        refuse_applications(Application.objects.filter(pk__in=[a.pk for a in two]), member, "incomplete")
    with CaptureQueriesContext(connection) as many:
        refuse_applications(Application.objects.filter(pk__in=[a.pk for a in five]), member, "incomplete")
    assert len(few) == len(many)


def test_bulk_refusal_needs_a_selection_and_a_reason(client):
    member, company = recruiter_with_company()
    application = ApplicationFactory(offer__company=company)
    client.force_login(member)
    response = client.post(reverse("offers:applications_refuse"), {"reason": "position_filled"}, follow=True)
    assert "Sélectionnez au moins une candidature." in response.content.decode()
    response = client.post(reverse("offers:applications_refuse"), {"selection": [application.pk], "reason": "other"},
                           follow=True)
    assert "Choisissez le motif du refus" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW


def test_deleting_an_application_deletes_its_document():
    application = ApplicationFactory()
    application.document.save("cv.pdf", ContentFile(PDF))
    storage, name = application.document.storage, application.document.name
    assert storage.exists(name)
    application.delete()
    assert not storage.exists(name)


POST_URLS = ["offers:application_status", "offers:applications_refuse"]
# role -> (final status, final page, the application changed)
POST_MATRIX = dict(anonymous=(200, LOGIN, False), candidate=(403, WRONG_ROLE, False),
                   other_candidate=(403, WRONG_ROLE, False), member=(200, "back", True),
                   other_recruiter=(None, "back", False), staff=(403, WRONG_ROLE, False))


@pytest.mark.parametrize(("name", "role"), list(itertools.product(POST_URLS, ROLES)))
def test_role_matrix_of_the_status_changes(client, world, name, role):
    application = world["application"]
    if world[role] is not None:
        client.force_login(world[role])
    if name == "offers:application_status":
        url, data = reverse(name, args=[application.pk]), {"status": "refused", "reason": "position_filled"}
        back = reverse("offers:application", args=[application.pk])
    else:
        url, data = reverse(name), {"selection": [application.pk], "reason": "position_filled"}
        back = reverse("offers:applications")
    response = client.post(url, data, follow=True)
    status, what, changed = POST_MATRIX[role]
    final = response.redirect_chain[-1][0] if response.redirect_chain else url
    if role == "other_recruiter":  # a 404 for one application; nothing refused for a selection
        assert response.status_code == (404 if name == "offers:application_status" else 200)
    else:
        assert response.status_code == status
        if what == LOGIN:
            assert final.startswith(reverse("account_login"))
        elif what == WRONG_ROLE:
            assert final == url and "Me déconnecter et me connecter avec un autre compte" in response.content.decode()
        else:
            assert final == back
    application.refresh_from_db()
    assert (application.status == ApplicationStatus.REFUSED) == changed


def test_the_candidate_menu_lists_the_pages_that_exist_and_my_cv_shows_its_document(client):
    candidate = CandidateFactory()
    cv = CVFactory(owner=candidate)
    cv.document.save("cv.pdf", ContentFile(PDF), save=False)
    cv.document_name = "Mon CV 2026.pdf"
    cv.save()
    client.force_login(candidate)
    html = client.get(reverse("cvtheque:my_cv")).content.decode()
    start = html.index('aria-label="Menu de l\'espace candidat"')
    menu = html[start:html.index("</nav>", start)]
    for label in ("Mon CV", "Mes candidatures", "Qui a consulté mon CV", "Mes paramètres", "Me déconnecter"):
        assert label in menu
    assert 'aria-current="page">Mon CV<' in menu
    assert f'href="{reverse("cvtheque:cv_document", args=[cv.pk])}"' in html and "Mon CV 2026.pdf" in html
    assert re.search(r"\(\d[\d,]*\s(octets|Ko), envoyé le " + timezone.localdate().strftime("%d/%m/%Y"), html)


# ----- staff: the applications in the admin, read only; never the recruiter's pages ----------------------

ADMIN_DOCUMENT = "admin:offers_application_document"


@pytest.mark.parametrize("role", ROLES)
def test_the_admins_document_download_is_for_staff_only(client, world, role):
    """The role matrix of the admin's document download (redirects followed): staff get the file as an
    attachment, never rendered; anyone else ends on the admin's login page, without it."""
    if world[role] is not None:
        client.force_login(world[role])
    response = client.get(reverse(ADMIN_DOCUMENT, args=[world["application"].pk]), follow=True)
    if role == "staff":
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")
        assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
        assert response["Content-Security-Policy"] == "sandbox"
    else:
        assert response.redirect_chain[-1][0].startswith(reverse("admin:login"))
        assert PDF not in response.content


def test_a_moderator_reads_an_application_in_the_admin_but_changes_nothing(client, world):
    """The decision for staff: read only in the admin (statuses are the recruiter's, with their e-mails),
    the document through the admin's own download; the recruiter's « Candidatures » pages answer them
    with the wrong-role page (the role matrix above) and opening the admin page marks nothing seen."""
    application = world["application"]
    client.force_login(world["staff"])
    change_url = reverse("admin:offers_application_change", args=[application.pk])
    html = client.get(change_url).content.decode()
    assert escape(application.message) in html
    assert f'href="{reverse(ADMIN_DOCUMENT, args=[application.pk])}"' in html
    assert "/private/" not in html and application.document.name not in html  # no path to the file itself
    assert client.post(change_url, {"status": "hired", "message": "changé"}).status_code == 403
    assert client.get(reverse("admin:offers_application_add")).status_code == 403
    assert client.post(reverse("admin:offers_application_delete", args=[application.pk]), {"post": "yes"}
                       ).status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW and application.message != "changé"


def test_the_admins_document_download_says_not_found_without_a_document(client, world):
    application = ApplicationFactory(offer=world["offer"], candidate=world["other_candidate"])
    client.force_login(world["staff"])
    assert client.get(reverse(ADMIN_DOCUMENT, args=[application.pk])).status_code == 404
