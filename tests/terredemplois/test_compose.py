"""docker-compose.yml describes the scaled-out topology (it cannot be started here: no image registry), so its
structure is checked: two web hosts behind the proxy, two workers, one beat, no local state on a web host."""

from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP = {name for name, service in SERVICES.items() if "build" in service}


def test_two_web_hosts_two_workers_one_beat_and_the_services_they_need():
    assert {"web-1", "web-2", "worker", "beat", "migrate"} <= APP
    assert SERVICES["worker"]["deploy"]["replicas"] == 2
    assert "replicas" not in SERVICES["beat"].get("deploy", {})
    assert {"proxy", "postgres", "redis", "minio", "buckets", "mailpit"} <= set(SERVICES)


def test_the_proxy_balances_both_web_hosts_and_serves_media_from_the_bucket():
    nginx = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    assert "server web-1:8000" in nginx and "server web-2:8000" in nginx
    assert "proxy_pass http://minio:9000/terredemplois-media/" in nginx
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in SERVICES["proxy"]["volumes"]


def test_no_app_process_keeps_state_on_its_disk():
    for name in APP:
        service = SERVICES[name]
        env = service["environment"]
        assert env["MEDIA_STORAGE"] == "s3" and env["S3_ENDPOINT_URL"] == "http://minio:9000", name
        assert env["REDIS_URL"] and env["DATABASE_URL"].startswith("postgres://"), name
        assert not service.get("volumes"), f"{name} mounts a volume: state on the host"
        assert env["EMAIL_URL"] == "smtp://mailpit:1025"


def test_web_and_workers_start_after_the_migrations():
    for name in ("web-1", "web-2", "worker", "beat"):
        assert SERVICES[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
