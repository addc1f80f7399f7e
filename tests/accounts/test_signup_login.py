import re
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.enums import UserKind
from accounts.models import User
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.conftest import PASSWORD, committed

pytestmark = pytest.mark.django_db


def signup(client, kind="recruiter", **overrides):
    data = {
        "kind": kind,
        "last_name": "Martin",
        "first_name": "Claire",
        "job_title": "Chargée de recrutement" if kind == "recruiter" else "",
        "email": "claire.martin@exemple.fr",
        "password1": PASSWORD,
    }
    data.update(overrides)
    with committed():
        return client.post(reverse("account_signup"), data)


def test_home_page_offers_signup_and_login_at_the_top(client):
    html = client.get(reverse("home")).content.decode()
    assert "S&#x27;inscrire" in html or "S'inscrire" in html
    assert "Se connecter" in html
    assert "Terre d&#x27;Emplois" in html or "Terre d'Emplois" in html


def test_signup_page_has_two_tabs_and_says_starred_fields_are_required(client):
    html = client.get(reverse("account_signup") + "?type=recruiter").content.decode()
    assert "CANDIDAT" in html and "RECRUTEUR" in html
    assert "Les champs avec une étoile doivent être remplis" in html
    assert "Poste occupé" in html
    assert "Connectez-vous !" in html


def test_candidate_tab_does_not_ask_for_a_job_title(client):
    html = client.get(reverse("account_signup") + "?type=candidate").content.decode()
    assert "Poste occupé" not in html


def test_recruiter_signup_creates_recruiter_with_profile_and_sends_verification_link(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="claire.martin@exemple.fr")
    assert user.kind == UserKind.RECRUITER
    assert (user.last_name, user.first_name) == ("Martin", "Claire")
    assert user.recruiter_profile.job_title == "Chargée de recrutement"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert re.search(r"/compte/confirm-email/[^\s]+/", mail.outbox[0].body)


def test_recruiter_signup_requires_job_title(client):
    response = signup(client, job_title="")
    assert response.status_code == 200
    assert "Indiquez le poste que vous occupez." in response.content.decode()
    assert not User.objects.exists()


def test_candidate_signup_creates_candidate_without_recruiter_profile(client):
    signup(client, kind="candidate")
    user = User.objects.get()
    assert user.kind == UserKind.CANDIDATE
    assert not hasattr(user, "recruiter_profile")


@pytest.mark.parametrize("password", ["abc12", "12345678", "motdepasse"])
def test_weak_passwords_are_refused(client, password):
    response = signup(client, password1=password)
    assert response.status_code == 200
    assert not User.objects.exists()


def test_signup_form_states_the_password_rule(client):
    assert "8 caractères minimum" in client.get(reverse("account_signup")).content.decode()


def test_unverified_user_cannot_log_in(client):
    signup(client)
    response = client.post(reverse("account_login"), {"login": "claire.martin@exemple.fr", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_following_the_verification_link_then_logging_in_lands_recruiter_on_dashboard(client):
    signup(client)
    link = re.search(r"(/compte/confirm-email/[^\s]+/)", mail.outbox[0].body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(email="claire.martin@exemple.fr").verified
    response = client.post(reverse("account_login"), {"login": "claire.martin@exemple.fr", "password": PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:dashboard")
    assert "Mon espace recruteur" in response.content.decode()


def test_candidate_lands_on_candidate_space(client):
    CandidateFactory(email="paul@exemple.fr")
    response = client.post(reverse("account_login"), {"login": "paul@exemple.fr", "password": PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:candidate_space")


def test_moderator_lands_on_admin(client):
    StaffFactory(email="modo@exemple.fr")
    response = client.post(reverse("account_login"), {"login": "modo@exemple.fr", "password": PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")


def test_login_is_rate_limited_after_repeated_failures(client):
    RecruiterFactory(email="cible@exemple.fr")
    for _ in range(6):
        client.post(reverse("account_login"), {"login": "cible@exemple.fr", "password": "mauvais"})
    response = client.post(reverse("account_login"), {"login": "cible@exemple.fr", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives" in response.content.decode()


def test_logout_requires_post_and_returns_home(client):
    user = RecruiterFactory()
    client.force_login(user)
    client.get(reverse("account_logout"))
    assert "_auth_user_id" in client.session
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session


def test_logout_is_csrf_protected(client):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(RecruiterFactory())
    assert csrf_client.post(reverse("account_logout")).status_code == 403


@pytest.mark.django_db
def test_the_login_page_offers_forgot_password_once(client):
    html = client.get(reverse("account_login")).content.decode()
    assert html.count("Mot de passe oublié") == 1


def test_a_visitor_sent_to_log_in_who_signs_up_instead_comes_back_to_the_page_asked_after_confirming(client):
    asked = reverse("offers:job_alerts")
    login_page = client.get(asked, follow=True)
    assert f'href="{reverse("account_signup")}?next={quote(asked, safe="")}"' in login_page.content.decode()
    assert signup(client, kind="candidate", next=asked).status_code == 302  # the link's form sends ``next``
    client.post(re.search(r"(/compte/confirm-email/[^\s]+/)", mail.outbox[0].body).group(1))
    back = client.post(reverse("account_login"), {"login": "claire.martin@exemple.fr", "password": PASSWORD},
                       follow=True)
    assert back.redirect_chain[-1][0] == asked


def test_a_sign_up_never_keeps_a_way_back_to_another_site(client):
    signup(client, kind="candidate", next="https://evil.example/")
    client.post(re.search(r"(/compte/confirm-email/[^\s]+/)", mail.outbox[0].body).group(1))
    back = client.post(reverse("account_login"), {"login": "claire.martin@exemple.fr", "password": PASSWORD},
                       follow=True)
    assert back.redirect_chain[-1][0] == reverse("accounts:candidate_space")
