import io

from django.core.management import call_command, get_commands


def test_the_project_wide_commands_belong_to_the_project():
    commands = get_commands()
    assert commands["load_demo_data"] == "terredemplois"
    assert commands["run_benchmarks"] == "terredemplois"
    assert commands["bench_companies"] == "terredemplois"


def test_run_benchmarks_lists_the_benchmarks_of_every_app_for_an_unknown_name():
    err = io.StringIO()
    call_command("run_benchmarks", "bench_nothing", stdout=io.StringIO(), stderr=err)
    assert "Banc d'essai inconnu : bench_nothing" in err.getvalue()
    for name in ("bench_companies", "bench_checker", "bench_cv_search", "bench_referentials"):
        assert name in err.getvalue()
