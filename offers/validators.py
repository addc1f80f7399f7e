"""Field rules of an offer, each in one named function (used by the model and the forms)."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

# How many days an offer stays online after its approval: every text says it through this constant
# (templates: ``{% offer_lifetime_days %}`` of offers_tags).
OFFER_LIFETIME_DAYS = 60

_PHONE_SEPARATORS = re.compile(r"[\s.\-/()]")
# overseas country codes that are French numbers dialled with a leading 0 at home
_OVERSEAS_PREFIXES = ("262", "269", "508", "590", "594", "596", "687", "689")


def normalize_french_phone(value: str) -> str:
    """« +33 6 12 34 56 78 », « 06.12.34.56.78 », « 0033612345678 » → « 06 12 34 56 78 ».

    Raises ValidationError (French message) for anything that is not a French number."""
    raw = _PHONE_SEPARATORS.sub("", value or "")
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if raw.startswith("+33"):
        raw = "0" + raw[3:]
        if raw.startswith("00"):  # « +33 (0)6 … »
            raw = raw[1:]
    elif raw.startswith("+") and raw[1:4] in _OVERSEAS_PREFIXES:
        raw = "0" + raw[4:] if raw[1:4] in ("262", "590", "594", "596") else "0" + raw[1:]
    if not re.fullmatch(r"0[1-9]\d{8}", raw):
        raise ValidationError(
            "Saisissez un numéro de téléphone français à 10 chiffres, par exemple 04 68 12 34 56 ou +33 6 12 34 56 78.",
            code="invalid_phone",
        )
    return " ".join(raw[i:i + 2] for i in range(0, 10, 2))


def validate_removal_date(value: datetime.date | None, today: datetime.date | None = None) -> None:
    """The optional removal date is after today and within the OFFER_LIFETIME_DAYS an offer stays online."""
    if value is None:
        return
    today = today or timezone.localdate()
    if value <= today:
        raise ValidationError("La date de retrait doit être postérieure à aujourd'hui.", code="removal_past")
    latest = today + datetime.timedelta(days=OFFER_LIFETIME_DAYS)
    if value > latest:
        raise ValidationError(
            f"La date de retrait doit être au plus tard le {latest:%d/%m/%Y} "
            f"({OFFER_LIFETIME_DAYS} jours en ligne au maximum).",
            code="removal_too_late",
        )


def validate_salary(salary_min: Decimal | None, salary_max: Decimal | None, period: str) -> None:
    """Salary: optional; a minimum, or a minimum and a maximum, always with its period."""
    if salary_min is None and salary_max is None:
        if period:
            raise ValidationError("Indiquez un montant de salaire ou laissez la période vide.", code="salary_no_amount")
        return
    if salary_min is None:
        raise ValidationError("Indiquez le salaire minimum (ou un montant unique).", code="salary_no_min")
    if not period:
        raise ValidationError("Précisez si le salaire est horaire, mensuel ou annuel.", code="salary_no_period")
    if salary_min <= 0 or (salary_max is not None and salary_max <= 0):
        raise ValidationError("Le salaire doit être un montant positif.", code="salary_negative")
    if salary_max is not None and salary_max < salary_min:
        raise ValidationError("Le salaire maximum doit être supérieur ou égal au minimum.", code="salary_order")


# The description: a long offer is ~5 000 characters of text; twice that is room enough, and it bounds the
# wording checker, the editor pages and the moderator's review page. The HTML around the text (lists,
# bold, links) is bounded at five times the text, checked first (cheap) so a huge paste is never parsed.
DESCRIPTION_MAX_TEXT_CHARS = 10_000
DESCRIPTION_MAX_HTML_CHARS = 5 * DESCRIPTION_MAX_TEXT_CHARS
_TAG = re.compile(r"<[^>]*>")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def validate_description_length(html: str) -> None:
    """At most DESCRIPTION_MAX_TEXT_CHARS characters of text (tags not counted); raises ValidationError."""
    html = html or ""
    length = len(html) if len(html) > DESCRIPTION_MAX_HTML_CHARS else len(_TAG.sub("", html))
    if len(html) > DESCRIPTION_MAX_HTML_CHARS or length > DESCRIPTION_MAX_TEXT_CHARS:
        raise ValidationError(
            f"La description est trop longue : {_thousands(length)} caractères pour "
            f"{_thousands(DESCRIPTION_MAX_TEXT_CHARS)} au maximum.", code="description_too_long")
