"""Backup and restore (``backup_database`` / ``restore_database``) against the machine's PostgreSQL: a restore
into a fresh database holds every row of the backup; a damaged backup or a lost row is reported, never
silently accepted; the site's own database is never overwritten."""

import json
import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from companies.models import Company
from tests.companies.factories import CompanyFactory
from tests.cvtheque.factories import CVFactory
from toolkit.backup import Server, drop_database, manifest_path

from .processes import PG_BIN

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), pytest.mark.timeout(300)]

RESTORED = "tde_test_restauration"


@pytest.fixture
def restored_database():
    yield RESTORED
    drop_database(Server.from_settings(settings.DATABASES["default"]), RESTORED)


def restored_value(sql: str):
    conn = Server.from_settings(settings.DATABASES["default"]).connect(RESTORED)
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def backup_file(tmp_path_factory, django_db_setup, django_db_blocker):
    """One backup of the test database holding a company and three CVs (taken once: a dump takes seconds)."""
    dump = tmp_path_factory.mktemp("backup") / "tde.dump"
    with django_db_blocker.unblock():
        CompanyFactory(name="Tonnellerie de la Montagne Noire")
        CVFactory.create_batch(3, visible=True)
        call_command("backup_database", output=str(dump), pg_bin=str(PG_BIN))
        assert Company.objects.count() == 1
    return dump


def copy_of(dump, tmp_path):
    copy = tmp_path / dump.name
    shutil.copy(dump, copy)
    shutil.copy(manifest_path(dump), manifest_path(copy))
    return copy


def test_a_backup_restored_into_a_fresh_database_holds_every_row(backup_file, restored_database, capsys):
    dump = backup_file
    counts = json.loads(manifest_path(dump).read_text())["counts"]
    assert counts["companies_company"] == 1 and counts["cvtheque_cv"] == 3
    assert counts["referentials_commune"] > 30_000

    call_command("restore_database", str(dump), into=RESTORED, pg_bin=str(PG_BIN))
    out = capsys.readouterr().out
    assert f"Restauration vérifiée dans « {RESTORED} »" in out and "identiques à la sauvegarde" in out
    assert restored_value("SELECT name FROM companies_company WHERE name LIKE 'Tonnellerie%'") == (
        "Tonnellerie de la Montagne Noire")
    # the search columns and their text search configuration came back with the rows
    assert restored_value("SELECT count(*) FROM cvtheque_cv WHERE search_vector IS NOT NULL") == 3


def test_verify_backs_up_restores_aside_compares_and_drops_the_scratch_database(tmp_path, capsys):
    call_command("backup_database", output=str(tmp_path / "tde.dump"), verify=True, pg_bin=str(PG_BIN))
    out = capsys.readouterr().out
    assert "Sauvegarde :" in out and "identiques à la sauvegarde" in out
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s", ["%_verif_restauration"])
        assert cursor.fetchone()[0] == 0


def test_a_row_missing_from_the_restore_is_reported_by_table(backup_file, tmp_path, restored_database):
    dump = copy_of(backup_file, tmp_path)
    manifest = json.loads(manifest_path(dump).read_text())
    manifest["counts"]["companies_company"] += 1  # the backup promised one row more than it holds
    manifest_path(dump).write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="companies_company : .* attendues, .* restaurées"):
        call_command("restore_database", str(dump), into=RESTORED, pg_bin=str(PG_BIN))


def test_a_truncated_backup_fails_the_restore(backup_file, tmp_path, restored_database):
    dump = copy_of(backup_file, tmp_path)
    dump.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
    with pytest.raises(CommandError, match="pg_restore a échoué"):
        call_command("restore_database", str(dump), into=RESTORED, pg_bin=str(PG_BIN))


def test_the_sites_own_database_is_never_the_restore_target(backup_file):
    with pytest.raises(CommandError, match="est celle du site"):
        call_command("restore_database", str(backup_file), into=connection.settings_dict["NAME"],
                     pg_bin=str(PG_BIN))
