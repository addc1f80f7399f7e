"""CV search: one function, ``search_cvs(params)`` (``queryset``), returning a plain queryset of visible CVs,
and the search page's entry point, ``run_search(params, page_number)`` (``page``), which gets the same
order faster from the statements of ``statements``: a page of CVs, and the count on another connection.

Documents and queries go through the same ``normalize()``: accents, case and ligatures folded
(``toolkit.text.fold``), punctuation turned into spaces, « Bac+2 » kept as one word and feminine
job forms turned into masculine ones (« vendeuse » → « vendeur », « préparatrice » → « préparateur »), then
PostgreSQL's ``french`` configuration stems them. The query language: words in any order, all required
(AND); ``"quoted phrases"``; ``OU`` / ``OR`` between alternatives; ``-mot`` excludes. Métier synonyms and
forms from the referential expand the query. Searches read ``CVSearchEntry`` (a narrow copy of each
visible CV kept by triggers), never the wide CV rows; relevance is the tier where the words are
(titre + métiers, then the profile, then the full text), then freshness: ``ranking`` writes it once.
"""
