"""The facts a CV's text states (``cvs.facts``: driving licence and CACES categories, diplomas; negations left
out) stored on the CV; the search entry's « permis de conduire » is the B licence declared or written in the
CV; the facts of every existing CV computed and its search columns recomputed (their profile part holds the
facts: batches of 500, the triggers of 0005 copy them to the search entries)."""

import importlib

import django.contrib.postgres.fields
from django.db import migrations, models

_0005 = importlib.import_module("cvtheque.migrations.0005_search_entries")
_FUNCTION = _0005.SQL[_0005.SQL.index("CREATE FUNCTION cvtheque_cv_to_search_entry()") :]
_FUNCTION = _FUNCTION[: _FUNCTION.index("END $$;") + len("END $$;")]
OLD_FUNCTION = _FUNCTION.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
NEW_FUNCTION = OLD_FUNCTION.replace("n.driving_licence,", "n.driving_licence OR 'B' = ANY(n.licences),")
assert NEW_FUNCTION != OLD_FUNCTION


def recompute(apps, schema_editor):
    from cvtheque.search.documents import update_search_columns

    CV = apps.get_model("cvtheque", "CV")
    update_search_columns(list(CV.objects.order_by("pk").values_list("pk", flat=True)))


class Migration(migrations.Migration):
    dependencies = [("cvtheque", "0009_retention_notice")]

    operations = [
        migrations.AddField(
            model_name="cv",
            name="licences",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=4), blank=True, default=list, editable=False,
                size=None, verbose_name="permis (déclarés ou écrits dans le CV)"),
        ),
        migrations.AddField(
            model_name="cv",
            name="caces",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=20), blank=True, default=list, editable=False,
                size=None, verbose_name="CACES écrits dans le CV"),
        ),
        migrations.AddField(
            model_name="cv",
            name="diplomas",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=120), blank=True, default=list, editable=False,
                size=None, verbose_name="diplômes écrits dans le CV"),
        ),
        migrations.RunSQL(NEW_FUNCTION, OLD_FUNCTION),
        migrations.RunPython(recompute, migrations.RunPython.noop),
    ]
