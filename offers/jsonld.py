"""schema.org ``JobPosting`` for a public offer (Google's required properties). The contact
fields are never part of it."""

import json

from django.utils import timezone

from .enums import EMPLOYMENT_TYPES, SALARY_UNITS

# same escapes as django.utils.html.json_script: the JSON cannot close its <script> element
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def job_posting(offer, request) -> dict:
    company = offer.company
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": offer.description or f"<p>{offer.title}</p>",
        "datePosted": timezone.localtime(offer.published_at).date().isoformat() if offer.published_at else None,
        "validThrough": timezone.localtime(offer.expires_at).isoformat() if offer.expires_at else None,
        "hiringOrganization": {"@type": "Organization", "name": company.name},
        "identifier": {"@type": "PropertyValue", "name": company.name, "value": str(offer.pk)},
        "url": request.build_absolute_uri(),
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressCountry": "FR"},
        },
    }
    if company.website:
        data["hiringOrganization"]["sameAs"] = company.website
    if company.logo:
        data["hiringOrganization"]["logo"] = request.build_absolute_uri(company.logo.url)
    if offer.commune_id:
        address = data["jobLocation"]["address"]
        address["addressLocality"] = offer.commune.name
        if offer.commune.postal_codes:
            address["postalCode"] = offer.commune.postal_codes[0]
        address["addressRegion"] = offer.commune.departement.name
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


def job_posting_json(offer, request) -> str:
    """Safe to put inside <script type="application/ld+json">."""
    return json.dumps(job_posting(offer, request), ensure_ascii=False).translate(_ESCAPES)
