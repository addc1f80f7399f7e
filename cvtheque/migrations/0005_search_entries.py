"""CVSearchEntry: the search's narrow copy of every visible CV, kept by statement-level triggers.

The GIN indexes move from the wide CV table to the entries. The three vectors are kept out of line
(``STORAGE EXTERNAL`` and a low ``toast_tuple_target``): an entry's row is ~200 bytes, so that counting
55 000 matches reads 2 000 pages, not 10 000; the GIN indexes answer plain word queries without reading
the vectors. A larger statistics target gives the planner per-word frequencies for rarer words too."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


ENTRY_COLUMNS = """cv_id, updated_at, commune_id, latitude, longitude, mobility_km, reach_box, rqth_shown,
    contract_types, availability, driving_licence, education_level, source, title_vector, search_vector,
    fulltext_vector"""

ENTRY_VALUES = """n.id, n.updated_at, n.commune_id, c.latitude, c.longitude, n.mobility_km,
    cvtheque_reach_box(c.latitude, c.longitude, n.mobility_km), n.rqth AND n.rqth_visible,
    n.contract_types, n.availability, n.driving_licence, n.education_level, n.source,
    ts_filter(n.search_vector, '{a}'), n.search_vector, n.fulltext_vector"""

SQL = f"""
-- Where a candidate is ready to go: a box (longitude, latitude) around their commune, a little larger than
-- their mobility radius; indexed (GiST) so that « whose mobility reaches Carcassonne » reads a few rows.
ALTER TABLE cvtheque_cvsearchentry ADD COLUMN reach_box box;
CREATE FUNCTION cvtheque_reach_box(lat double precision, lon double precision, km integer) RETURNS box
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN km > 0 AND lat IS NOT NULL AND lon IS NOT NULL THEN box(
        point(lon - km * 1.05 / (111.2 * greatest(cos(radians(lat)), 0.1)), lat - km * 1.05 / 111.2),
        point(lon + km * 1.05 / (111.2 * greatest(cos(radians(lat)), 0.1)), lat + km * 1.05 / 111.2)) END
$$;
CREATE INDEX cv_entry_reach ON cvtheque_cvsearchentry USING gist (reach_box) WHERE reach_box IS NOT NULL;
ALTER TABLE cvtheque_cvsearchentry
    ALTER COLUMN title_vector SET STORAGE EXTERNAL, ALTER COLUMN title_vector SET STATISTICS 1000,
    ALTER COLUMN search_vector SET STORAGE EXTERNAL, ALTER COLUMN search_vector SET STATISTICS 1000,
    ALTER COLUMN fulltext_vector SET STORAGE EXTERNAL, ALTER COLUMN fulltext_vector SET STATISTICS 1000,
    SET (toast_tuple_target = 128);

CREATE FUNCTION cvtheque_cv_to_search_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM cvtheque_cvsearchentry AS e USING changed_cvs AS n WHERE e.cv_id = n.id AND NOT n.is_visible;
    -- The rows are read back from the table, not from the transition table: there the vectors are already
    -- stored out of line (TOAST), which makes PostgreSQL store the entry's vectors out of line too (a row
    -- under 2 kB is otherwise never toasted, whatever toast_tuple_target says).
    INSERT INTO cvtheque_cvsearchentry AS e ({ENTRY_COLUMNS})
    SELECT {ENTRY_VALUES}
      FROM cvtheque_cv AS n LEFT JOIN referentials_commune AS c ON c.id = n.commune_id
     WHERE n.id IN (SELECT id FROM changed_cvs) AND n.is_visible
    ON CONFLICT (cv_id) DO UPDATE SET
        updated_at = EXCLUDED.updated_at, commune_id = EXCLUDED.commune_id, latitude = EXCLUDED.latitude,
        longitude = EXCLUDED.longitude, mobility_km = EXCLUDED.mobility_km, reach_box = EXCLUDED.reach_box,
        rqth_shown = EXCLUDED.rqth_shown,
        contract_types = EXCLUDED.contract_types, availability = EXCLUDED.availability,
        driving_licence = EXCLUDED.driving_licence, education_level = EXCLUDED.education_level,
        source = EXCLUDED.source, title_vector = EXCLUDED.title_vector, search_vector = EXCLUDED.search_vector,
        fulltext_vector = EXCLUDED.fulltext_vector;
    RETURN NULL;
END $$;

