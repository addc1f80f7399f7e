"""The anchor engine: tantivy (PyPI, installed only for the benchmark: ``pip install .[bench]``) with
its French stemmer (« fr_stem »: lower case, split on punctuation, Snowball French) and BM25 over the
same texts as the project's search: headline, métiers, skills, summary, experience, document text
(one field each, searched together, no boosts).

The recruiters' query language mapped to tantivy's (``to_tantivy``):
- words are ANDed (``conjunction_by_default``), each word matching in any field;
- « "service en salle" » → a phrase (same field, adjacent positions); a bare word that splits into
  several (« aide-soignante », « d'entretien », « bac+2 ») is a phrase too, as in our language;
- « a OU b » / « a OR b » → ``("a" OR "b")``;
- « -word » / « -"a phrase" » → ``-"word"`` (must not occur in any field).
Not mapped: our accent folding, feminine → masculine forms and métier synonyms (the anchor has only
its stemmer: « soudeuse » and « soudeur » are two words for it); a query of only exclusions finds nothing."""

import re

try:
    import tantivy
except ImportError:  # the anchor is optional: the benchmark says so and measures the project alone
    tantivy = None

FIELDS = ("headline", "metiers", "skills", "summary", "experience", "text")
OR_WORDS = {"ou", "or"}
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


def available() -> bool:
    return tantivy is not None


def _term(words: list[str]) -> str:
    return '"' + " ".join(words) + '"'


def to_tantivy(q: str) -> str:
    """Our query language → tantivy's query syntax (AND of OR-groups, exclusions), "" if nothing to find."""
    groups: list[list[str]] = []
    negatives: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(q):
        negative, phrase, bare = match.groups()
        if phrase is None and bare.lower() in OR_WORDS:
            pending_or = bool(groups)
            continue
        if phrase is None and bare.startswith("-") and len(bare) > 1:
            negative, bare = "-", bare[1:]
        words = _WORD.findall(phrase if phrase is not None else bare)
        if not words:
            continue
        if negative:
            negatives.append("-" + _term(words))
        elif pending_or:
            groups[-1].append(_term(words))
        else:
            groups.append([_term(words)])
        pending_or = False
    if not groups:
        return ""
    parts = [g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups]
    return " ".join(parts + negatives)


class Anchor:
    """An in-memory tantivy index of the evaluation set."""

    def __init__(self, documents: list[tuple[str, dict[str, str]]]):
        if tantivy is None:
            raise RuntimeError("tantivy n'est pas installé (pip install .[bench])")
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        for field in FIELDS:
            builder.add_text_field(field, stored=False, tokenizer_name="fr_stem")
        self.index = tantivy.Index(builder.build())
        writer = self.index.writer()
        for doc_id, fields in documents:
            writer.add_document(tantivy.Document(id=doc_id, **{f: fields.get(f, "") for f in FIELDS}))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def search(self, q: str, limit: int = 40) -> list[str]:
        """The ids of the best ``limit`` documents for our query ``q``, best first (BM25)."""
        text = to_tantivy(q)
        if not text:
            return []
        query = self.index.parse_query(text, list(FIELDS), conjunction_by_default=True)
        hits = self.searcher.search(query, limit).hits
        return [self.searcher.doc(address)["id"][0] for _score, address in hits]
