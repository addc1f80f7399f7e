"""The moderation's figures for the staff page « Statistiques »: offers submitted, approved and refused per
week, the time to a decision (median and 90th percentile), refusals by reason and the checker's findings by
criterion. Each function is one aggregate query over the window."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from offers.enums import OfferStatus
from offers.models import Offer
from toolkit.stats import PercentileCont, by_week, elapsed_seconds, week_of

from .enums import DecisionKind, RejectionReason
from .models import ModerationDecision

# What each finding code is about, as the statistics page names it.
FINDING_LABELS: dict[str, str] = {
    "critere_origine": "Origine",
    "critere_sexe": "Sexe, identité de genre",
    "critere_moeurs": "Mœurs, orientation sexuelle",
    "critere_age": "Âge",
    "limite_age": "Limite d'âge",
    "critere_famille": "Situation de famille, grossesse",
    "critere_genetique": "Caractéristiques génétiques",
    "critere_vulnerabilite": "Vulnérabilité économique",
    "critere_opinions": "Opinions, activités syndicales, mandat",
    "critere_religion": "Convictions religieuses",
    "critere_apparence": "Apparence physique",
    "critere_nom": "Nom de famille",
    "critere_residence": "Lieu de résidence",
    "critere_banque": "Domiciliation bancaire",
    "critere_sante": "Santé, handicap, autonomie",
    "critere_langue": "Langue",
    "critere_lanceur_alerte": "Lanceur d'alerte",
    "offre_non_francais": "Offre non rédigée en français",
    "mention_hf_manquante": "Mention H/F manquante",
    "titre_genre": "Titre genré",
    "titre_majuscules": "Titre en majuscules",
    "description_trop_courte": "Description trop courte",
    "coordonnees_email": "Adresse e-mail dans le texte",
    "coordonnees_telephone": "Téléphone dans le texte",
    "coordonnees_url": "Adresse web dans le texte",
}


def weekly_submissions(since: datetime.datetime) -> dict[datetime.date, int]:
    """Submissions per week: those decided since (by the moment they were submitted) and those still waiting.
    One query (``UNION ALL`` of two grouped counts)."""
    decided = (ModerationDecision.objects.filter(submitted_at__gte=since).annotate(week=week_of("submitted_at"))
               .values("week").annotate(count=Count("pk")).order_by())
    waiting = (Offer.objects.filter(status=OfferStatus.PENDING, deleted_at__isnull=True, submitted_at__gte=since)
               .annotate(week=week_of("submitted_at")).values("week").annotate(count=Count("pk")).order_by())
    weeks: dict[datetime.date, int] = {}
    for row in decided.union(waiting, all=True).order_by():
        for week, count in by_week([row]).items():
            weeks[week] = weeks.get(week, 0) + count
    return weeks


def weekly_decisions(since: datetime.datetime) -> dict[datetime.date, dict]:
    """Per week of decision: approved, refused, and the median and 90th percentile of the hours between the
    submission and the decision in seconds (a decision without its submission moment is not timed: None when
none is). One query."""
    waited = elapsed_seconds("submitted_at", "decided_at")
    rows = (ModerationDecision.objects.filter(decided_at__gte=since).annotate(week=week_of("decided_at"))
            .values("week")
            .annotate(approved=Count("pk", filter=Q(decision=DecisionKind.APPROVE)),
                      refused=Count("pk", filter=Q(decision=DecisionKind.REJECT)),
                      median=PercentileCont(waited, 0.5), p90=PercentileCont(waited, 0.9))
            .order_by())
    return {timezone.localdate(row.pop("week")): row for row in rows}


def decision_time(since: datetime.datetime) -> dict:
    """Over the whole window: decisions timed, median and 90th percentile in seconds (None without any)."""
    waited = elapsed_seconds("submitted_at", "decided_at")
    return (ModerationDecision.objects.filter(decided_at__gte=since, submitted_at__isnull=False)
            .aggregate(decisions=Count("pk"), median=PercentileCont(waited, 0.5), p90=PercentileCont(waited, 0.9)))


def refusals_by_reason(since: datetime.datetime) -> list[tuple[str, int]]:
    """(reason label, refusals) over the window, most frequent first. One query."""
    rows = (ModerationDecision.objects.filter(decided_at__gte=since, decision=DecisionKind.REJECT)
            .values("reason").annotate(count=Count("pk")).order_by("-count", "reason"))
    labels = dict(RejectionReason.choices)
    return [(labels.get(row["reason"]) or "Sans motif", row["count"]) for row in rows]


_FINDINGS_BY_CODE = """
    SELECT finding ->> 'code' AS code, COUNT(DISTINCT decision.id)
    FROM moderation_moderationdecision AS decision
    CROSS JOIN LATERAL jsonb_array_elements(
        CASE jsonb_typeof(decision.findings) WHEN 'array' THEN decision.findings ELSE '[]'::jsonb END) AS finding
    WHERE decision.decided_at >= %s
    GROUP BY 1
    ORDER BY 2 DESC, 1
"""


def findings_by_criterion(since: datetime.datetime) -> list[tuple[str, int]]:
    """(what the finding is about, offers decided with it) over the window, most frequent first: the findings
    stored with each decision, an offer counted once per code. One query."""
    with connection.cursor() as cursor:
        cursor.execute(_FINDINGS_BY_CODE, [since])
        rows = cursor.fetchall()
    return [(FINDING_LABELS.get(code, code), count) for code, count in rows if code]
