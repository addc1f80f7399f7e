"""The partners' feeds, written offer by offer (a generator: 50 000 offers never sit in memory as one
document). Two formats, each with its schema in ``diffusion/schemas/``:

- the Indeed-style XML (``<source>`` / ``<job>``), after Indeed's public « XML feed reference »
  (docs.indeed.com): text in CDATA, dates in ISO 8601, a ``referencenumber`` that never changes;
- a schema.org ``DataFeed`` of ``JobPosting`` in JSON, each item the very JSON-LD of the offer's page
  (``offers.jsonld``), i.e. what Google for Jobs documents.

Never the contact fields of an offer."""

import datetime
import json
import re
from collections.abc import Iterable, Iterator

from django.utils import timezone
from lxml import etree

from offers.enums import ContractType
from offers.jsonld import job_posting, offer_path

PUBLISHER = "Terre d'Emplois"
# Indeed's <jobtype> words for each contract type
INDEED_JOB_TYPES = {
    ContractType.CDI: "fulltime",
    ContractType.CDD: "contract",
    ContractType.INTERIM: "temporary",
    ContractType.ALTERNANCE: "internship",
    ContractType.STAGE: "internship",
    ContractType.SAISONNIER: "temporary",
    ContractType.INDEPENDANT: "contract",
    ContractType.INSERTION: "contract",
    ContractType.BENEVOLAT: "volunteer",
}
# Characters XML 1.0 cannot carry at all (a pasted control character must not break the whole feed)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def reference_number(offer) -> str:
    """The offer's reference for partners: its primary key, which never changes (a revision's approval copies
    its content onto the same row)."""
    return f"TDE-{offer.pk}"


def _iso(moment: datetime.datetime | None) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _text(parent, tag: str, value) -> None:
    """A child element whose text is in CDATA, as Indeed asks (plain escaped text in the rare case where the
    value itself contains « ]]> », which CDATA cannot hold)."""
    value = _NOT_XML.sub("", str(value or ""))
    element = etree.SubElement(parent, tag)
    element.text = etree.CDATA(value) if "]]>" not in value else value


def indeed_job(offer, site_url: str) -> etree._Element:
    job = etree.Element("job")
    commune = offer.commune
    _text(job, "title", offer.title)
    _text(job, "date", _iso(offer.published_at))
    _text(job, "referencenumber", reference_number(offer))
    _text(job, "requisitionid", reference_number(offer))
    _text(job, "url", site_url + offer_path(offer))
    _text(job, "company", offer.company.name)
    _text(job, "sourcename", offer.company.name)
    _text(job, "city", commune.name if commune else "")
    _text(job, "state", commune.departement.region.name if commune else "")
    _text(job, "country", "FR")
    _text(job, "postalcode", commune.postal_codes[0] if commune and commune.postal_codes else "")
    _text(job, "description", offer.description or offer.title)
    _text(job, "salary", offer.salary_display)
    _text(job, "jobtype", INDEED_JOB_TYPES.get(offer.contract_type, ""))
    _text(job, "category", offer.metier.name if offer.metier_id else "")
    _text(job, "expirationdate", _iso(offer.expires_at))
    return job


def indeed_xml(offers: Iterable, site_url: str, counter: list | None = None) -> Iterator[bytes]:
    """The Indeed-style XML document, in pieces. ``counter`` (a one-item list) receives the number of jobs."""
    yield b'<?xml version="1.0" encoding="utf-8"?>\n<source>\n'
    header = etree.Element("header")
    _text(header, "publisher", PUBLISHER)
    _text(header, "publisherurl", site_url + "/")
    _text(header, "lastBuildDate", _iso(timezone.now()))
    for child in header:
        yield etree.tostring(child, encoding="utf-8") + b"\n"
    count = 0
    for offer in offers:
        count += 1
        yield etree.tostring(indeed_job(offer, site_url), encoding="utf-8") + b"\n"
    yield b"</source>\n"
    if counter is not None:
        counter[0] = count


def jobposting_json(offers: Iterable, site_url: str, counter: list | None = None) -> Iterator[bytes]:
    """A schema.org DataFeed whose ``dataFeedElement`` are the offers' JobPostings, in pieces."""
    head = {"@context": "https://schema.org/", "@type": "DataFeed", "name": f"Offres d'emploi — {PUBLISHER}",
            "url": site_url + "/", "dateModified": _iso(timezone.now())}
    yield json.dumps(head, ensure_ascii=False)[:-1].encode() + b', "dataFeedElement": [\n'
    count = 0
    for offer in offers:
        posting = job_posting(offer, site_url)
        posting.pop("@context")
        yield (b",\n" if count else b"") + json.dumps(posting, ensure_ascii=False).encode()
        count += 1
    yield b"\n]}\n"
    if counter is not None:
        counter[0] = count
