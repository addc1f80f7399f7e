import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Announcement, User
from companies.enums import MembershipRole, MembershipStatus
from companies.models import Company, Membership
from terredemplois.context_processors import build_menu
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import CompanyFactory, MembershipFactory, recruiter_with_company, valid_siret
from tests.conftest import PASSWORD, committed
from tests.referentials.factories import SectorFactory

pytestmark = pytest.mark.django_db


def settings_data(**overrides):
    data = {
        "last_name": "Durand",
        "first_name": "Sophie",
        "job_title": "Gérante",
        "company_name": "Boulangerie du Canal",
        "siret": "73282932000074",
        "sector": SectorFactory().code,
        "size": "micro",
    }
    data.update(overrides)
    return data


# --- access per role -------------------------------------------------------------------------

RECRUITER_URLS = ["accounts:dashboard", "companies:membership_requests"]


@pytest.mark.parametrize("name", RECRUITER_URLS)
def test_anonymous_is_sent_to_login_from_recruiter_pages(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("name", RECRUITER_URLS)
def test_candidate_cannot_open_recruiter_pages(client, name):
    client.force_login(CandidateFactory())
    response = client.get(reverse(name))
    assert response.status_code == 403 and response.context["reserved_for"] == "recruteurs"


@pytest.mark.parametrize("name", RECRUITER_URLS)
def test_recruiter_opens_recruiter_pages(client, name):
    client.force_login(RecruiterFactory())
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["accounts:settings", "accounts:delete_account", "accounts:after_login"])
def test_account_pages_need_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_recruiter_cannot_open_candidate_space(client):
    client.force_login(RecruiterFactory())
    assert client.get(reverse("accounts:candidate_space")).status_code == 403


def test_staff_without_kind_is_not_a_recruiter(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("accounts:dashboard")).status_code == 403


# --- dashboard and menu ---------------------------------------------------------------------------


def test_menu_lists_only_pages_that_exist_in_the_guide_order():
    labels = [item["label"] for item in build_menu("/espace-recruteur/")]
    guide_order = ["Mon espace emploi", "Ma fiche entreprise", "Offres", "CVthèque",
                   "Rapprochement de conjoints", "Mes paramètres"]
    assert labels == [label for label in guide_order if label in labels]
    assert labels[0] == "Mon espace emploi" and labels[-1] == "Mes paramètres"


def test_dashboard_shows_menu_logout_button_and_current_announcement(client):
    Announcement.objects.create(title="Aides Individuelles pour la formation des salariés", starts_on="2020-01-01")
    Announcement.objects.create(title="Annonce expirée", starts_on="2020-01-01", ends_on="2020-02-01")
    user, _company = recruiter_with_company()
    client.force_login(user)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Mon espace recruteur" in html
    assert "Me déconnecter" in html and "Mes paramètres" in html
    assert "Aides Individuelles pour la formation des salariés" in html
    assert "Annonce expirée" not in html


def test_an_announcement_saved_or_deleted_shows_or_goes_at_once(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user, _company = recruiter_with_company()
    client.force_login(user)
    url = reverse("accounts:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    announcement = Announcement.objects.create(title="Forum emploi du 12 mars", starts_on="2020-01-01")
    with django_assert_num_queries(len(before.captured_queries) + 1):  # read again once, then kept
        assert "Forum emploi du 12 mars" in client.get(url).content.decode()
    with django_assert_num_queries(len(before.captured_queries)):
        assert "Forum emploi du 12 mars" in client.get(url).content.decode()
    announcement.title = "Forum emploi du 19 mars"
    announcement.save()
    assert "Forum emploi du 19 mars" in client.get(url).content.decode()
    announcement.delete()
    assert "Forum emploi" not in client.get(url).content.decode()


def test_dashboard_without_company_invites_to_fill_settings(client):
    client.force_login(RecruiterFactory())
    assert "Compléter mes paramètres" in client.get(reverse("accounts:dashboard")).content.decode()


# --- « Mes paramètres » ------------------------------------------------------------------------------


def test_settings_page_shows_the_guide_fields_and_siret_example(client):
    client.force_login(RecruiterFactory())
    html = client.get(reverse("accounts:settings")).content.decode()
    for label in ["Nom", "Prénom", "Poste occupé", "Société", "Numéro SIRET", "Secteur d&#x27;activité",
                  "Taille de l&#x27;entreprise", "Email", "ex: 73282932000074",
                  "PME : 10 à 249 salariés", "Supprimer mon compte"]:
        assert label in html, label


def test_valid_new_siret_creates_the_company_with_recruiter_as_admin(client):
    user = RecruiterFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:settings"), settings_data(siret="732 829 320 00074"))
    assert response.status_code == 302
    company = Company.objects.get(siret="73282932000074")
    membership = Membership.objects.get(company=company, user=user)
    assert (membership.role, membership.status) == (MembershipRole.ADMIN, MembershipStatus.ACCEPTED)
    user.refresh_from_db()
    assert (user.last_name, user.first_name, user.recruiter_profile.job_title) == ("Durand", "Sophie", "Gérante")


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("7328293200007", "14 chiffres"),
        ("73282932000075", "clé de contrôle"),
        ("7328293200007A", "que des chiffres"),
    ],
)
def test_bad_siret_is_refused_with_a_french_message(client, siret, message):
    client.force_login(RecruiterFactory())
    response = client.post(reverse("accounts:settings"), settings_data(siret=siret))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Company.objects.exists()


