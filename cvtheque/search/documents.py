"""What is stored for the search: each CV's normalised document parts and the vectors built from them."""

from django.db import connection

from cvtheque.cvs.enums import ContractType, EducationLevel
from cvtheque.cvs.models import CV
from referentials.query import exact_metier_tokens, metier_forms

from .ranking import FULL_TEXT, PARTS, PROFILE
from .text import CONFIG, FULLTEXT_MAX_CHARS, normalize

_CONTRACT_LABELS = dict(ContractType.choices)  # read for every CV of a bulk import: the enum's lists once


def document_parts(cv, metier_names: list[str] | None = None) -> tuple[str, str, str, str]:
    """The CV's ``ranking.PARTS``, normalised: (titre + métiers and their ``query.metier_token``,
    compétences, présentation and profile, the rest).
    ``metier_names``: every form of the CV's métiers when the caller has them (bulk import)."""
    if metier_names is None:
        metier_names = [form for m in cv.metiers.all() for form in metier_forms(m)]
    title = " ".join([normalize(" ".join([cv.headline, *metier_names])),
                      *exact_metier_tokens(cv.headline, metier_names)])
    skills = normalize(cv.skills)
    profile = [cv.summary]
    if cv.education_level:
        profile.append(EducationLevel(cv.education_level).label)
    profile += [_CONTRACT_LABELS[c] for c in cv.contract_types if c in _CONTRACT_LABELS]
    if cv.driving_licence:
        profile.append("permis B")
    rest = normalize(" ".join([cv.experience, cv.extracted_text[:FULLTEXT_MAX_CHARS]]))
    return title, skills, normalize(" ".join(profile)), rest


def _joined(tier, prefix: str) -> str:
    return " || ' ' || ".join(f"{prefix}{part.name}" for part in PARTS[: tier.parts])


def search_column_expressions(prefix: str) -> dict[str, str]:
    """The CV's search columns as SQL expressions of the ``PARTS`` columns ``{prefix}title``,
    ``{prefix}skills``…, each built from a prefix of the parts (``ranking.TIERS``): what every writer of them
    uses (``write_search_columns``, the bulk import's COPY). The entry triggers (migration 0005) copy them,
    the titre's vector being ``ts_filter(search_vector, TITLE.weights)``."""
    return {
        "search_document": _joined(PROFILE, prefix),
        "search_vector": " || ".join(f"setweight(to_tsvector('{CONFIG}', {prefix}{part.name}), '{part.weight}')"
                                     for part in PARTS[: PROFILE.parts]),
        "fulltext_vector": f"to_tsvector('{CONFIG}', {_joined(FULL_TEXT, prefix)})",
    }


_UPDATE_SQL = f"""
UPDATE cvtheque_cv AS cv SET
    {", ".join(f"{column} = {expression}" for column, expression in search_column_expressions("v.").items())}
FROM (VALUES {{values}}) AS v(id, {", ".join(part.name for part in PARTS)})
WHERE cv.id = v.id
"""


def update_search_columns(cv_ids, batch_size: int = 500) -> None:
    """Recompute the stored search document and vectors of these CVs (after any change of their text)."""
    cv_ids = list(cv_ids)
    for start in range(0, len(cv_ids), batch_size):
        batch = CV.objects.filter(pk__in=cv_ids[start : start + batch_size]).prefetch_related("metiers")
        write_search_columns([(cv.pk, *document_parts(cv)) for cv in batch])


def write_search_columns(rows: list[tuple]) -> None:
    """rows: (cv id, *parts) as returned by ``document_parts``."""
    if not rows:
        return
    values = ", ".join(["(%s::bigint" + ", %s" * len(PARTS) + ")"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_SQL.format(values=values), [x for row in rows for x in row])
