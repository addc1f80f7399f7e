"""``manage.py check_offers FILE.jsonl``: check offers read from a file (one JSON object per line
with ``title`` and ``description``) and print one JSON line per offer. Without a file: re-check
every pending and published offer in the database and store their findings (after a lexicon change)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from moderation.checker import check_offer
from moderation.services import recheck_offers


class Command(BaseCommand):
    help = ("Contrôle automatique des offres : lit un fichier JSONL (title, description) et affiche une ligne JSON "
            "par offre ; sans fichier, re-contrôle les offres en attente et publiées et enregistre le résultat.")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="fichier JSONL (« - » pour l'entrée standard)")

    def handle(self, *args, file=None, **options):
        if file is None:
            return self.recheck_database()
        try:
            handle = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Impossible de lire {file} : {error.strerror}") from error
        with handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                self.stdout.write(json.dumps(self.check_line(number, line), ensure_ascii=False))

    @staticmethod
    def check_line(number: int, line: str) -> dict:
        try:
            offer = json.loads(line)
        except json.JSONDecodeError as error:
            return {"line": number, "error": f"JSON invalide : {error.msg}", "findings": []}
        if not isinstance(offer, dict):
            return {"line": number, "error": "Chaque ligne doit être un objet JSON avec title et description.",
                    "findings": []}
        title, description = offer.get("title") or "", offer.get("description") or ""
        if not isinstance(title, str) or not isinstance(description, str):
            return {"line": number, "error": "title et description doivent être du texte.", "findings": []}
        findings = check_offer(title, description)
        return {"line": number, "findings": [
            {"code": f.code, "severity": f.severity, "message": f.message, "excerpt": f.excerpt} for f in findings]}

    def recheck_database(self):
        checked, flagged = recheck_offers()
        self.stdout.write(f"{checked} offre(s) re-contrôlée(s), {flagged} avec au moins un signalement.")
