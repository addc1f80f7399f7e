"""terredemplois.devservices: the embedded services of ``make run`` / ``make test``."""

from terredemplois.devservices import database_names, site_env

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


def test_make_run_gives_its_own_address_to_the_links_of_the_emails():
    env, port = site_env({"PORT": "8102"})
    assert port == "8102" and env["SITE_URL"] == "http://127.0.0.1:8102"
    assert site_env({})[0]["SITE_URL"] == "http://127.0.0.1:8000"
    assert site_env({"PORT": "8102", "SITE_URL": "https://emploi.example"})[0]["SITE_URL"] == "https://emploi.example"
