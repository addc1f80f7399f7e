"""Every URL of the site, as every role, redirects followed to the end: the final page is the one a user
expects (the page itself, the login page, « Mes paramètres », or the French 403 page saying whose page
it is), reached in at most 2 hops — never a redirect loop.

The URLs come from the URL resolver (a new URL fails ``test_every_url_has_its_expected_pages`` until it
is given its row in EXPECTED); the objects in them from the factories."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from cvtheque.recruiting.alerts import unsubscribe_token
from cvtheque.referrals.services import partner_token
from cvtheque.retention.services import stay_visible_token
from offers.alerts import create_job_alert
from offers.alerts import unsubscribe_token as job_alert_token
from offers.search import OfferCriteria
from tests.accounts.factories import CandidateFactory, RecruiterFactory, StaffFactory
from tests.companies.factories import CompanyFactory, MembershipFactory
from tests.consistency.project import routes
from tests.cvtheque.factories import CVFactory, CVSearchFactory, SavedCVFactory, SavedListFactory, SpouseReferralFactory
from tests.offers.factories import ApplicationFactory, OfferFactory
from toolkit.beat import record_beat_tick

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "candidate", "recruiter", "recruiter_company", "moderator")
MAX_HOPS = 2

# What each role finally sees: "200 <url name>" (the page reached, after the redirects), "403 <whose>"
# (the wrong-role page), or another status. SELF stands for the URL asked for.
SELF = "self"
LOGIN = "200 account_login"
OK = f"200 {SELF}"
FOR_RECRUITERS = "403 recruteurs"
FOR_CANDIDATES = "403 candidats"
SETTINGS = "200 accounts:settings"
PUBLIC = (OK,) * 5
ANY_USER = (LOGIN, OK, OK, OK, OK)
RECRUITER = (LOGIN, FOR_RECRUITERS, OK, OK, FOR_RECRUITERS)
COMPANY = (LOGIN, FOR_RECRUITERS, SETTINGS, OK, FOR_RECRUITERS)
COMPANY_POST_ONLY = (LOGIN, FOR_RECRUITERS, SETTINGS, "405", FOR_RECRUITERS)
CANDIDATE = (LOGIN, OK, FOR_CANDIDATES, FOR_CANDIDATES, FOR_CANDIDATES)
CANDIDATE_POST_ONLY = (LOGIN, "405", FOR_CANDIDATES, FOR_CANDIDATES, FOR_CANDIDATES)
# Admin pages: staff only; anyone else lands on the admin's own login page.
ADMIN = ("200 admin:login",) * 4 + (OK,)

TO_OWN_SPACE = (OK, "200 accounts:candidate_space", "200 accounts:dashboard", "200 accounts:dashboard",
                "200 admin:index")

EXPECTED = {
    "home": PUBLIC,
    "statistics": ADMIN,  # the staff page « Statistiques », beside the admin
    "health": PUBLIC,  # a beat tick is recorded by the world fixture: everything is up
    # allauth: a logged-in user asking for the login or sign-up page goes to their own space.
    "account_signup": TO_OWN_SPACE,
    "account_login": TO_OWN_SPACE,
    "account_confirm_login_code": (LOGIN,) + TO_OWN_SPACE[1:],
    "account_inactive": PUBLIC,
    "account_reauthenticate": ANY_USER,
    "account_email": ANY_USER,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": ANY_USER,
    "account_set_password": (LOGIN,) + ("200 account_change_password",) * 4,  # they all have a password
    "account_reset_password": PUBLIC,
    "account_confirm_email": PUBLIC,  # an unknown key: the page says the link is invalid
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "accounts:after_login": (LOGIN,) + TO_OWN_SPACE[1:],
    "accounts:candidate_space": CANDIDATE,
    "accounts:delete_account": ANY_USER,
    "accounts:dashboard": RECRUITER,
    "accounts:settings": ANY_USER,
    "companies:membership_requests": RECRUITER,
    "companies:decide_membership": (LOGIN, FOR_RECRUITERS, "405", "405", FOR_RECRUITERS),
    "companies:edit": COMPANY,
    "companies:editor_upload": ("405",) * 5,
    "companies:public_list": PUBLIC,
    "companies:public_detail": PUBLIC,
    "referentials:places": PUBLIC,
    "referentials:metiers": PUBLIC,
    "referentials:sectors": PUBLIC,
    "offers:create": COMPANY,
    "offers:mine": COMPANY,
    "offers:detail": COMPANY,
    "offers:edit": COMPANY,
    "offers:delete": COMPANY,
    "offers:duplicate": COMPANY_POST_ONLY,
    "offers:republish": COMPANY_POST_ONLY,
    "offers:help_writing": PUBLIC,
    "offers:help_sessions": PUBLIC,
    "offers:public_list": PUBLIC,
    "offers:public_detail": PUBLIC,
    "offers:my_applications": CANDIDATE,
    "offers:applications": COMPANY,
    "offers:offer_applications": COMPANY,
    "offers:application": COMPANY,
    "offers:application_document": (LOGIN, FOR_RECRUITERS, SETTINGS, "404", FOR_RECRUITERS),  # no document
    "offers:application_status": COMPANY_POST_ONLY,
    "offers:applications_refuse": COMPANY_POST_ONLY,
    "cvtheque:apply": (OK, OK, FOR_CANDIDATES, FOR_CANDIDATES, FOR_CANDIDATES),
    "offers:job_alerts": CANDIDATE,
    "offers:job_alert_create": CANDIDATE,
    "offers:job_alert_frequency": CANDIDATE_POST_ONLY,
    "offers:job_alert_delete": CANDIDATE_POST_ONLY,
    "offers:job_alert_unsubscribe": PUBLIC,
    "offers:offers_for_you": CANDIDATE,
    "cvtheque:stay_visible": PUBLIC,
    "accounts:my_data": ANY_USER,
    "accounts:my_data_download": ANY_USER,
    "cvtheque:applied": (LOGIN, "404", FOR_CANDIDATES, FOR_CANDIDATES, FOR_CANDIDATES),  # has not applied
    "offers:feed": PUBLIC,
    "cvtheque:search": COMPANY,
    "cvtheque:cv_detail": COMPANY,
    "cvtheque:cv_document": (LOGIN,) + ("404",) * 4,  # a CV without document
    "cvtheque:my_cv": CANDIDATE,
    "cvtheque:my_cv_delete": (LOGIN, "405", FOR_CANDIDATES, FOR_CANDIDATES, FOR_CANDIDATES),
    "cvtheque:saved_lists": COMPANY,
    "cvtheque:saved_list_create": COMPANY_POST_ONLY,
    "cvtheque:saved_list": COMPANY,
    "cvtheque:saved_list_edit": COMPANY,
    "cvtheque:saved_list_delete": COMPANY,
    "cvtheque:saved_cv_remove": COMPANY_POST_ONLY,
    "cvtheque:saved_cv_note": COMPANY_POST_ONLY,
    "cvtheque:save_cv": COMPANY_POST_ONLY,
    "cvtheque:history": COMPANY,
    "cvtheque:search_delete": COMPANY_POST_ONLY,
    "cvtheque:search_star": COMPANY_POST_ONLY,
    "cvtheque:search_unstar": COMPANY_POST_ONLY,
    "cvtheque:search_frequency": COMPANY_POST_ONLY,
    "cvtheque:alert_unsubscribe": PUBLIC,
    "cvtheque:spouse_referrals": COMPANY,
    "cvtheque:spouse_referral_create": COMPANY,
    "cvtheque:spouse_partner_profile": PUBLIC,
}


def expected_row(name: str) -> tuple:
    """The admin's pages follow one rule: staff see them (or a 403 for a model nobody adds by hand),
    anyone else lands on the admin's login page; staff asking for that login page go to the admin."""
    if name == "admin:login":
        return (OK,) * 4 + ("200 admin:index",)
    if name.startswith("admin:"):
        return ADMIN
    return EXPECTED[name]


