"""``manage.py generate_cvs N``: realistic synthetic CVs, in the database or in a JSON Lines file."""

import json
import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from cvtheque.cvs.generator import Generator, generate


class Command(BaseCommand):
    help = (
        "Génère N CV synthétiques réalistes (métiers, communes pondérées par la population, diplômes, "
        "expériences, formes féminines, quelques fautes de frappe) : dans la base, ou dans un fichier JSON Lines "
        "lisible par import_cvs avec --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--output", help="écrit un fichier .jsonl au lieu d'importer")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--prefix", default="gen", help="préfixe des external_id")

    def handle(self, *args, count, output, seed, prefix, **options):
        started = time.monotonic()
        with tqdm(total=count, unit=" CV", disable=not sys.stderr.isatty(), file=sys.stderr) as progress:
            if output:
                with open(output, "w", encoding="utf-8") as handle:
                    for line in Generator(seed=seed).lines(count, prefix):
                        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
                        progress.update(1)
                self.stdout.write(f"{count} CV écrits dans {output} en {time.monotonic() - started:.1f} s.")
                return
            report = generate(count, seed=seed, prefix=prefix, progress=progress)
        self.stdout.write(
            f"{report.created} CV créés, {report.updated} mis à jour en {time.monotonic() - started:.1f} s."
        )
