"""« Mes données » (right of access, RGPD art. 15): everything held about a person, in one ZIP.

accounts cannot import the apps above it, so they contribute through ``signals.personal_data_requested``:
each returns ``PersonalData`` sections (JSON-ready data, plus files such as the CV document)."""

import io
import json
import zipfile
from dataclasses import dataclass, field

from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from .signals import personal_data_requested


@dataclass
class PersonalData:
    section: str  # the JSON key, in French: « compte », « cv », « candidatures »…
    data: object
    files: list[tuple[str, File]] = field(default_factory=list)  # (name in the ZIP, file)


def account_data(user) -> PersonalData:
    return PersonalData("compte", {
        "email": user.email, "prenom": user.first_name, "nom": user.last_name,
        "type_de_compte": user.get_kind_display(), "inscrit_le": user.date_joined,
        "derniere_connexion": user.last_login,
    })


def collect_personal_data(user) -> list[PersonalData]:
    sections = [account_data(user)]
    for _receiver, response in personal_data_requested.send(sender=user.__class__, user=user):
        if response is None:
            continue
        sections.extend(response if isinstance(response, list | tuple) else [response])
    return sections


def personal_data_zip(user) -> bytes:
    """« mes-donnees.json » and the documents under « documents/ »."""
    sections = collect_personal_data(user)
    document = {"exporte_le": timezone.now(), **{s.section: s.data for s in sections}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mes-donnees.json", json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        for section in sections:
            for name, file in section.files:
                try:
                    with file.open("rb") as handle:
                        archive.writestr(f"documents/{name}", handle.read())
                except FileNotFoundError:
                    continue
    return buffer.getvalue()
