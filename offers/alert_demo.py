"""Demo job alerts: two « Alertes emploi » of the demo candidate. Idempotent (one alert per search)."""

from accounts.demo import demo_user
from referentials.services import place_from_key

from .alert_models import JobAlertFrequency
from .alerts import create_job_alert
from .enums import ContractType
from .search import OfferCriteria

DEMO_ALERTS = [
    (OfferCriteria(q="vendeur", place=None, radius_km=20, contract_types=[ContractType.CDI]), "commune:11069",
     JobAlertFrequency.DAILY),
    (OfferCriteria(q="serveur", contract_types=[ContractType.SAISONNIER]), "departement:11", JobAlertFrequency.WEEKLY),
]


def load(stdout):
    candidate = demo_user("candidat@demo.terredemplois.fr")
    for criteria, place_key, frequency in DEMO_ALERTS:
        criteria.place = place_from_key(place_key)
        create_job_alert(candidate, criteria, frequency)
    stdout.write(f"Alertes emploi : {candidate.job_alerts.count()} alertes pour {candidate.email}.")
