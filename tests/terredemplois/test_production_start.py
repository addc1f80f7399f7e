"""The production start a newcomer gets: gunicorn configured from the environment, static files collected
before gunicorn starts (``make serve``, the Docker image), and the pages ``make load`` measures."""

import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from terredemplois.management.commands.load_public_pages import HOST, PAGES
from tests.companies.factories import CompanyFactory
from tests.offers.factories import OfferFactory

BASE_DIR = Path(__file__).resolve().parents[2]


def gunicorn_settings(monkeypatch, **env):
    for name in ("GUNICORN_BIND", "PORT", "GUNICORN_WORKERS", "WEB_CONCURRENCY", "GUNICORN_THREADS",
                 "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))


def test_gunicorn_runs_three_sync_workers_with_a_30_second_timeout_by_default(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    assert (conf["workers"], conf["threads"], conf["timeout"], conf["bind"]) == (3, 1, 30, "0.0.0.0:8000")
    assert conf["wsgi_app"] == "terredemplois.wsgi:application"


def test_gunicorn_workers_threads_timeout_and_address_come_from_the_environment(monkeypatch):
    conf = gunicorn_settings(monkeypatch, GUNICORN_WORKERS="5", GUNICORN_THREADS="4", GUNICORN_TIMEOUT="60",
                             PORT="9000")
    assert (conf["workers"], conf["threads"], conf["timeout"], conf["bind"]) == (5, 4, 60, "0.0.0.0:9000")
    assert gunicorn_settings(monkeypatch, WEB_CONCURRENCY="2")["workers"] == 2


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_serve_collects_the_static_files_then_starts_gunicorn_without_debug():
    recipe = subprocess.run(["make", "-s", "-n", "-C", str(BASE_DIR), "serve"], capture_output=True, text=True,
                            check=True).stdout
    assert recipe.index("collectstatic") < recipe.index("gunicorn -c gunicorn.conf.py")
    assert "DEBUG=0" in recipe and "migrate" in recipe


def test_the_docker_image_collects_the_static_files_into_the_image_and_gunicorn_reads_its_config():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    static_root = re.search(r"STATIC_ROOT=(\S+)", dockerfile).group(1)
    assert not static_root.startswith("/data")  # the volume mounted at /data would hide it
    assert "collectstatic --noinput" in dockerfile and 'CMD ["gunicorn", "-c", "gunicorn.conf.py"]' in dockerfile
    compose = (BASE_DIR / "docker-compose.yml").read_text()
    assert "GUNICORN_WORKERS" in compose and "--workers" not in compose  # the image's command, read from the env


@pytest.mark.django_db
def test_every_page_make_load_measures_answers_200(client):
    company = CompanyFactory(online=True)
    OfferFactory.create_batch(2, published=True, company=company, title="Cuisinier H/F")
    paths = [make_path() for _label, make_path in PAGES]
    assert len([p for p in paths if p]) >= 9
    for path in filter(None, paths):
        assert client.get(path).status_code == 200, path


def test_the_load_stays_on_this_machine_and_refuses_debug(settings):
    assert HOST == "127.0.0.1"
    settings.DEBUG = True
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_public_pages", "--duration", "1")