@pytest.fixture
def world():
    """A recruiter's company with one of everything, and one user of each role."""
    recruiter, company = _recruiter_with_company()
    candidate = CandidateFactory()
    offer = OfferFactory(published=True, company=company, author=recruiter)
    saved_list = SavedListFactory(company=company)
    saved_cv = SavedCVFactory(saved_list=saved_list)
    search = CVSearchFactory(company=company, user=recruiter, favourite=True)
    referral = SpouseReferralFactory(company=company, presented_by=recruiter)
    pending = MembershipFactory(company=company, status="pending", role="member")
    cv = CVFactory(owner=candidate, visible=True)
    application = ApplicationFactory(offer=offer, candidate=CandidateFactory())
    job_alert = create_job_alert(candidate, OfferCriteria(q="boulangerie"))
    online = CompanyFactory(online=True)
    record_beat_tick()
    users = {
        "anonymous": None,
        "candidate": candidate,
        "recruiter": RecruiterFactory(),
        "recruiter_company": recruiter,
        "moderator": StaffFactory(),
    }
    kwargs = {
        "companies:decide_membership": {"pk": pending.pk, "decision": "accepter"},
        "companies:public_detail": {"slug": online.slug},
        "offers:public_detail": {"slug": offer.slug, "pk": offer.pk},
        "cvtheque:cv_detail": {"pk": cv.pk},
        "cvtheque:cv_document": {"pk": cv.pk},
        "cvtheque:save_cv": {"cv_pk": cv.pk},
        "cvtheque:saved_cv_remove": {"pk": saved_cv.pk},
        "cvtheque:saved_cv_note": {"pk": saved_cv.pk},
        "cvtheque:alert_unsubscribe": {"token": unsubscribe_token(search)},
        "offers:job_alert_frequency": {"pk": job_alert.pk},
        "offers:job_alert_delete": {"pk": job_alert.pk},
        "offers:job_alert_unsubscribe": {"token": job_alert_token(job_alert)},
        "cvtheque:stay_visible": {"token": stay_visible_token(cv)},
        "cvtheque:spouse_partner_profile": {"token": partner_token(referral)},
        "account_confirm_email": {"key": "cle-inconnue"},
        "account_reset_password_from_key": {"uidb36": "1", "key": "cle-inconnue"},
    }
    for name in ("offers:detail", "offers:edit", "offers:delete", "offers:duplicate", "offers:republish",
                 "offers:offer_applications", "cvtheque:apply", "cvtheque:applied"):
        kwargs[name] = {"pk": offer.pk}
    for name in ("offers:application", "offers:application_document", "offers:application_status"):
        kwargs[name] = {"pk": application.pk}
    for name in ("cvtheque:saved_list", "cvtheque:saved_list_edit", "cvtheque:saved_list_delete"):
        kwargs[name] = {"pk": saved_list.pk}
    for name in ("cvtheque:search_delete", "cvtheque:search_star", "cvtheque:search_unstar",
                 "cvtheque:search_frequency"):
        kwargs[name] = {"pk": search.pk}
    return users, kwargs


