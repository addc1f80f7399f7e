"""« Mes CVs sauvegardés » pages: permissions per role, company sharing, forms with and without JavaScript."""

import re

import pytest
from django.template import engines
from django.urls import reverse

from cvtheque.recruiting.models import DEFAULT_LIST_NAME, SavedCV, SavedList
from tests.accounts.factories import CandidateFactory, StaffFactory
from tests.companies.factories import MembershipFactory, recruiter_with_company

from .factories import CVFactory, SavedCVFactory, SavedListFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    user, company = recruiter_with_company()
    return user, company


@pytest.fixture
def company_list(owner):
    _, company = owner
    saved_list = SavedListFactory(company=company, name="Vendeurs été")
    SavedCVFactory(saved_list=saved_list, cv=CVFactory(visible=True, first_name="Léa", last_name="Martin"))
    return saved_list


def object_urls(saved_list, item):
    return [
        ("get", reverse("cvtheque:saved_list", args=[saved_list.pk])),
        ("get", reverse("cvtheque:saved_list_edit", args=[saved_list.pk])),
        ("post", reverse("cvtheque:saved_list_edit", args=[saved_list.pk])),
        ("get", reverse("cvtheque:saved_list_delete", args=[saved_list.pk])),
        ("post", reverse("cvtheque:saved_list_delete", args=[saved_list.pk])),
        ("post", reverse("cvtheque:saved_cv_remove", args=[item.pk])),
        ("post", reverse("cvtheque:saved_cv_note", args=[item.pk])),
    ]


def page_urls():
    return [
        ("get", reverse("cvtheque:saved_lists")),
        ("post", reverse("cvtheque:saved_list_create")),
    ]


def all_urls(saved_list, item):
    cv = CVFactory(visible=True)
    return [*page_urls(), *object_urls(saved_list, item), ("post", reverse("cvtheque:save_cv", args=[cv.pk]))]


@pytest.mark.parametrize("who", ["anonymous", "candidate", "staff"])
def test_non_recruiters_are_sent_to_the_login_page(client, company_list, who):
    if who == "candidate":
        client.force_login(CandidateFactory())
    elif who == "staff":
        client.force_login(StaffFactory())
    for method, url in all_urls(company_list, company_list.items.first()):
        response = getattr(client, method)(url, {"name": "x", "note": "x"})
        if who == "anonymous":
            assert response.status_code == 302 and reverse("account_login") in response["Location"], url
        else:
            assert response.status_code == 403, url
    assert SavedList.objects.filter(pk=company_list.pk, name="Vendeurs été").exists()
    assert SavedCV.objects.filter(saved_list=company_list).count() == 1


def test_a_recruiter_of_another_company_can_neither_see_nor_change_the_lists(client, company_list):
    other, _ = recruiter_with_company()
    client.force_login(other)
    for method, url in object_urls(company_list, company_list.items.first()):
        response = getattr(client, method)(url, {"name": "Piraté", "note": "x"})
        assert response.status_code == 404, url
    response = client.get(reverse("cvtheque:saved_lists"))
    assert "Vendeurs été" not in response.content.decode()
    response = client.post(reverse("cvtheque:save_cv", args=[CVFactory(visible=True).pk]),
                           {"saved_list": company_list.pk})
    assert SavedCV.objects.filter(saved_list=company_list).count() == 1
    company_list.refresh_from_db()
    assert company_list.name == "Vendeurs été"


def test_lists_are_shared_with_colleagues_of_the_same_company(client, owner, company_list):
    _, company = owner
    colleague = MembershipFactory(company=company).user
    client.force_login(colleague)
    page = client.get(reverse("cvtheque:saved_lists")).content.decode()
    assert "VENDEURS ÉTÉ" in page and "(1 CV dans cette liste)" in page
    assert "partagées avec les recruteurs de votre société" in page
    response = client.post(reverse("cvtheque:saved_list_edit", args=[company_list.pk]), {"name": "Vente 2027"})
    assert response.status_code == 302
    company_list.refresh_from_db()
    assert company_list.name == "Vente 2027"


