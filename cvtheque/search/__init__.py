"""CV search: one function, ``search_cvs(params)``, returning a plain queryset of visible CVs, and its fast
twin for the search page, ``ranked_page(params, place, offset, limit)`` (one statement: a page and the count).

Documents and queries go through the same ``normalize()``: accents, case and ligatures folded
(``toolkit.text.fold``), punctuation turned into spaces, « Bac+2 » kept as one word and feminine
job forms turned into masculine ones (« vendeuse » → « vendeur », « préparatrice » → « préparateur »), then
PostgreSQL's ``french`` configuration stems them. The query language: words in any order, all required
(AND); ``"quoted phrases"``; ``OU`` / ``OR`` between alternatives; ``-mot`` excludes. Métier synonyms and
forms from the referential expand the query. Searches read ``CVSearchEntry`` (a narrow copy of each
visible CV kept by triggers), never the wide CV rows; relevance is the tier where the words are
(titre + métiers, then the profile, then the full text), then freshness.
"""
