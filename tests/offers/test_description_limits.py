"""The offer description has a maximum length in characters of text, on the form and on the model."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from offers.models import Offer
from offers.validators import DESCRIPTION_MAX_HTML_CHARS, DESCRIPTION_MAX_TEXT_CHARS
from tests.offers.test_views import form_data, owner, text  # noqa: F401 (fixture)

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


def paragraphs(characters: int) -> str:
    return "<p>" + ("Vente en boulangerie. " * (characters // 22 + 1))[:characters] + "</p>"


def test_a_description_over_the_maximum_is_refused_with_a_french_message(client, owner):  # noqa: F811
    user, company = owner
    client.force_login(user)
    response = client.post(reverse("offers:create"), form_data(company=company.pk,
                                                               description=paragraphs(DESCRIPTION_MAX_TEXT_CHARS + 1)))
    assert response.status_code == 200 and not Offer.objects.exists()
    assert "La description est trop longue" in text(response)


def test_a_huge_paste_is_refused_before_any_parsing(client, owner):  # noqa: F811
    user, company = owner
    client.force_login(user)
    huge = "<p>06 12 34 56 78</p>" * (DESCRIPTION_MAX_HTML_CHARS // 20 + 1)
    response = client.post(reverse("offers:create"), form_data(company=company.pk, description=huge))
    assert response.status_code == 200 and not Offer.objects.exists()


def test_a_description_at_the_maximum_is_accepted(client, owner):  # noqa: F811
    user, company = owner
    client.force_login(user)
    response = client.post(reverse("offers:create"), form_data(company=company.pk,
                                                               description=paragraphs(DESCRIPTION_MAX_TEXT_CHARS)))
    assert response.status_code == 302 and Offer.objects.exists()


def test_the_model_refuses_a_description_over_the_maximum():
    offer = OfferFactory()
    offer.description = paragraphs(DESCRIPTION_MAX_TEXT_CHARS + 1)
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert "description" in error.value.message_dict
