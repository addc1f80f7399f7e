from toolkit.richtext import sanitize_html
from toolkit.text import fold


def test_fold_removes_accents_case_and_ligatures():
    assert fold("  Électricien   CŒUR  d’Œuvre ") == "electricien coeur d'oeuvre"


def test_fold_of_nothing_is_empty():
    assert fold("") == "" and fold(None) == ""


def test_sanitize_removes_script_and_event_handlers_and_adds_rel():
    html = sanitize_html('<p onclick="x()">Bonjour<script>alert(1)</script> <a href="javascript:alert(1)">a</a>'
                         ' <a href="https://exemple.fr">b</a></p>')
    assert "script" not in html and "onclick" not in html and "javascript:" not in html
    assert 'rel="noopener nofollow"' in html