CREATE TRIGGER cvtheque_cv_search_entry_insert AFTER INSERT ON cvtheque_cv
    REFERENCING NEW TABLE AS changed_cvs FOR EACH STATEMENT EXECUTE FUNCTION cvtheque_cv_to_search_entry();
CREATE TRIGGER cvtheque_cv_search_entry_update AFTER UPDATE ON cvtheque_cv
    REFERENCING NEW TABLE AS changed_cvs FOR EACH STATEMENT EXECUTE FUNCTION cvtheque_cv_to_search_entry();

CREATE FUNCTION cvtheque_commune_to_search_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cvtheque_cvsearchentry AS e SET latitude = n.latitude, longitude = n.longitude,
           reach_box = cvtheque_reach_box(n.latitude, n.longitude, e.mobility_km)
      FROM changed_communes AS n
     WHERE e.commune_id = n.id
       AND (e.latitude IS DISTINCT FROM n.latitude OR e.longitude IS DISTINCT FROM n.longitude);
    RETURN NULL;
END $$;

CREATE TRIGGER cvtheque_commune_search_entry_update AFTER UPDATE ON referentials_commune
    REFERENCING NEW TABLE AS changed_communes FOR EACH STATEMENT EXECUTE FUNCTION cvtheque_commune_to_search_entry();

INSERT INTO cvtheque_cvsearchentry ({ENTRY_COLUMNS})
SELECT {ENTRY_VALUES}
  FROM cvtheque_cv AS n LEFT JOIN referentials_commune AS c ON c.id = n.commune_id
 WHERE n.is_visible;
"""

REVERSE_SQL = """
DROP TRIGGER cvtheque_commune_search_entry_update ON referentials_commune;
DROP FUNCTION cvtheque_commune_to_search_entry();
DROP TRIGGER cvtheque_cv_search_entry_update ON cvtheque_cv;
DROP TRIGGER cvtheque_cv_search_entry_insert ON cvtheque_cv;
DROP FUNCTION cvtheque_cv_to_search_entry();
DROP INDEX cv_entry_reach;
ALTER TABLE cvtheque_cvsearchentry DROP COLUMN reach_box;
DROP FUNCTION cvtheque_reach_box(double precision, double precision, integer);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('cvtheque', '0004_contract_types_as_offers'),
        ('referentials', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='CVSearchEntry',
            fields=[
                ('cv', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_entry', serialize=False, to='cvtheque.cv')),
                ('updated_at', models.DateTimeField(editable=False)),
                ('commune_id', models.BigIntegerField(editable=False, null=True)),
                ('latitude', models.FloatField(editable=False, null=True)),
                ('longitude', models.FloatField(editable=False, null=True)),
                ('mobility_km', models.PositiveSmallIntegerField(default=0, editable=False)),
                ('rqth_shown', models.BooleanField(default=False, editable=False)),
                ('contract_types', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=30), default=list, editable=False)),
                ('availability', models.CharField(editable=False, max_length=20)),
                ('driving_licence', models.BooleanField(default=False, editable=False)),
                ('education_level', models.CharField(default='', editable=False, max_length=20)),
                ('source', models.CharField(editable=False, max_length=20)),
                ('title_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ('fulltext_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
            options={
                'verbose_name': 'entrée de recherche de CV',
                'verbose_name_plural': 'entrées de recherche de CV',
            },
        ),
        migrations.RemoveIndex(
            model_name='cv',
            name='cv_search_vector_gin',
        ),
        migrations.RemoveIndex(
            model_name='cv',
            name='cv_fulltext_vector_gin',
        ),
        migrations.AddIndex(
            model_name='cvsearchentry',
            index=django.contrib.postgres.indexes.GinIndex(fields=['fulltext_vector'], name='cv_entry_fulltext_gin'),
        ),
        migrations.AddIndex(
            model_name='cvsearchentry',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='cv_entry_search_gin'),
        ),
        migrations.AddIndex(
            model_name='cvsearchentry',
            index=django.contrib.postgres.indexes.GinIndex(fields=['title_vector'], name='cv_entry_title_gin'),
        ),
        migrations.AddIndex(
            model_name='cvsearchentry',
            index=models.Index(models.OrderBy(models.F('updated_at'), descending=True), models.OrderBy(models.F('cv'), descending=True), name='cv_entry_fresh'),
        ),
        migrations.AddIndex(
            model_name='cvsearchentry',
            index=models.Index(fields=['commune_id'], name='cv_entry_commune'),
        ),
        migrations.RunSQL(SQL, REVERSE_SQL),
    ]
