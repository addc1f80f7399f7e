"""``manage.py recompute_cv_facts [--apply]``: the facts of every CV (``cvs.facts``: licences, CACES, diplomas
stated in its text) computed again, with its search columns, after a change of the rules that read them.
Dry run by default: says how many CVs would change, with a few examples."""

from django.core.management.base import BaseCommand

from cvtheque.cvs.facts import derive_facts
from cvtheque.cvs.models import CV
from cvtheque.search.documents import update_search_columns

BATCH = 500
FACT_FIELDS = ("licences", "caces", "diplomas")


def stale_facts(batch: int = BATCH):
    """Yield (CV, its facts now) for every CV whose stored facts differ from what its text states."""
    queryset = CV.objects.order_by("pk").only("pk", "first_name", "last_name", "headline", "skills", "summary",
                                               "experience", "extracted_text", "driving_licence", *FACT_FIELDS)
    last = 0
    while True:
        cvs = list(queryset.filter(pk__gt=last)[:batch])
        if not cvs:
            return
        for cv in cvs:
            facts = derive_facts(cv)
            if [getattr(facts, f) for f in FACT_FIELDS] != [getattr(cv, f) for f in FACT_FIELDS]:
                yield cv, facts
        last = cvs[-1].pk


class Command(BaseCommand):
    help = ("Recalcule les faits écrits dans les CV (permis, CACES, diplômes) et leurs colonnes de recherche ;"
            " simulation sans --apply.")

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="enregistrer (sans cette option : simulation)")

    def handle(self, *args, apply=False, **options):
        stale, shown = [], 0
        for cv, facts in stale_facts():
            stale.append(cv.pk)
            if shown < 10:
                shown += 1
                self.stdout.write(f"CV {cv.pk} ({cv.headline}) : permis {facts.licences}, CACES {facts.caces},"
                                  f" diplômes {facts.diplomas}")
        if not apply:
            self.stdout.write(f"Simulation : {len(stale)} CV à recalculer ; rien n'est modifié (--apply pour"
                              " enregistrer).")
            return
        for start in range(0, len(stale), BATCH):
            update_search_columns(stale[start : start + BATCH])
        self.stdout.write(f"{len(stale)} CV recalculés.")
