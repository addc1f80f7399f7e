"""``make load``: the throughput of the public pages as a new operator measures it. Starts gunicorn like
production (``gunicorn.conf.py``, DEBUG off, static files by whitenoise after ``collectstatic``) on
127.0.0.1, then loads each page in turn with wrk (bounded: ``--duration`` seconds a page) and prints, per
page, pages/s, p50 / p95 latency, errors, and the ratio to a static file served by the same server in the
same run (measured first and last; their mean is the reference). The machine's load average is printed
with the figures: on a shared machine they are only comparable within one run.

The pages are listed in ``PAGES`` (label, function returning the path or None to skip): add a line to
measure another page."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.urls import reverse

from companies.models import Company
from diffusion.models import Partner
from diffusion.services import cached_partner_feed, cached_public_feed
from offers.enums import ContractType, OfferStatus
from offers.models import Offer

HOST = "127.0.0.1"  # never anything else: the load stays on this machine


def _offer_page():
    offer = Offer.objects.visible_to_public().order_by("-published_at", "-id").first()
    return offer and reverse("offers:public_detail", args=[offer.slug, offer.pk])


def _company_page():
    company = (Company.objects.online()
               .annotate(n=Count("offers", filter=Q(offers__status=OfferStatus.PUBLISHED)))
               .order_by("-n", "pk").first())
    return company and company.get_absolute_url()


def _offers(**params):
    return lambda: reverse("offers:public_list") + (f"?{urlencode(params)}" if params else "")


# (label, path) — a page whose path is None (its URL does not exist on this branch) is skipped.
PAGES = [
    ("Accueil", lambda: reverse("home")),
    ("Offres", _offers()),
    ("Offres, filtres (CDI, Aude)", _offers(contrat=ContractType.CDI, ou="Aude (11)")),
    ("Offres, recherche « cuisinier »", _offers(q="cuisinier")),
    ("Offres, page 5", _offers(page=5)),
    ("Offre", _offer_page),
    ("Entreprises", lambda: reverse("companies:public_list")),
    ("Fiche entreprise", _company_page),
    # The feeds (the public one, a partner's) are measured on their own, each against a static file of its size
    # (``feeds_to_measure``).
    ("Sitemap", lambda: reverse("diffusion:sitemap")),
    ("Sitemap des offres", lambda: reverse("diffusion:sitemap_section", args=["offres"])),
]

LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50=%d p95=%d max=%d errors=%d bytes=%d\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout, summary.bytes))
end
"""
RESULT = re.compile(r"RESULT requests=(\d+) seconds=([\d.]+) p50=(\d+) p95=(\d+) max=(\d+) errors=(\d+) bytes=(\d+)")


@dataclass
class Measure:
    label: str
    path: str
    rate: float
    p50_ms: float
    p95_ms: float
    errors: int
    requests: int
    kbytes: float
    cache: str