def _recruiter_with_company():
    membership = MembershipFactory(company=CompanyFactory())
    EmailAddress.objects.get_or_create(user=membership.user, email=membership.user.email,
                                       defaults={"verified": True, "primary": True})
    return membership.user, membership.company


def walked_routes():
    """The URL names to walk: the site's own, allauth's, and the admin's pages without parameters."""
    seen = {}
    for route in routes():
        if route.name.startswith("admin:") and route.parameters:
            continue
        if route.name in ("admin:logout", "account_logout"):
            continue  # GET on a logout page would end the session of the walk
        seen.setdefault(route.name, route)
    return list(seen.values())


def final_page(client, url) -> tuple[str, int]:
    response = client.get(url, follow=True)
    hops = len(response.redirect_chain)
    if response.status_code == 403 and response.context and "reserved_for" in response.context:
        return f"403 {response.context['reserved_for']}", hops
    if response.status_code != 200:
        return str(response.status_code), hops
    reached = response.resolver_match.view_name
    return f"200 {SELF if response.request['PATH_INFO'] == url.split('?')[0] else reached}", hops


def test_every_url_has_its_expected_row():
    names = {route.name for route in walked_routes() if not route.name.startswith("admin:")}
    assert names == set(EXPECTED), "give a new URL its row in EXPECTED (and drop the rows of removed ones)"


def test_every_url_as_every_role_ends_on_the_expected_page_in_two_hops_at_most(client, world):
    users, kwargs = world
    wrong, pairs = [], 0
    for route in walked_routes():
        url = reverse(route.name, kwargs=kwargs.get(route.name))
        for role, expected in zip(ROLES, expected_row(route.name), strict=True):
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            page, hops = final_page(client, url)
            pairs += 1
            admin_refusal = route.name.startswith("admin:") and role == "moderator" and page == "403"
            if (page != expected and not admin_refusal) or hops > MAX_HOPS:
                wrong.append(f"{route.name} as {role}: {page} after {hops} hops, expected {expected}")
    assert not wrong, "\n".join(wrong)
    assert pairs == len(walked_routes()) * len(ROLES) > 600


def test_the_wrong_role_page_says_whose_page_it_is_and_offers_the_ways_out(client):
    client.force_login(CandidateFactory(email="ines@exemple.fr"))
    response = client.get(reverse("accounts:dashboard"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Cette page est réservée aux recruteurs" in html and "ines@exemple.fr" in html
    assert f'href="{reverse("accounts:after_login")}">Aller à mon espace candidat' in html
    assert "Me déconnecter et me connecter avec un autre compte" in html
    assert f'action="{reverse("account_logout")}"' in html
    assert 'value="/compte/login/?next=/espace-recruteur/"' in html


def test_logging_out_from_the_wrong_role_page_leads_to_the_login_page_back_to_the_asked_page(client):
    client.force_login(CandidateFactory())
    response = client.post(reverse("account_logout"), {"next": "/compte/login/?next=/espace-recruteur/"})
    assert response.status_code == 302 and response["Location"] == "/compte/login/?next=/espace-recruteur/"
