import pytest
from django.core.exceptions import ValidationError

from toolkit.richtext import clean_rich_text, images_without_alt, sanitize_html
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


def test_an_editor_image_needs_an_alternative_text():
    assert images_without_alt('<p>x</p><img src="/media/editor/a.jpg">') == 1
    assert images_without_alt('<img src="/media/editor/a.jpg" alt=" ">') == 1
    assert images_without_alt('<img src="/media/editor/a.jpg" alt="Le fournil">') == 0
    with pytest.raises(ValidationError) as refused:
        clean_rich_text('<figure class="image"><img src="/media/editor/a.jpg"></figure>')
    assert refused.value.code == "image_alt" and "texte alternatif" in refused.value.messages[0]
    assert 'alt="Le fournil"' in clean_rich_text('<img src="/media/editor/a.jpg" alt="Le fournil">')


def test_a_video_frame_has_a_title():
    html = sanitize_html('<oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></oembed>')
    assert '<iframe title="Vidéo"' in html
