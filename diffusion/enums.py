from django.db import models


class FeedFormat(models.TextChoices):
    INDEED_XML = "indeed_xml", "XML (format Indeed)"
    JOBPOSTING_JSON = "jobposting_json", "JSON schema.org JobPosting"


class PartnerScope(models.TextChoices):
    """Which published offers a partner receives: every one unless its recruiter said no (opt-out), or only
    those its recruiter ticked (opt-in)."""

    ALL = "all", "Toutes les offres (sauf refus du recruteur)"
    ALLOWED = "allowed", "Seulement les offres que le recruteur autorise"


# What each format is served as
CONTENT_TYPES = {
    FeedFormat.INDEED_XML: "application/xml; charset=utf-8",
    FeedFormat.JOBPOSTING_JSON: "application/json; charset=utf-8",
}
