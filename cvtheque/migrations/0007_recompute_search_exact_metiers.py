"""The titre part of the search document now holds one word per métier the CV is exactly
(``search.query.metier_token``, and permit/CACES categories as one word each): recompute the stored search
columns of every CV (batches of 500; the triggers of 0005 copy them to the search entries)."""

from django.db import migrations


def recompute(apps, schema_editor):
    from cvtheque.search.documents import update_search_columns

    CV = apps.get_model("cvtheque", "CV")
    ids = list(CV.objects.order_by("pk").values_list("pk", flat=True))
    update_search_columns(ids)


class Migration(migrations.Migration):
    dependencies = [("cvtheque", "0006_recompute_search_bac_plus")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
