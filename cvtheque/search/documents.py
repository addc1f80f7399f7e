"""What is stored for the search: each CV's normalised document parts and the vectors built from them."""

from django.db import connection

from cvtheque.cvs.enums import ContractType, EducationLevel
from cvtheque.cvs.facts import Facts, apply_facts, derive_facts, split_negated_mentions
from cvtheque.cvs.models import CV
from referentials.query import core_forms, exact_metier_tokens, metier_forms, metier_name_keys, name_key

from .ranking import FULL_TEXT, PARTS, PROFILE
from .text import CONFIG, FULLTEXT_MAX_CHARS, normalize, normalize_words

_CONTRACT_LABELS = dict(ContractType.choices)  # read for every CV of a bulk import: the enum's lists once


def document_parts(cv, metier_names: list[str] | None = None, facts: Facts | None = None) -> tuple[str, str, str, str]:
    """The CV's ``ranking.PARTS``, normalised: (titre + métiers and their ``query.metier_token``,
    compétences, présentation and profile with the facts its text states (``cvs.facts``: a licence, a CACES
    or a diploma written only in the document's text is evidence of the profile), the rest).
    ``metier_names``: every form of the CV's métiers when the caller has them (bulk import); ``facts``: the
    CV's ``derive_facts`` when the caller has them."""
    if metier_names is None:
        metier_names = [form for m in cv.metiers.all() for form in metier_forms(m)]
    metier_names = core_forms(metier_names)  # « Soudeur TIG » is no evidence of TIG for a soudeur
    names = metier_name_keys()
    # the titre holds the métiers' names; their other names (« Agent d'entretien des espaces verts » for a
    # jardinier) are evidence of the profile: a query's own words found only there are no titre of the CV
    own_names = [n for n in metier_names if name_key(n) in names]
    title = " ".join([normalize(" ".join([cv.headline, *own_names])),
                      *exact_metier_tokens(cv.headline, metier_names)])
    other_names = [n for n in metier_names if n not in own_names]
    skills, negated_in_skills = split_negated_mentions(normalize_words(" ".join([cv.skills, *other_names])))
    profile = [cv.summary]
    if cv.education_level:
        profile.append(EducationLevel(cv.education_level).label)
    profile += [_CONTRACT_LABELS[c] for c in cv.contract_types if c in _CONTRACT_LABELS]
    profile.append((facts or derive_facts(cv)).words())
    profile, negated_in_profile = split_negated_mentions(normalize_words(" ".join(profile)))
    # a negated licence or CACES (« pas de CACES ») is only a word of the text: found, never the profile's evidence
    rest = " ".join([*negated_in_skills, *negated_in_profile,
                     normalize(" ".join([cv.experience, cv.extracted_text[:FULLTEXT_MAX_CHARS]]))]).strip()
    return title, " ".join(skills), " ".join(profile), rest


def _joined(tier, prefix: str) -> str:
    return " || ' ' || ".join(f"{prefix}{part.name}" for part in PARTS[: tier.parts])


COMPUTED_VECTOR = "computed.search_vector"


def search_vector_lateral(prefix: str) -> str:
    """The ``FROM`` item that computes the profile's vector once per row (``COMPUTED_VECTOR``), for
    ``search_column_expressions``: the full text's vector is built from it and the rest's words, so that the
    titre, compétences and profile are parsed and stemmed once, not twice (a third of the import's text work)."""
    vector = " || ".join(f"setweight(to_tsvector('{CONFIG}', {prefix}{part.name}), '{part.weight}')"
                         for part in PARTS[: PROFILE.parts])
    return f"CROSS JOIN LATERAL (SELECT {vector} AS search_vector) AS computed"


def search_column_expressions(prefix: str) -> dict[str, str]:
    """The CV's search columns as SQL expressions of the ``PARTS`` columns ``{prefix}title``,
    ``{prefix}skills``…, each built from a prefix of the parts (``ranking.TIERS``), in a statement whose
    ``FROM`` holds ``search_vector_lateral(prefix)``: what every writer of them uses (``write_search_columns``,
    the bulk import's COPY). The full text's vector is the profile's, unweighted, followed by the rest's words
    (``||`` shifts their positions past the profile's: a phrase inside a part is found as in the parts joined).
    The entry triggers (migration 0005) copy them, the titre's vector being ``ts_filter(search_vector,
    TITLE.weights)``."""
    rest = " || ' ' || ".join(f"{prefix}{part.name}" for part in PARTS[PROFILE.parts : FULL_TEXT.parts])
    return {
        "search_document": _joined(PROFILE, prefix),
        "search_vector": COMPUTED_VECTOR,
        "fulltext_vector": f"setweight({COMPUTED_VECTOR}, 'D') || to_tsvector('{CONFIG}', {rest})",
    }


_UPDATE_SQL = f"""
UPDATE cvtheque_cv AS cv SET
    {", ".join(f"{column} = {expression}" for column, expression in search_column_expressions("v.").items())}
FROM (VALUES {{values}}) AS v(id, {", ".join(part.name for part in PARTS)}) {search_vector_lateral("v.")}
WHERE cv.id = v.id
"""


def update_search_columns(cv_ids, batch_size: int = 500) -> None:
    """Recompute the stored search document and vectors of these CVs, and the facts their text states (after
    any change of their text)."""
    cv_ids = list(cv_ids)
    for start in range(0, len(cv_ids), batch_size):
        batch = CV.objects.filter(pk__in=cv_ids[start : start + batch_size]).prefetch_related("metiers")
        rows, changed = [], []
        for cv in batch:
            stored = (cv.licences, cv.caces, cv.diplomas)
            facts = apply_facts(cv)
            if (facts.licences, facts.caces, facts.diplomas) != stored:
                changed.append(cv)
            rows.append((cv.pk, *document_parts(cv, facts=facts)))
        CV.objects.bulk_update(changed, ["licences", "caces", "diplomas"])  # the text changed without CV.save()
        write_search_columns(rows)


def write_search_columns(rows: list[tuple]) -> None:
    """rows: (cv id, *parts) as returned by ``document_parts``."""
    if not rows:
        return
    values = ", ".join(["(%s::bigint" + ", %s" * len(PARTS) + ")"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_SQL.format(values=values), [x for row in rows for x in row])
