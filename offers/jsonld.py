"""schema.org ``JobPosting`` for a public offer: every property Google for Jobs lists as required (title,
description, datePosted, hiringOrganization, jobLocation) and the recommended ones an on-site offer has
(identifier, employmentType, baseSalary with its unitText, validThrough, directApply). The contact fields
are never part of it. The same dictionary feeds the partners' JSON feed (``diffusion``)."""

import json

from django.urls import reverse
from django.utils import timezone

from .enums import EMPLOYMENT_TYPES, SALARY_UNITS

# same escapes as django.utils.html.json_script: the JSON cannot close its <script> element
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# The offers' related rows job_posting reads: select_related(*JOB_POSTING_RELATED) keeps it to one query.
JOB_POSTING_RELATED = ("company", "commune__departement__region", "metier")
# What Google accepts as employmentType
GOOGLE_EMPLOYMENT_TYPES = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM",
                           "OTHER"}


def offer_path(offer) -> str:
    return reverse("offers:public_detail", kwargs={"slug": offer.slug, "pk": offer.pk})


def job_posting(offer, site_url: str) -> dict:
    """The offer's JobPosting; ``site_url`` (« https://… », no trailing slash) makes its URLs absolute."""
    company = offer.company
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": offer.description or f"<p>{offer.title}</p>",
        "datePosted": timezone.localtime(offer.published_at).date().isoformat() if offer.published_at else None,
        "validThrough": timezone.localtime(offer.expires_at).isoformat() if offer.expires_at else None,
        "hiringOrganization": {"@type": "Organization", "name": company.name},
        "identifier": {"@type": "PropertyValue", "name": "Terre d'Emplois", "value": f"TDE-{offer.pk}"},
        "url": site_url + offer_path(offer),
        # candidates apply on the offer's page itself (« Postuler »)
        "directApply": True,
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressCountry": "FR"},
        },
    }
    if company.website:
        data["hiringOrganization"]["sameAs"] = company.website
    if company.logo:
        data["hiringOrganization"]["logo"] = site_url + company.logo.url
    if offer.commune_id:
        address = data["jobLocation"]["address"]
        address["addressLocality"] = offer.commune.name
        if offer.commune.postal_codes:
            address["postalCode"] = offer.commune.postal_codes[0]
        address["addressRegion"] = offer.commune.departement.region.name
    if offer.metier_id:
        data["occupationalCategory"] = offer.metier.name
    if offer.contract_type:
        data["employmentType"] = EMPLOYMENT_TYPES.get(offer.contract_type, "OTHER")
    if offer.salary_min is not None:
        value = {"@type": "QuantitativeValue", "unitText": SALARY_UNITS.get(offer.salary_period, "MONTH")}
        if offer.salary_max is not None and offer.salary_max != offer.salary_min:
            value.update(minValue=float(offer.salary_min), maxValue=float(offer.salary_max))
        else:
            value["value"] = float(offer.salary_min)
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "EUR", "value": value}
    return {key: value for key, value in data.items() if value is not None}


def job_posting_json(offer, site_url: str) -> str:
    """Safe to put inside <script type="application/ld+json">."""
    return json.dumps(job_posting(offer, site_url), ensure_ascii=False).translate(_ESCAPES)
