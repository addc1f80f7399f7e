"""The admin reads as French: one section per app, readable labels instead of internal codes."""

import re

import pytest
from django.urls import reverse

from mailing.services import queue_rendered
from tests.accounts.factories import StaffFactory

pytestmark = pytest.mark.django_db

CODE = re.compile(r">\s*[a-z]+(?:_[a-z]+)+\s*<")  # a snake_case code as the whole text of an element


def test_the_admin_index_has_one_section_per_app_and_no_code(client):
    client.force_login(StaffFactory())
    html = client.get(reverse("admin:index")).content.decode()
    sections = re.findall(r'<caption>\s*<a [^>]*class="section"[^>]*>([^<]+)</a>', html)
    assert len(sections) == len(set(sections)), sections
    assert sections.count("Comptes") == 1
    assert not CODE.findall(html)


def test_the_emails_list_shows_readable_reasons(client):
    queue_rendered("a@exemple.fr", "Sujet", "Texte", reason="moderation_decision")
    queue_rendered("b@exemple.fr", "Sujet", "Texte", reason="offer_support_request")
    queue_rendered("c@exemple.fr", "Sujet", "Texte", reason="allauth:password_reset_key")
    client.force_login(StaffFactory())
    html = client.get(reverse("admin:mailing_outgoingemail_changelist")).content.decode()
    for label in ("Décision de modération", "Demande d&#x27;accompagnement",
                  "Compte : réinitialisation du mot de passe"):
        assert label in html
    assert not CODE.findall(html)
    assert "moderation_decision<" not in html and "offer_support_request<" not in html


def test_a_users_page_shows_their_email_addresses(client):
    user = StaffFactory(email="modo@exemple.fr")
    client.force_login(user)
    html = client.get(reverse("admin:accounts_user_change", args=[user.pk])).content.decode()
    assert 'value="modo@exemple.fr"' in html and "Adresses e-mail" in html