def test_index_shows_the_default_list_and_counts(client, owner, company_list):
    user, company = owner
    client.force_login(user)
    page = client.get(reverse("cvtheque:saved_lists")).content.decode()
    assert DEFAULT_LIST_NAME in page
    assert "(Aucun CV dans cette liste)" in page and "(1 CV dans cette liste)" in page
    assert "MODIFIER MA LISTE" in page and "Créer une nouvelle liste de sauvegarde" in page


def test_create_rename_and_delete_with_confirmation(client, owner):
    user, company = owner
    client.force_login(user)
    response = client.post(reverse("cvtheque:saved_list_create"), {"name": "  Cuisiniers   saison "})
    assert response.status_code == 302
    saved_list = SavedList.objects.get(company=company, name="Cuisiniers saison")
    assert saved_list.created_by == user
    assert client.post(reverse("cvtheque:saved_list_create"), {"name": "  "}).status_code == 400
    client.post(reverse("cvtheque:saved_list_edit", args=[saved_list.pk]), {"name": "Cuisine"})
    confirm = client.get(reverse("cvtheque:saved_list_delete", args=[saved_list.pk]))
    assert "Oui, supprimer la liste" in confirm.content.decode()
    assert SavedList.objects.filter(pk=saved_list.pk, name="Cuisine").exists()
    client.post(reverse("cvtheque:saved_list_delete", args=[saved_list.pk]))
    assert not SavedList.objects.filter(pk=saved_list.pk).exists()


def test_the_default_list_refuses_deletion_from_the_page(client, owner):
    user, company = owner
    client.force_login(user)
    default = SavedList.default_for(company)
    response = client.post(reverse("cvtheque:saved_list_delete", args=[default.pk]))
    assert response.status_code == 302
    assert SavedList.objects.filter(pk=default.pk).exists()


def test_save_without_javascript_goes_to_the_default_list_and_back(client, owner):
    user, company = owner
    client.force_login(user)
    cv = CVFactory(visible=True)
    response = client.post(reverse("cvtheque:save_cv", args=[cv.pk]), {"next": "/espace-recruteur/cvtheque/?q=x"})
    assert response.status_code == 302 and response["Location"] == "/espace-recruteur/cvtheque/?q=x"
    assert SavedCV.objects.get(cv=cv).saved_list == SavedList.default_for(company)


