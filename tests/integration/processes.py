"""Real processes for the integration tests: web (gunicorn), Celery workers and beats of the project, and
throwaway Redis and PostgreSQL servers on free ports of 127.0.0.1 that a test may stop, kill and restart.
The machine's own PostgreSQL and Redis (DATABASE_URL, REDIS_URL) are never stopped.

Every process is started in its own session and stopped (SIGTERM, then SIGKILL) by ``Processes.close``."""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
PG_BIN = Path(os.environ.get("TDE_PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_SERVER = shutil.which("redis-server") or "redis-server"
SECRET_KEY = "integration-test-only-key"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float, what: str, interval: float = 0.3):
    """Poll ``predicate`` until it returns something truthy (returned), at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except Exception:  # noqa: BLE001 - a service still starting
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still not true after {timeout:.0f} s")
        time.sleep(interval)


def database_url_of_tests() -> str:
    """DATABASE_URL pointing at pytest's test database (the one this process uses)."""
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return f"{base}/{connection.settings_dict['NAME']}"


class Proc:
    def __init__(self, name: str, args: list[str], env: dict, log: Path, cwd: Path = BASE_DIR, user: str | None = None):
        self.name, self.log = name, log
        if user:
            args = ["runuser", "-u", user, "--", *args]
        self.popen = subprocess.Popen(args, env=env, cwd=cwd, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                                      start_new_session=True)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self, sig=signal.SIGKILL) -> None:
        """SIGKILL the process itself (not its children: a pool child, like a real crash, is orphaned)."""
        if self.alive():
            os.kill(self.popen.pid, sig)
            self.popen.wait(10)

    def stop(self, timeout: float = 15) -> None:
        try:
            os.killpg(self.popen.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            self.popen.wait(5)
        except subprocess.TimeoutExpired:
            pass

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


class Processes:
    """Starts the project's processes against one database and one Redis; ``close`` stops them all."""

    def __init__(self, workdir: Path, database_url: str, redis_url: str, **extra_env: str):
        self.workdir = workdir
        self.logs = workdir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.queue = f"tde-it-{uuid.uuid4().hex[:10]}"  # nothing left by an earlier run is consumed
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "TDE_DATA_DIR": str(workdir / "data"),
            "TDE_TESTING": "1",  # the test hashers (the test creates the users) and plain static files
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "CELERY_QUEUE": self.queue,
            "DJANGO_SETTINGS_MODULE": "terredemplois.settings",
            "EMAIL_URL": "",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONUNBUFFERED": "1",
            "CONN_MAX_AGE": "60",
            **extra_env,
        }
        self.procs: list[Proc] = []

    @property
    def mail_dir(self) -> Path:
        return self.workdir / "data" / "mail"

    def mails(self) -> str:
        """Every e-mail the processes wrote (the file backend: one file per sending)."""
        return "".join(p.read_text(errors="replace") for p in sorted(self.mail_dir.glob("*.log")))

    def mail_texts(self) -> list[str]:
        """The text part of every e-mail written, decoded (one per message)."""
        texts = []
        for chunk in self.mails().split("-" * 79):
            if chunk.strip():
                message = email.message_from_string(chunk.strip(), policy=email.policy.default)
                body = message.get_body(("plain",))
                texts.append(f"To: {message['To']}\nSubject: {message['Subject']}\n\n"
                             + (body.get_content() if body else ""))
        return texts

    def start(self, name: str, args: list[str], user: str | None = None, **env: str) -> Proc:
        proc = Proc(name, args, {**self.env, **env}, self.logs / f"{name}-{len(self.procs)}.log", user=user)
        self.procs.append(proc)
        return proc

    def web(self, port: int | None = None, **env: str) -> tuple[Proc, str]:
        port = port or free_port()
        proc = self.start(f"web-{port}", [
            sys.executable, "-m", "gunicorn", "terredemplois.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", "1", "--threads", "4", "--timeout", "60", "--graceful-timeout", "5",
        ], SITE_URL=f"http://127.0.0.1:{port}", **env)
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: requests.get(f"{url}/sante/", timeout=5).status_code, 60,
                   f"gunicorn on {port} answering\n{proc.tail()}")
        return proc, url

    def worker(self, pool: str = "solo", app: str = "terredemplois", **env: str) -> Proc:
        args = [sys.executable, "-m", "celery", "-A", app, "worker", "-l", "info", "-Q", self.queue,
                "--without-heartbeat", "--without-gossip", "--without-mingle", "-n", f"w{uuid.uuid4().hex[:6]}@%h"]
        args += ["--pool", "prefork", "--concurrency", "1"] if pool == "prefork" else ["--pool", "solo"]
        proc = self.start("worker", args, **env)
        wait_until(lambda: "ready." in proc.log.read_text(errors="replace"), 90, f"worker ready\n{proc.tail()}")
        return proc

    def beat(self, app: str = "terredemplois", **env: str) -> Proc:
        schedule = self.workdir / f"beat-{uuid.uuid4().hex[:6]}"
        return self.start("beat", [sys.executable, "-m", "celery", "-A", app, "beat", "-l", "info",
                                   "--schedule", str(schedule)], **env)

    def close(self) -> None:
        for proc in reversed(self.procs):
            proc.stop()

    def dump_logs(self) -> None:
        for proc in self.procs:
            print(f"----- {proc.name} ({proc.log.name}) -----\n{proc.tail()}")


