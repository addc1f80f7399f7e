"""``Offer.head_vector``: the title, métier (A) and company (B) part of ``search_vector``, a column PostgreSQL
computes from it (existing offers filled when the column is added), with its own GIN index: the public
search's relevance tiers find the offers having the words there without reading every description."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("offers", "0008_offer_search_vector_normalised"),
    ]

    operations = [
        migrations.AddField(
            model_name="offer",
            name="head_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Func(models.F("search_vector"), models.Value("{a,b}"), function="ts_filter"),
                output_field=django.contrib.postgres.search.SearchVectorField(null=True),
            ),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=django.contrib.postgres.indexes.GinIndex(fields=["head_vector"], name="offer_head_gin"),
        ),
    ]
