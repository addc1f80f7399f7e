from django.db import migrations


def recompute(apps, schema_editor):
    """search_text now keeps names, synonyms and family apart (« name / feminine | synonym ; … | family »)."""
    from referentials.services import normalize

    Metier = apps.get_model("referentials", "Metier")
    for metier in Metier.objects.select_related("family"):
        names = f"{normalize(metier.name)} / {normalize(metier.name_feminine or metier.name)}"
        synonyms = " ; ".join(normalize(s) for s in metier.synonyms or [])
        metier.search_text = f"{names} | {synonyms} | {normalize(metier.family.name)}"
        metier.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("referentials", "0004_commune_population_index")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