class ThrowawayRedis:
    """A redis-server of our own on a free port, that a test may stop and start again (same port)."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.proc: Proc | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = Proc("redis", [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                                   "--appendonly", "no", "--dir", str(self.workdir)],
                         dict(os.environ), self.workdir / "redis.log")
        wait_until(self.answers, 20, "throwaway redis answering")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as client:
                client.sendall(b"PING\r\n")
                return client.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc:
            self.proc.kill()
            self.proc = None


class ThrowawayPostgres:
    """A PostgreSQL 15 cluster of our own (initdb in a temporary folder, a free port), run as the
    ``postgres`` system user when the tests run as root. ``restart`` is ``pg_ctl restart -m fast``:
    every connection of every process is cut."""

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="tde-pg-"))
        self.data = self.dir / "data"
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            shutil.chown(self.dir, self.user)
        self._run(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def _run(self, *args, check=True):
        cmd = [str(a) for a in args]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.dir / "log", "-w", "-t", "60",
                  "-o", f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c fsync=off", "start")

    def stop(self) -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-w", "-m", "fast", "stop", check=False)

    def psql(self, sql: str, database: str = "postgres") -> str:
        return subprocess.run([str(PG_BIN / "psql"), self.url(database), "-At", "-c", sql], check=True,
                              capture_output=True, text=True, timeout=60).stdout

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class Visitor:
    """A browser of one site address (requests): cookies, CSRF token, French pages."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.base_url + path, timeout=30, **kwargs)

    def post(self, path: str, data: dict | None = None, files=None, **kwargs) -> requests.Response:
        if "csrftoken" not in self.session.cookies:
            self.get("/compte/login/")
        data = {**(data or {}), "csrfmiddlewaretoken": self.session.cookies.get("csrftoken")}
        return self.session.post(self.base_url + path, data=data, files=files, timeout=30,
                                 headers={"Referer": self.base_url + path}, **kwargs)

    def login(self, email: str, password: str) -> requests.Response:
        self.get("/compte/login/")
        return self.post("/compte/login/", {"login": email, "password": password})

    def on(self, base_url: str) -> Visitor:
        """The same browser (cookies) talking to another host of the site."""
        other = Visitor(base_url)
        other.session = self.session
        return other


def verified_user(factory, password: str, **kwargs):
    """A user of ``factory`` who can log in (password set, e-mail address verified)."""
    from allauth.account.models import EmailAddress

    user = factory(**kwargs)
    user.set_password(password)
    user.save()
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user
