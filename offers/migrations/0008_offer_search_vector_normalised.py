"""The offers' search vectors rebuilt with the CVthèque's normalisation (``toolkit.text.normalize_text``):
title and every form of the métier (A), company name (B), description text (C); the commune left out
(the place is its own filter)."""

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Value
from django.utils.html import strip_tags

from toolkit.text import normalize_text


def rebuild_vectors(apps, schema_editor):
    Offer = apps.get_model("offers", "Offer")
    offers = (Offer.objects.select_related("company", "metier").only(
        "title", "description", "company__name", "metier__name", "metier__name_feminine", "metier__synonyms")
        .order_by("pk"))
    for offer in offers.iterator(chunk_size=500):
        metier = offer.metier
        forms = [f for f in [metier.name, metier.name_feminine, *(metier.synonyms or [])] if f] if metier else []
        parts = {"A": normalize_text(" ".join([offer.title, *forms])), "B": normalize_text(offer.company.name),
                 "C": normalize_text(strip_tags(offer.description))}
        Offer.objects.filter(pk=offer.pk).update(search_vector=(
            SearchVector(Value(parts["A"]), config="french", weight="A")
            + SearchVector(Value(parts["B"]), config="french", weight="B")
            + SearchVector(Value(parts["C"]), config="french", weight="C")))


class Migration(migrations.Migration):

    dependencies = [
        ("offers", "0007_job_alerts"),
    ]

    operations = [
        migrations.RunPython(rebuild_vectors, migrations.RunPython.noop, elidable=True),
    ]