def test_siret_of_an_existing_company_creates_a_pending_request_not_access(client):
    admin, company = recruiter_with_company(siret=valid_siret(42))
    newcomer = RecruiterFactory()
    client.force_login(newcomer)
    mail.outbox.clear()
    with committed():
        response = client.post(reverse("accounts:settings"), settings_data(siret=company.siret), follow=True)
    membership = Membership.objects.get(company=company, user=newcomer)
    assert membership.status == MembershipStatus.PENDING
    assert not company.has_member(newcomer)
    assert "demande de rattachement" in response.content.decode()
    assert [m.to for m in mail.outbox] == [[admin.email]]
    company.refresh_from_db()
    assert company.name != "Boulangerie du Canal"


def test_company_admin_accepts_a_request_and_the_newcomer_is_emailed(client):
    admin, company = recruiter_with_company()
    pending = MembershipFactory(company=company, status=MembershipStatus.PENDING, role=MembershipRole.MEMBER)
    client.force_login(admin)
    mail.outbox.clear()
    with committed():
        client.post(reverse("companies:decide_membership", args=[pending.pk, "accepter"]))
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.ACCEPTED and pending.decided_by == admin
    assert mail.outbox[0].to == [pending.user.email] and "accepté" in mail.outbox[0].subject


def test_company_admin_refuses_a_request(client):
    admin, company = recruiter_with_company()
    pending = MembershipFactory(company=company, status=MembershipStatus.PENDING, role=MembershipRole.MEMBER)
    client.force_login(admin)
    client.post(reverse("companies:decide_membership", args=[pending.pk, "refuser"]))
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.REFUSED


def test_recruiter_of_another_company_cannot_decide_a_request(client):
    _admin, company = recruiter_with_company()
    pending = MembershipFactory(company=company, status=MembershipStatus.PENDING, role=MembershipRole.MEMBER)
    outsider, _other = recruiter_with_company()
    client.force_login(outsider)
    response = client.post(reverse("companies:decide_membership", args=[pending.pk, "accepter"]))
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING


def test_plain_member_cannot_decide_a_request(client):
    _admin, company = recruiter_with_company()
    member = MembershipFactory(company=company, role=MembershipRole.MEMBER).user
    pending = MembershipFactory(company=company, status=MembershipStatus.PENDING, role=MembershipRole.MEMBER)
    client.force_login(member)
    assert client.post(reverse("companies:decide_membership", args=[pending.pk, "accepter"])).status_code == 404


def test_decide_membership_is_post_only(client):
    admin, company = recruiter_with_company()
    pending = MembershipFactory(company=company, status=MembershipStatus.PENDING, role=MembershipRole.MEMBER)
    client.force_login(admin)
    assert client.get(reverse("companies:decide_membership", args=[pending.pk, "accepter"])).status_code == 405


def test_company_fields_are_locked_once_attached(client):
    user, company = recruiter_with_company()
    client.force_login(user)
    client.post(reverse("accounts:settings"), settings_data(company_name="Autre nom", siret=valid_siret(7)))
    company.refresh_from_db()
    assert company.name != "Autre nom"
    assert Company.objects.count() == 1


def test_candidate_settings_updates_names(client):
    user = CandidateFactory()
    client.force_login(user)
    client.post(reverse("accounts:settings"), {"last_name": "Nouveau", "first_name": "Nom"})
    user.refresh_from_db()
    assert (user.last_name, user.first_name) == ("Nouveau", "Nom")


# --- account deletion ------------------------------------------------------------------------------------


