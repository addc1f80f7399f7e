"""SQL statements composed from fragments, every value bound as a DB-API parameter (``%s``): the CVthèque's
and the offers' searches."""

import dataclasses
import string


@dataclasses.dataclass(frozen=True)
class Sql:
    """A piece of SQL and the values of its ``%s`` placeholders, in order."""

    text: str
    params: tuple = ()

    def execute(self, cursor):
        cursor.execute(self.text, self.params)
        return cursor

    def estimated_rows(self, cursor) -> float:
        """How many rows the planner expects this query to return (``EXPLAIN``: planned, not run)."""
        cursor.execute("EXPLAIN (FORMAT JSON) " + self.text, self.params)
        return cursor.fetchone()[0][0]["Plan"]["Plan Rows"]  # psycopg reads the json column as a list


def compose(template: str, **parts) -> Sql:
    """``template`` with each ``{name}`` replaced by ``parts[name]``: an ``Sql`` (its text; its parameters
    taken in the order it appears, as many times as it appears) or any other value (bound as ``%s``)."""
    text, params = [], []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        text.append(literal)
        if name is None:
            continue
        part = parts[name]
        if isinstance(part, Sql):
            text.append(part.text)
            params.extend(part.params)
        else:
            text.append("%s")
            params.append(part)
    return Sql("".join(text), tuple(params))


def join(separator: str, parts) -> Sql:
    parts = list(parts)
    return Sql(separator.join(p.text for p in parts), tuple(v for p in parts for v in p.params))
