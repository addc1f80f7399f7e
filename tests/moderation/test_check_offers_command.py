import json
from io import StringIO

from django.core.management import call_command


def run(tmp_path, lines):
    path = tmp_path / "offres.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = StringIO()
    call_command("check_offers", str(path), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_check_offers_prints_one_json_line_per_offer(tmp_path):
    clean = json.dumps({"title": "Vendeur en boulangerie H/F", "description": "<p>" + "Vente et conseil. " * 12
                        + "</p>"})
    flawed = json.dumps({"title": "Vendeur", "description": "<p>Jeune et dynamique, 25-35 ans.</p>"})
    results = run(tmp_path, [clean, "", flawed])
    assert [r["line"] for r in results] == [1, 3]
    assert results[0]["findings"] == []
    codes = {f["code"] for f in results[1]["findings"]}
    assert {"mention_hf_manquante", "critere_age", "limite_age", "description_trop_courte"} <= codes
    assert set(results[1]["findings"][0]) == {"code", "severity", "message", "excerpt"}


def test_check_offers_reports_a_bad_line_without_stopping(tmp_path):
    results = run(tmp_path, ["{pas du json", "[1, 2]", json.dumps({"title": 3}),
                             json.dumps({"title": "Cariste", "description": "<p>Court</p>"})])
    assert [bool(r.get("error")) for r in results] == [True, True, True, False]
    assert "JSON invalide" in results[0]["error"]


def test_check_offers_with_a_missing_file_fails_clearly(tmp_path):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Impossible de lire"):
        call_command("check_offers", str(tmp_path / "absent.jsonl"))