def test_save_never_redirects_to_another_site(client, owner):
    user, _ = owner
    client.force_login(user)
    response = client.post(reverse("cvtheque:save_cv", args=[CVFactory(visible=True).pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("cvtheque:saved_lists")


def test_save_with_javascript_answers_json_and_saves_once(client, owner, company_list):
    user, _ = owner
    client.force_login(user)
    cv = CVFactory(visible=True)
    url = reverse("cvtheque:save_cv", args=[cv.pk])
    first = client.post(url, {"saved_list": company_list.pk, "note": "Très motivée"},
                        headers={"accept": "application/json"})
    again = client.post(url, {"saved_list": company_list.pk}, headers={"accept": "application/json"})
    assert first.json()["created"] is True and "Vendeurs été" in first.json()["message"]
    assert again.json()["created"] is False and "déjà" in again.json()["message"]
    assert SavedCV.objects.get(cv=cv, saved_list=company_list).note == "Très motivée"


def test_saving_into_another_company_list_is_refused(client, owner):
    user, _ = owner
    client.force_login(user)
    foreign = SavedListFactory()
    response = client.post(reverse("cvtheque:save_cv", args=[CVFactory(visible=True).pk]), {"saved_list": foreign.pk},
                           headers={"accept": "application/json"})
    assert response.status_code == 400
    assert not SavedCV.objects.filter(saved_list=foreign).exists()


def test_saving_a_hidden_cv_is_a_404(client, owner):
    user, _ = owner
    client.force_login(user)
    response = client.post(reverse("cvtheque:save_cv", args=[CVFactory().pk]))
    assert response.status_code == 404
    assert not SavedCV.objects.exists()


def test_a_hidden_cv_never_leaks_in_a_list(client, owner, company_list):
    user, _ = owner
    client.force_login(user)
    item = SavedCVFactory(saved_list=company_list, cv=CVFactory(visible=True, first_name="Secrète", last_name="Durand"))
    item.cv.set_visibility(False)
    item.cv.save()
    page = client.get(reverse("cvtheque:saved_list", args=[company_list.pk])).content.decode()
    assert "Secrète" not in page and "CV retiré par le candidat" in page
    page = client.get(reverse("cvtheque:saved_list", args=[company_list.pk])).content.decode()
    assert "CV retiré par le candidat" not in page and "Léa" in page


def test_remove_a_cv_and_edit_its_note(client, owner, company_list):
    user, _ = owner
    client.force_login(user)
    item = company_list.items.first()
    client.post(reverse("cvtheque:saved_cv_note", args=[item.pk]), {"note": "Disponible en juillet"})
    item.refresh_from_db()
    assert item.note == "Disponible en juillet"
    client.post(reverse("cvtheque:saved_cv_remove", args=[item.pk]))
    assert not SavedCV.objects.filter(pk=item.pk).exists()


def test_get_on_post_only_urls_is_refused(client, owner, company_list):
    user, _ = owner
    client.force_login(user)
    item = company_list.items.first()
    assert client.get(reverse("cvtheque:saved_cv_remove", args=[item.pk])).status_code == 405
    assert SavedCV.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("size", [1, 8])
def test_list_pages_query_count_does_not_grow_with_the_lists(client, owner, django_assert_num_queries, size):
    user, company = owner
    client.force_login(user)
    saved_list = SavedListFactory(company=company)
    for _ in range(size):
        SavedListFactory(company=company)
        SavedCVFactory(saved_list=saved_list)
    client.get(reverse("cvtheque:saved_lists"))  # creates the default list
    # user, membership, default list, lists+counts (session and announcements: kept)
    with django_assert_num_queries(4):
        assert client.get(reverse("cvtheque:saved_lists")).status_code == 200
    # user, membership, list, items+cv+commune+saved_by, métiers, withdrawn delete(select)
    with django_assert_num_queries(6):
        assert client.get(reverse("cvtheque:saved_list", args=[saved_list.pk])).status_code == 200


def test_the_save_button_offers_the_company_lists_with_one_query(rf, owner, django_assert_num_queries):
    template = engines["django"].from_string("{% load cvtheque_lists %}{% save_cv_button cv %}")
    user, company = owner
    SavedListFactory(company=company, name="Cuisine")
    SavedListFactory(name="Liste d'une autre société")
    cvs = CVFactory.create_batch(3, visible=True)
    request = rf.get("/espace-recruteur/cvtheque/?q=vendeuse")
    request.user, request.company = user, company
    with django_assert_num_queries(1):
        html = "".join(template.render({"cv": cv, "csrf_token": "jeton"}, request=request) for cv in cvs)
    assert html.count("<option value=\"\">MES CV SAUVEGARDÉS</option>") == 3
    assert html.count(">Cuisine</option>") == 3 and "autre société" not in html
    assert "Sauvegarder<span class=\"visually-hidden\"> le CV de" in html
    assert html.count('name="csrfmiddlewaretoken" value="jeton"') == 3
    assert f'action="{reverse("cvtheque:save_cv", args=[cvs[0].pk])}"' in html


def test_the_recruiter_menu_shows_the_pages_of_the_guide(client, owner):
    user, _ = owner
    client.force_login(user)
    page = client.get(reverse("cvtheque:saved_lists")).content.decode()
    for label, name in (("CV sauvegardés", "cvtheque:saved_lists"), ("Historique de recherche", "cvtheque:history"),
                        ("Rapprochement de conjoints", "cvtheque:spouse_referrals")):
        assert f'<a href="{reverse(name)}"' in page and label in page


def test_a_saved_list_page_has_no_heading_level_jump(client, owner, company_list):
    client.force_login(owner[0])
    html = client.get(reverse("cvtheque:saved_list", args=[company_list.pk])).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html.split('id="contenu-page"')[1])]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
