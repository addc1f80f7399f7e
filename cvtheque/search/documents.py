"""What is stored for the search: each CV's normalised document parts and vectors."""

from django.db import connection

from cvtheque.cvs.enums import ContractType, EducationLevel
from cvtheque.cvs.models import CV

from .query import metier_forms
from .text import FULLTEXT_MAX_CHARS, normalize

# --- documents -------------------------------------------------------------------------------------------------




def document_parts(cv, metier_names: list[str] | None = None) -> tuple[str, str, str, str]:
    """(A: titre + métiers, B: compétences, C: présentation and profile, D: the rest) normalised.
    ``metier_names``: every form of the CV's métiers when the caller has them (bulk import)."""
    if metier_names is None:
        metier_names = [form for m in cv.metiers.all() for form in metier_forms(m)]
    metiers = metier_names
    a = normalize(" ".join([cv.headline, *metiers]))
    b = normalize(cv.skills)
    profile = [cv.summary]
    if cv.education_level:
        profile.append(EducationLevel(cv.education_level).label)
    profile += [ContractType(c).label for c in cv.contract_types if c in ContractType.values]
    if cv.driving_licence:
        profile.append("permis B")
    c = normalize(" ".join(profile))
    d = normalize(" ".join([cv.experience, cv.extracted_text[:FULLTEXT_MAX_CHARS]]))
    return a, b, c, d


_UPDATE_SQL = """
UPDATE cvtheque_cv AS cv SET
    search_document = v.a || ' ' || v.b || ' ' || v.c,
    search_vector = setweight(to_tsvector('french', v.a), 'A') || setweight(to_tsvector('french', v.b), 'B')
                    || setweight(to_tsvector('french', v.c), 'C'),
    fulltext_vector = to_tsvector('french', v.a || ' ' || v.b || ' ' || v.c || ' ' || v.d)
FROM (VALUES {values}) AS v(id, a, b, c, d)
WHERE cv.id = v.id
"""


def update_search_columns(cv_ids, batch_size: int = 500) -> None:
    """Recompute the stored search document and vectors of these CVs (after any change of their text)."""
    cv_ids = list(cv_ids)
    for start in range(0, len(cv_ids), batch_size):
        batch = CV.objects.filter(pk__in=cv_ids[start : start + batch_size]).prefetch_related("metiers")
        write_search_columns([(cv.pk, *document_parts(cv)) for cv in batch])


def write_search_columns(rows: list[tuple]) -> None:
    """rows: (cv id, A, B, C, D) as returned by ``document_parts``."""
    if not rows:
        return
    values = ", ".join(["(%s::bigint, %s, %s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_SQL.format(values=values), [x for row in rows for x in row])
