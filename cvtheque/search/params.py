"""The search's parameters, read from a query string."""

import dataclasses

from django.http import QueryDict

from cvtheque.cvs.enums import Availability, ContractType, CVSource, EducationLevel

# --- parameters ------------------------------------------------------------------------------------------------


def _int_or_none(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 1000 else None


@dataclasses.dataclass
class CVSearchParams:
    q: str = ""
    place: str = ""
    radius_km: int | None = None
    rqth_only: bool = False
    contract_types: list[str] = dataclasses.field(default_factory=list)
    availability: str = ""
    driving_licence: bool = False
    education_level: str = ""
    updated_within_months: int | None = None
    source: str = ""

    @classmethod
    def from_querydict(cls, data) -> "CVSearchParams":
        """Read GET parameters; anything unknown or malformed is ignored, never an error."""
        getlist = data.getlist if hasattr(data, "getlist") else (lambda k: data.get(k) or [])
        truthy = {"1", "on", "true", "oui"}
        return cls(
            q=(data.get("q") or "").strip()[:200],
            place=(data.get("place") or data.get("ou") or "").strip()[:200],  # « ou »: the dashboard's form
            radius_km=_int_or_none(data.get("radius_km")) or None,
            rqth_only=str(data.get("rqth_only", "")).lower() in truthy,
            contract_types=[c for c in getlist("contract_types") if c in ContractType.values],
            availability=data.get("availability") if data.get("availability") in Availability.values else "",
            driving_licence=str(data.get("driving_licence", "")).lower() in truthy,
            education_level=(
                data.get("education_level") if data.get("education_level") in EducationLevel.values else ""
            ),
            updated_within_months=_int_or_none(data.get("updated_within_months")) or None,
            source=data.get("source") if data.get("source") in CVSource.values else "",
        )

    def to_querydict(self) -> QueryDict:
        qd = QueryDict(mutable=True)
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value in ("", None, False, []):
                continue
            if isinstance(value, list):
                qd.setlist(field.name, value)
            else:
                qd[field.name] = "1" if value is True else str(value)
        return qd

    @property
    def is_empty(self) -> bool:
        return not self.to_querydict()
