"""The partners' feeds: their tokens, their content (validated against the committed schemas written from the
partners' documentation), which offers they hold, the log of their reads, and their bounded work."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse
from lxml import etree

from diffusion.models import OfferChoice, PartnerRead
from offers.models import Offer
from tests.offers.factories import OfferFactory

from .factories import PartnerFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(settings.BASE_DIR) / "diffusion" / "schemas"
INDEED_XSD = etree.XMLSchema(etree.parse(str(SCHEMAS / "indeed-feed.xsd")))
JSON_SCHEMA = json.loads((SCHEMAS / "jobposting-feed.schema.json").read_text())
CONTACT = ["Sophie Durand", "04 68 12 34 56", "contact-prive@example.org"]


def read(client, partner, token=None):
    response = client.get(reverse("diffusion:partner_feed", kwargs={"slug": partner.slug,
                                                                     "token": token or partner.token}))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def xml_jobs(body: bytes) -> dict:
    root = etree.fromstring(body)
    INDEED_XSD.assertValid(root)
    return {job.findtext("referencenumber"): job for job in root.findall("job")}


def json_items(body: bytes) -> dict:
    data = json.loads(body)
    jsonschema.validate(data, JSON_SCHEMA)
    return {item["identifier"]["value"]: item for item in data["dataFeedElement"]}


def a_tricky_offer(**kwargs):
    """An offer whose text tests the writers: markup-like title, « ]]> », a control character, a table."""
    return OfferFactory(published=True, title="Serveur <H/F> & co ]]> \x07", salary_min=11.88,
                        salary_period="hour", contract_type="saisonnier", contact_name=CONTACT[0],
                        contact_phone=CONTACT[1], contact_email=CONTACT[2],
                        description="<h2>Missions</h2><p>Service en salle &amp; terrasse</p>"
                                    "<table><tr><td>Été</td></tr></table>", **kwargs)


def test_the_indeed_feed_is_valid_against_its_xsd_and_holds_every_field_indeed_reads(client):
    partner = PartnerFactory()
    offer = a_tricky_offer()
    response, body = read(client, partner)
    assert response.status_code == 200 and response["Content-Type"] == "application/xml; charset=utf-8"
    job = xml_jobs(body)[f"TDE-{offer.pk}"]
    assert job.findtext("title") == "Serveur <H/F> & co ]]> "  # the control character dropped, nothing else
    assert job.findtext("url") == f"{settings.SITE_URL}/offres/{offer.slug}-{offer.pk}/"
    assert job.findtext("company") == offer.company.name
    assert (job.findtext("city"), job.findtext("postalcode"), job.findtext("country")) == (
        "Carcassonne", "11000", "FR")
    assert job.findtext("state") == offer.commune.departement.region.name
    assert job.findtext("jobtype") == "temporary"
    assert job.findtext("salary") == "11,88 € brut de l'heure"
    assert job.findtext("date").endswith("Z") and job.findtext("expirationdate").endswith("Z")
    assert "<h2>Missions</h2>" in job.findtext("description")
    assert b"<description><![CDATA[<h2>Missions</h2>" in body  # the description in CDATA, as Indeed asks
    for secret in CONTACT:
        assert secret.encode() not in body


def test_the_json_feed_is_valid_against_its_schema_and_is_each_offer_s_jobposting(client):
    partner = PartnerFactory(json=True)
    offer = a_tricky_offer()
    response, body = read(client, partner)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    item = json_items(body)[f"TDE-{offer.pk}"]
    assert item["title"] == offer.title
    assert item["baseSalary"]["value"] == {"@type": "QuantitativeValue", "unitText": "HOUR", "value": 11.88}
    assert item["employmentType"] == "TEMPORARY" and item["directApply"] is True
    for secret in CONTACT:
        assert secret.encode() not in body


@pytest.mark.parametrize("json_format", [False, True])
def test_an_empty_feed_is_still_valid(client, json_format):
    partner = PartnerFactory(json=json_format)
    _, body = read(client, partner)
    assert (json_items(body) if json_format else xml_jobs(body)) == {}


def test_a_wrong_token_an_unknown_partner_or_an_inactive_partner_get_a_404_and_no_log(client):
    partner = PartnerFactory()
    almost = partner.token[:-1] + ("A" if partner.token[-1] != "A" else "B")
    assert read(client, partner, token=almost)[0].status_code == 404
    assert client.get(reverse("diffusion:partner_feed", kwargs={"slug": "inconnu", "token": partner.token})
                      ).status_code == 404
    other = PartnerFactory()
    assert read(client, partner, token=other.token)[0].status_code == 404  # another partner's token
    partner.is_active = False
    partner.save()
    assert read(client, partner)[0].status_code == 404
    assert not PartnerRead.objects.exists()


def test_a_new_token_retires_the_old_url(client):
    partner = PartnerFactory()
    old = partner.token
    partner.regenerate_token()
    assert read(client, partner, token=old)[0].status_code == 404
    assert read(client, partner)[0].status_code == 200


def test_tokens_are_long_random_and_distinct():
    tokens = {PartnerFactory().token for _ in range(5)}
    assert len(tokens) == 5 and all(len(token) >= 40 for token in tokens)


def test_every_read_is_logged_with_its_number_of_offers(client):
    partner = PartnerFactory()
    OfferFactory.create_batch(3, published=True)
    read(client, partner)
    OfferFactory(published=True)
    read(client, partner)
    assert list(PartnerRead.objects.filter(partner=partner).order_by("read_at").values_list("offer_count", flat=True)
                ) == [3, 4]


def test_expired_refused_deleted_and_unpublished_offers_leave_the_feed_at_once(client):
    partner = PartnerFactory()
    online = OfferFactory(published=True)
    leaving = OfferFactory.create_batch(3, published=True)
    OfferFactory(pending=True)
    OfferFactory(expired=True)
    OfferFactory(refused=True)
    OfferFactory(published=True, deleted=True)
    assert set(xml_jobs(read(client, partner)[1])) == {f"TDE-{o.pk}" for o in [online, *leaving]}
    # their end of publication passed (before the hourly task marks them « Expirée »), deleted, expired
    Offer.objects.filter(pk=leaving[0].pk).update(expires_at=online.published_at)
    leaving[1].soft_delete(by=None)
    leaving[2].expire()
    assert set(xml_jobs(read(client, partner)[1])) == {f"TDE-{online.pk}"}


def test_the_reference_number_never_changes_when_the_offer_is_edited(client):
    partner = PartnerFactory()
    offer = OfferFactory(published=True, title="Cuisinier H/F")
    before = xml_jobs(read(client, partner)[1])
    offer.title = "Chef de partie H/F"
    offer.save()
    after = xml_jobs(read(client, partner)[1])
    assert set(before) == set(after) == {f"TDE-{offer.pk}"}
    assert after[f"TDE-{offer.pk}"].findtext("title") == "Chef de partie H/F"


def test_a_recruiter_s_opt_out_keeps_the_offer_out_of_that_partner_only(client):
    indeed, hellowork = PartnerFactory(), PartnerFactory(json=True)
    offer, other = OfferFactory.create_batch(2, published=True)
    OfferChoice.objects.create(offer=offer, partner=hellowork, allowed=False)
    assert set(xml_jobs(read(client, indeed)[1])) == {f"TDE-{offer.pk}", f"TDE-{other.pk}"}
    assert set(json_items(read(client, hellowork)[1])) == {f"TDE-{other.pk}"}


def test_an_opt_in_partner_receives_only_the_offers_their_recruiters_allowed(client):
    fair = PartnerFactory(opt_in=True)
    allowed, refused, silent = OfferFactory.create_batch(3, published=True)
    OfferChoice.objects.create(offer=allowed, partner=fair, allowed=True)
    OfferChoice.objects.create(offer=refused, partner=fair, allowed=False)
    assert set(xml_jobs(read(client, fair)[1])) == {f"TDE-{allowed.pk}"}


@pytest.mark.parametrize("size", [2, 9])
@pytest.mark.parametrize("json_format", [False, True])
def test_a_partner_feed_takes_a_fixed_number_of_queries(client, django_assert_num_queries, size, json_format):
    partner = PartnerFactory(json=json_format)
    for offer in OfferFactory.create_batch(size, published=True):
        OfferChoice.objects.create(offer=offer, partner=PartnerFactory(), allowed=False)
    # the partner, the offers (one server-side cursor, fetched by chunks), the read's log row
    with django_assert_num_queries(3) as queries:
        _, body = read(client, partner)
    assert len(json_items(body) if json_format else xml_jobs(body)) == size
    assert len([q for q in queries.captured_queries if "offers_offer" in q["sql"]]) == 1


@pytest.mark.parametrize("size", [2, 7])
def test_the_public_feed_lists_online_offers_without_contacts_in_one_query(client, django_assert_num_queries, size):
    OfferFactory.create_batch(size, published=True, title="Serveur <H/F> & co", contact_name=CONTACT[0],
                              contact_phone=CONTACT[1], contact_email=CONTACT[2])
    OfferFactory(pending=True)
    OfferFactory(expired=True)
    with django_assert_num_queries(1):
        response = client.get(reverse("diffusion:public_feed"))
        body = b"".join(response.streaming_content)
    assert response["Content-Type"].startswith("application/xml")
    assert reverse("diffusion:public_feed") == "/offres/flux.xml"  # the former generic feed's URL keeps working
    jobs = xml_jobs(body)
    assert len(jobs) == size and {job.findtext("title") for job in jobs.values()} == {"Serveur <H/F> & co"}
    for secret in CONTACT:
        assert secret.encode() not in body


def test_the_public_feed_leaves_out_the_offers_kept_off_a_partner_but_not_those_left_off_an_opt_in_one(client):
    """Any other job board reads the partner-less feed: an offer its recruiter took off a partner would reach
    that partner through it. An opt-in partner left unticked (its default, recorded as such by the form) is no
    refusal."""
    hellowork, fair = PartnerFactory(name="HelloWork"), PartnerFactory(name="Forum Emploi Aude", opt_in=True)
    former = PartnerFactory(name="Ancien partenaire", is_active=False)
    everywhere = OfferFactory(published=True, title="Partout H/F")
    kept_off = OfferFactory(published=True, title="Pas chez HelloWork H/F")
    OfferChoice.objects.create(offer=kept_off, partner=hellowork, allowed=False)
    kept_off_former = OfferFactory(published=True, title="Pas chez l'ancien partenaire H/F")
    OfferChoice.objects.create(offer=kept_off_former, partner=former, allowed=False)
    not_at_the_fair = OfferFactory(published=True, title="Pas au forum H/F")
    OfferChoice.objects.create(offer=not_at_the_fair, partner=fair, allowed=False)
    OfferChoice.objects.create(offer=not_at_the_fair, partner=hellowork, allowed=True)
    response = client.get(reverse("diffusion:public_feed"))
    titles = {job.findtext("title") for job in xml_jobs(b"".join(response.streaming_content)).values()}
    assert titles == {everywhere.title, not_at_the_fair.title}
    # HelloWork's own feed: every offer but the one kept off it
    _, body = read(client, hellowork)
    assert {job.findtext("title") for job in xml_jobs(body).values()} == {
        everywhere.title, not_at_the_fair.title, kept_off_former.title}
