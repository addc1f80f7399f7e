import pytest

from toolkit.richtext import sanitize_html, video_of


@pytest.mark.parametrize("url, expected", [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", ("youtube", "dQw4w9WgXcQ")),
    ("https://youtu.be/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
    ("https://www.youtube.com/embed/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
    ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
    ("https://www.youtube.com/shorts/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
    ("https://vimeo.com/76979871", ("vimeo", "76979871")),
    ("https://player.vimeo.com/video/76979871?h=abc", ("vimeo", "76979871")),
    ("https://www.dailymotion.com/video/x8abc12", ("dailymotion", "x8abc12")),
    ("https://www.dailymotion.com/embed/video/x8abc12", ("dailymotion", "x8abc12")),
    ("https://dai.ly/x8abc12", ("dailymotion", "x8abc12")),
    ("https://evil.example/embed/dQw4w9WgXcQ", None),
    ("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", None),
    ("javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", None),
    ("https://www.youtube.com/watch?v=<script>", None),
    ("", None),
])
def test_video_of_recognises_only_the_three_hosts(url, expected):
    assert video_of(url) == expected


def test_editor_oembed_becomes_a_privacy_friendly_youtube_player():
    html = sanitize_html('<figure class="media"><oembed url="https://youtu.be/dQw4w9WgXcQ"></oembed></figure>')
    assert html.startswith('<figure class="media"><div data-oembed-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ">')
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'loading="lazy"' in html and 'referrerpolicy="strict-origin-when-cross-origin"' in html
    assert "sandbox=" in html and "style" not in html


def test_editor_preview_of_vimeo_and_dailymotion_is_normalised():
    vimeo = sanitize_html('<figure class="media"><div data-oembed-url="https://vimeo.com/76979871">'
                          '<div style="position:relative"><iframe src="https://player.vimeo.com/video/76979871" '
                          'style="position:absolute" frameborder="0" allow="autoplay"></iframe></div></div></figure>')
    assert 'src="https://player.vimeo.com/video/76979871?dnt=1"' in vimeo
    assert "style" not in vimeo and "frameborder" not in vimeo and "autoplay" not in vimeo
    daily = sanitize_html('<iframe src="https://www.dailymotion.com/embed/video/x8abc12"></iframe>')
    assert 'src="https://www.dailymotion.com/embed/video/x8abc12"' in daily


def test_other_iframes_and_oembeds_disappear():
    html = sanitize_html('<p>a</p><iframe src="https://evil.example/x"></iframe>'
                         '<figure class="media"><oembed url="https://www.instagram.com/p/abc"></oembed></figure>')
    assert "iframe" not in html and "instagram" not in html and "<p>a</p>" in html


def test_sanitising_twice_changes_nothing():
    html = sanitize_html('<p>Bonjour <a href="https://exemple.fr">site</a></p><figure class="media">'
                         '<oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></oembed></figure>'
                         '<figure class="image"><img src="/media/editor/2026/11/a.jpg" alt="Fournil"></figure>')
    assert sanitize_html(html) == html
    assert 'rel="noopener nofollow"' in html and '<img src="/media/editor/2026/11/a.jpg" alt="Fournil">' in html
