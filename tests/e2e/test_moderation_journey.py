import datetime
import re

import pytest
from django.utils import timezone

from offers.enums import OfferStatus
from offers.models import Offer
from tests.companies.factories import recruiter_with_company
from tests.conftest import PASSWORD
from tests.moderation.factories import ModeratorFactory
from tests.moderation.test_services import CLEAN_DESCRIPTION
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db(transaction=True)


def admin_login(page, base_url, email):
    page.goto(base_url + "/admin/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.get_by_text("Modération des offres").wait_for()


def open_oldest_pending_offer(page, base_url):
    page.goto(base_url + "/admin/moderation/offertomoderate/")
    page.locator("#result_list tbody tr").first.locator("th a, td a").first.click()
    page.get_by_role("heading", name="Modérer l'offre").wait_for()


def test_moderator_refuses_recruiter_fixes_moderator_approves_offer_is_public(browser, page, live_server):
    recruiter, company = recruiter_with_company()
    now = timezone.now()
    offer = OfferFactory(pending=True, company=company, author=recruiter, submitted_by=recruiter, title="Vendeur",
                         description=CLEAN_DESCRIPTION, submitted_at=now - datetime.timedelta(days=2))
    OfferFactory(pending=True, title="Cuisinier H/F", description=CLEAN_DESCRIPTION,
                 submitted_at=now - datetime.timedelta(hours=1))
    moderator = ModeratorFactory(email="nadia.roux@exemple.fr")
    base = live_server.url

    # the moderator refuses the oldest pending offer with a reason
    admin_login(page, base, moderator.email)
    open_oldest_pending_offer(page, base)
    page.get_by_text("Le titre ne comporte pas de mention").first.wait_for()
    page.get_by_label(re.compile(r"^Motif du refus")).select_option(label="Mention H/F manquante")
    page.get_by_label(re.compile(r"^Précisions pour le recruteur")).fill("Ajoutez « H/F » au titre.")
    page.get_by_role("button", name="Refuser").click()
    page.get_by_text("est refusée ; le recruteur est prévenu").wait_for()
    offer.refresh_from_db()
    assert offer.status == OfferStatus.REFUSED

    # the recruiter sees « Refusée » and the reason in « Mes offres », fixes the title and submits again
    recruiter_context = browser.new_context(locale="fr-FR")
    recruiter_page = recruiter_context.new_page()
    recruiter_page.set_default_timeout(15_000)
    recruiter_page.goto(base + "/compte/login/")
    recruiter_page.get_by_label(re.compile(r"^Votre e-mail")).fill(recruiter.email)
    recruiter_page.get_by_label(re.compile(r"^Mot de passe")).fill(PASSWORD)
    recruiter_page.get_by_role("button", name="Se connecter").click()
    recruiter_page.get_by_role("heading", name="Mon espace recruteur").wait_for()
    recruiter_page.goto(base + "/espace-recruteur/offres/")
    row = recruiter_page.locator(".offer-row", has_text="VENDEUR")
    assert row.locator(".status").inner_text() == "Refusée"
    assert "Motif du refus : Mention H/F manquante : Ajoutez « H/F » au titre." in row.inner_text()
    row.get_by_role("link", name=re.compile(r"^Modifier")).click()
    recruiter_page.get_by_label(re.compile(r"^Titre de l'annonce")).fill("Vendeur H/F")
    recruiter_page.get_by_role("button", name="Ajouter l'offre").click()
    recruiter_page.wait_for_load_state()
    offer.refresh_from_db()
    assert (offer.title, offer.status) == ("Vendeur H/F", OfferStatus.PENDING)
    recruiter_context.close()

    # the moderator approves the corrected offer
    page.goto(base + f"/admin/moderation/offertomoderate/{offer.pk}/change/")
    page.get_by_text("Aucun signalement.").wait_for()
    page.get_by_role("button", name="Approuver").click()
    page.get_by_text("est approuvée et publiée").wait_for()

    # it is public
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED
    public = browser.new_context(locale="fr-FR").new_page()
    public.goto(base + f"/offres/{offer.slug}-{offer.pk}/")
    public.get_by_role("heading", name="Vendeur H/F").wait_for()
    assert Offer.objects.get(pk=offer.pk).is_public
