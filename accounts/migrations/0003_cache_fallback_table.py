"""The table of the ``fallback`` cache (settings.CACHES): what ``createcachetable`` creates, as a migration so
that every database has it."""

from django.db import migrations

TABLE = "tde_cache_fallback"


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_ratelimit_hit")]

    operations = [
        migrations.RunSQL(
            f'CREATE TABLE IF NOT EXISTS "{TABLE}" ("cache_key" varchar(255) NOT NULL PRIMARY KEY,'
            f' "value" text NOT NULL, "expires" timestamp with time zone NOT NULL);'
            f'CREATE INDEX IF NOT EXISTS "{TABLE}_expires" ON "{TABLE}" ("expires");',
            reverse_sql=f'DROP TABLE IF EXISTS "{TABLE}";',
        ),
    ]
