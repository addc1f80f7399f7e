"""terredemplois.devservices: the embedded services of ``make run`` / ``make test``."""

from terredemplois.devservices import database_names

PSQL_OUTPUT = """       datname
---------------------
 postgres
 terredemplois_bench
 template1
 template0
(4 rows)

"""


def test_a_database_whose_name_is_part_of_another_is_not_taken_for_it():
    names = database_names(PSQL_OUTPUT)
    assert "terredemplois_bench" in names and "postgres" in names
    assert "terredemplois" not in names  # ``make run`` after ``make bench`` creates its own database