def test_account_deletion_asks_for_the_password(client):
    user = CandidateFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:delete_account"), {"password": "mauvais"})
    assert response.status_code == 200 and "Mot de passe incorrect." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_account_deletion_erases_the_person_and_logs_out(client):
    user = CandidateFactory(email="efface@exemple.fr")
    client.force_login(user)
    response = client.post(reverse("accounts:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(email="efface@exemple.fr").exists()
    assert "_auth_user_id" not in client.session


def test_deleting_the_last_admin_promotes_another_member(client):
    admin, company = recruiter_with_company()
    member = MembershipFactory(company=company, role=MembershipRole.MEMBER).user
    client.force_login(admin)
    client.post(reverse("accounts:delete_account"), {"password": PASSWORD})
    assert company.is_admin(member)
    assert Company.objects.filter(pk=company.pk).exists()


def test_another_user_cannot_delete_your_account(client):
    victim = RecruiterFactory()
    attacker = RecruiterFactory()
    client.force_login(attacker)
    client.post(reverse("accounts:delete_account"), {"password": PASSWORD})
    assert User.objects.filter(pk=victim.pk).exists()
    assert not User.objects.filter(pk=attacker.pk).exists()


def test_company_required_pages_redirect_to_settings_until_attached(client, rf):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.http import HttpResponse

    from companies.access import company_required

    @company_required
    def page(request):
        return HttpResponse(request.company.name)

    request = rf.get("/x/")
    request.user = RecruiterFactory()
    request.session = client.session
    request._messages = FallbackStorage(request)
    response = page(request)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:settings")

    _ = CompanyFactory
    user, company = recruiter_with_company(name="Cave coopérative")
    request.user = user
    assert page(request).content.decode() == "Cave coopérative"


def test_dashboard_cv_search_block_sends_the_fields_the_cv_search_reads(client):
    from cvtheque.search.forms import CVSearchForm

    user, _company = recruiter_with_company()
    client.force_login(user)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert f'action="{reverse("cvtheque:search")}"' in html
    for name in ("q", "place"):
        assert f'name="{name}"' in html
        assert name in CVSearchForm.base_fields
    assert "Tapez des métiers ou secteurs" in html and "Tapez un lieu" in html and "Rechercher" in html


@pytest.mark.parametrize(("path", "current"), [
    ("/espace-recruteur/", "Mon espace emploi"),
    ("/espace-recruteur/cvtheque/", "Rechercher des CV"),
    ("/espace-recruteur/cvtheque/cv-sauvegardes/3/", "CV sauvegardés"),
    ("/espace-recruteur/cvtheque/historique/", "Historique de recherche"),
    ("/espace-recruteur/offres/publier/", "Publier une offre"),
    ("/espace-recruteur/offres/12/modifier/", "Mes offres"),
    ("/mes-parametres/", "Mes paramètres"),
])
def test_one_menu_entry_is_current(path, current):
    entries = [(item["label"], item["active"]) for item in build_menu(path)]
    entries += [(child["label"], child["active"]) for item in build_menu(path) for child in item["children"]]
    assert [label for label, active in entries if active] == [current]


@pytest.mark.django_db
def test_the_recruiter_menu_marks_one_link_as_the_current_page(client):
    client.force_login(recruiter_with_company()[0])
    html = client.get(reverse("cvtheque:saved_lists")).content.decode()
    for menu in (html[html.index('<details class="narrow-menu">'):html.index("</details>")],  # narrow screens
                 html[html.index('<aside class="space-menu">'):html.index("</aside>")]):  # wide screens
        assert menu.count('aria-current="page"') == 1
        assert 'href="/espace-recruteur/cvtheque/cv-sauvegardes/" aria-current="page"' in menu


@pytest.mark.django_db
def test_recruiter_pages_put_the_content_before_the_announcements_and_skip_to_it(client):
    Announcement.objects.create(title="Aides à la formation", starts_on="2020-01-01")
    client.force_login(recruiter_with_company()[0])
    html = client.get(reverse("offers:mine")).content.decode()
    assert 'class="skip-link" href="#contenu-page"' in html and 'id="contenu-page"' in html
    assert html.index('id="contenu-page"') < html.index("Aides à la formation")
    assert '<details class="narrow-menu">' in html and "<summary>Menu</summary>" in html


@pytest.mark.django_db
def test_a_candidate_has_the_menu_of_a_narrow_screen(client):
    client.force_login(CandidateFactory())
    html = client.get(reverse("accounts:candidate_space")).content.decode()
    narrow = html[html.index('<details class="narrow-menu">'):html.index("</details>")]
    for label in ("Mon espace candidat", "Mon CV", "Mes paramètres", "Me déconnecter"):
        assert label in narrow
