"""Rich text on public pages: headings below the page's own, images with an alternative text, titled video
frames."""

import pytest
from django.core.exceptions import ValidationError

from toolkit.richtext import clean_rich_text, sanitize_html, shift_headings

# --- headings of rich text under a page's own heading -------------------------------------------------

@pytest.mark.parametrize(("html", "expected"), [
    ("<h4>Missions</h4><p>x</p>", "<h2>Missions</h2><p>x</p>"),  # a jump from the page's h1 closed
    ("<h2>A</h2><h4>B</h4><h2>C</h2>", "<h2>A</h2><h3>B</h3><h2>C</h2>"),  # levels kept in order, gaps closed
    ("<h3>A</h3><h4>B</h4>", "<h2>A</h2><h3>B</h3>"),
    ("<p>Sans titre</p>", "<p>Sans titre</p>"),
    ("", ""),
])
def test_headings_are_shifted_to_start_below_the_page_s_heading(html, expected):
    assert shift_headings(html, 2) == expected


def test_heading_shift_never_goes_past_h6_nor_touches_other_tags():
    assert shift_headings("<h2>A</h2><h3>B</h3><h4>C</h4><hr>", 5) == "<h5>A</h5><h6>B</h6><h6>C</h6><hr>"


def test_the_template_filter_shifts_headings_of_sanitised_text():
    from django.template import engines

    template = engines["django"].from_string("{{ html|headings_from:3 }}")
    assert template.render({"html": sanitize_html("<h2>Profil</h2><p>CAP</p>")}) == "<h3>Profil</h3><p>CAP</p>"


def test_images_need_an_alt_and_video_frames_get_a_title():
    with pytest.raises(ValidationError, match="texte alternatif"):
        clean_rich_text('<p><img src="/media/editor/a.png"></p>')
    assert 'alt="Le fournil"' in clean_rich_text('<p><img src="/media/editor/a.png" alt="Le fournil"></p>')
    assert 'title="Vidéo"' in sanitize_html('<oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></oembed>')