class Command(BaseCommand):
    help = "Mesure le débit des pages publiques (gunicorn comme en production, wrk sur 127.0.0.1)."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=15, help="secondes de charge par page (15)")
        parser.add_argument("--connections", type=int, default=50)
        parser.add_argument("--threads", type=int, default=2, help="fils de wrk")
        parser.add_argument("--port", type=int, default=0, help="port de gunicorn (0 : un port libre)")
        parser.add_argument("--workers", type=int, default=3, help="processus gunicorn (3)")
        parser.add_argument("--only", default="", help="ne mesurer que les pages dont le libellé contient ce texte")
        parser.add_argument("--skip", default="", help="ne pas mesurer les pages dont le libellé contient ce texte")

    def handle(self, *args, duration, connections, threads, port, workers, only, skip, **options):
        if settings.DEBUG:
            raise CommandError("DEBUG est activé : la mesure se fait comme en production (DEBUG=0).")
        wrk = shutil.which("wrk")
        if not wrk:
            raise CommandError("wrk est introuvable : « make load » l'installe (paquet Debian wrk).")
        if not 1 <= duration <= 120:
            raise CommandError("--duration : entre 1 et 120 secondes.")
        pages = [(label, path) for label, make_path in PAGES
                 if only.lower() in label.lower() and not (skip and skip.lower() in label.lower())
                 and (path := make_path())]
        static = staticfiles_storage.url("css/site.css")  # the manifest's hashed name: collectstatic is required
        port = port or _free_port()
        feeds = self.feeds_to_measure() if not only or only.lower() in "flux xml" else []
        feed_measures = []
        server = self.start_gunicorn(port, workers)
        try:
            base = f"http://{HOST}:{port}"
            self.wait_until_ready(base + static, server)
            load = os.getloadavg()
            self.stdout.write(f"gunicorn : {workers} processus sur {base} ; wrk -t{threads} -c{connections} "
                              f"-d{duration}s par page ; cache des pages publiques : "
                              f"{settings.PUBLIC_PAGE_CACHE.get('timeout', 0)} s, version relue toutes les "
                              f"{settings.PUBLIC_PAGE_CACHE.get('version_seconds', 0)} s ; "
                              f"charge de la machine au départ (uptime) : "
                              f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} sur {os.cpu_count()} cœurs")
            run = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s"]
            with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
                script.write(LUA)
                script.flush()
                run += ["-s", script.name]
                first = self.measure(run, base, "Fichier statique (début)", static)
                measures = [self.measure(run, base, label, path) for label, path in pages]
                gzip_run = [*run, "-H", "Accept-Encoding: gzip"]
                for label, path, static_path in feeds:
                    feed_measures.append((self.measure(gzip_run, base, label, path),
                                          self.measure(run, base, "Fichier statique de même taille", static_path)))
                last = self.measure(run, base, "Fichier statique (fin)", static)
        finally:
            self.stop(server)
        answered = [m.rate for m in (first, last) if m.requests]
        reference = sum(answered) / len(answered) if answered else 0
        if not reference:
            raise CommandError("Le fichier statique n'a pas été servi : pas de référence.")
        self.report([first, *measures, last], reference)
        for feed, same_size in feed_measures:
            self.report_feed(feed, same_size)
        load = os.getloadavg()
        self.stdout.write(f"Charge de la machine à la fin (uptime) : {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")

    def start_gunicorn(self, port, workers):
        env = {**os.environ, "DEBUG": "0", "GUNICORN_BIND": f"{HOST}:{port}", "GUNICORN_WORKERS": str(workers),
               "GUNICORN_THREADS": "1", "GUNICORN_LOG_LEVEL": "error"}
        env.pop("GUNICORN_ACCESS_LOG", None)
        return subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(settings.BASE_DIR / "gunicorn.conf.py")],
                                cwd=settings.BASE_DIR, env=env, start_new_session=True)

    def wait_until_ready(self, url, server):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError("gunicorn s'est arrêté au démarrage (voir ses messages ci-dessus).")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        raise CommandError("gunicorn ne répond pas après 60 s.")

    def stop(self, server):
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()

    def measure(self, run, base, label, path) -> Measure:
        url = base + path
        cache = self.warm_up(label, url)
        output = subprocess.run([*run, url], capture_output=True, text=True, timeout=300).stdout
        match = RESULT.search(output)
        if not match:
            raise CommandError(f"Sortie de wrk illisible pour {label} :\n{output}")
        requests, seconds, p50, p95, _max, errors, size = match.groups()
        requests = int(requests)
        return Measure(label, path, requests / float(seconds), int(p50) / 1000, int(p95) / 1000, int(errors),
                       requests, int(size) / max(requests, 1) / 1024, cache)

    def warm_up(self, label, url) -> str:
        """Two requests before the load: the page must answer 200, its cache is filled, and the requests the
        previous page left queued in gunicorn are done (waits up to 2 minutes). Returns X-Page-Cache."""
        deadline = time.monotonic() + 120
        while True:
            try:
                for _ in range(2):
                    with urllib.request.urlopen(url, timeout=30) as response:
                        response.read()
                return response.headers.get("X-Page-Cache", "")
            except urllib.error.HTTPError as exc:
                self.stderr.write(f"{label} : {url} répond {exc.code}")
                return ""
            except (urllib.error.URLError, OSError) as exc:
                if time.monotonic() > deadline:
                    self.stderr.write(f"{label} : {url} ne répond pas ({exc})")
                    return ""

    def feeds_to_measure(self) -> list[tuple[str, str, str]]:
        """(label, path, a static file as big) for the public feed and a partner's (« Banc de charge », created
        once; each of its reads is logged, as a partner's): the feeds as the crawlers receive them, gzipped, as
        the shared cache keeps them (written here once, then read from Redis by gunicorn). None when the page
        cache is off."""
        partner, _ = Partner.objects.get_or_create(slug="banc-de-charge", defaults={"name": "Banc de charge"})
        feeds = []
        for label, path, write in [
            ("Flux XML public (gzip)", reverse("diffusion:public_feed"), lambda: cached_public_feed(settings.SITE_URL)),
            ("Flux XML d'un partenaire (gzip)", partner.feed_path(),
             lambda: cached_partner_feed(partner, settings.SITE_URL)),
        ]:
            started = time.monotonic()
            feed = write()
            if feed is None:
                self.stdout.write(f"{label} : cache des pages désactivé, flux non mesuré.")
                continue
            self.stdout.write(f"{label} : {len(feed) / 1024:.0f} Ko compressé, écrit en "
                              f"{time.monotonic() - started:.1f} s")
            feeds.append((label, path, self.static_file_of(len(feed))))
        return feeds

    def static_file_of(self, size: int) -> str:
        """The URL of a static file of ``size`` random bytes (incompressible: served as it is, like a gzipped
        feed), written in STATIC_ROOT before gunicorn starts (WhiteNoise lists the files when it starts)."""
        folder = os.path.join(settings.STATIC_ROOT, "load")
        os.makedirs(folder, exist_ok=True)
        name = f"reference-{size}.bin"
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(os.urandom(size))
        return settings.STATIC_URL + "load/" + name

    def report_feed(self, feed: Measure, static: Measure):
        ratio = feed.rate / static.rate if static.rate else 0
        self.stdout.write(f"{feed.label} ({feed.kbytes:.0f} Ko) : {feed.rate:.0f} /s,"
                          f" p50 {feed.p50_ms:.1f} ms, p95 {feed.p95_ms:.1f} ms, {feed.errors} erreurs ;"
                          f" fichier statique de même taille : {static.rate:.0f} /s ; rapport {ratio:.2f}")

    def report(self, measures, reference):
        self.stdout.write(f"{'page':<34} {'pages/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'erreurs':>8} "
                          f"{'Ko':>7} {'/statique':>9}  cache  chemin")
        for m in measures:
            self.stdout.write(f"{m.label:<34} {m.rate:8.0f} {m.p50_ms:8.1f} {m.p95_ms:8.1f} {m.errors:8d} "
                              f"{m.kbytes:7.1f} {m.rate / reference:9.2f}  {m.cache or '-':<5}  {m.path}")
        self.stdout.write(f"Référence : fichier statique {reference:.0f} /s (moyenne du début et de la fin, "
                          f"quand il a répondu).")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]
