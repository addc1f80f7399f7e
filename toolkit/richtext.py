"""Rich text from CKEditor is sanitised on save with an allow-list (nh3). CKEditor itself
sanitises nothing: whatever the browser sends goes through ``sanitize_html``.

    from toolkit.richtext import sanitize_html
    offer.description = sanitize_html(form.cleaned_data["description"])
    # template: {{ offer.description|safe }} (it was sanitised on save)

    @editor_page            # the view that shows the CKEditor widget: CSP relaxed for the editor only
    def edit(request): ...

What survives: paragraphs, headings, emphasis, lists, links (http, https, mailto; always
``rel="noopener nofollow"``), images (http, https or relative URLs), tables, and videos from
YouTube, Dailymotion and Vimeo only. A video, whatever form the editor sent it in (``<oembed
url>``, ``<div data-oembed-url>`` preview or a bare ``<iframe>``), comes out as

    <figure class="media"><div data-oembed-url="https://www.youtube.com/watch?v=ID">
      <iframe src="https://www.youtube-nocookie.com/embed/ID" ...></iframe></div></figure>

i.e. a privacy-friendly player (youtube-nocookie, Vimeo with ``dnt=1``, lazy-loaded, no referrer)
that CKEditor reads back for editing. No script, no event handler, no ``style``, no
``javascript:`` URL, no other iframe.
"""

import re
from html import escape, unescape
from urllib.parse import parse_qs, urlsplit

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

# CKEditor 5 writes inline styles, previews uploads as blob: images and videos with the providers'
# own players: this relaxed policy is for editor pages only. Decorate their views with ``@editor_page``.
EDITOR_CSP = {
    **settings.SECURE_CSP,
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [*settings.SECURE_CSP.get("frame-src", []), "https://www.youtube.com", "https://player.vimeo.com"],
}
editor_page = csp_override(EDITOR_CSP)

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "a", "h2", "h3", "h4",
    "blockquote", "figure", "figcaption", "img", "table", "thead", "tbody", "tr", "th", "td",
    "div", "iframe",
}
ALLOWED_ATTRIBUTES = {
    "*": set(),  # no generic attribute (nh3 would otherwise keep lang and title everywhere)
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "div": {"data-oembed-url"},
    "iframe": {"src"},
}
IFRAME_ATTRIBUTES = {
    "title": "Vidéo",
    "loading": "lazy",
    "referrerpolicy": "strict-origin-when-cross-origin",
    "allowfullscreen": "",
    "allow": "fullscreen; picture-in-picture",
    "sandbox": "allow-scripts allow-same-origin allow-presentation allow-popups",
}
CLEAN_CONTENT_TAGS = {"script", "style", "noscript", "template", "object", "embed", "applet", "svg", "math"}

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^[0-9]{4,12}$")
_DAILYMOTION_ID = re.compile(r"^[A-Za-z0-9]{4,12}$")
_OEMBED = re.compile(r"<oembed\b[^>]*\burl\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)[^>]*>(\s*</oembed>)?", re.IGNORECASE)
_EMPTY_IFRAME = re.compile(r"<iframe>\s*</iframe>")
_IFRAME_SRC = re.compile(r'<iframe src="([^"]*)">')


def video_of(url: str) -> tuple[str, str] | None:
    """``(provider, id)`` of a YouTube, Dailymotion or Vimeo URL (page, short or embed form), else None."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https", ""} or not parts.netloc:
        return None
    host = parts.hostname or ""
    host = host[4:] if host.startswith("www.") else host
    segments = [s for s in parts.path.split("/") if s]
    candidates = []
    if host in {"youtube.com", "m.youtube.com", "youtube-nocookie.com"}:
        if segments[:1] == ["watch"]:
            candidates.append(("youtube", (parse_qs(parts.query).get("v") or [""])[0]))
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "v", "live"}:
            candidates.append(("youtube", segments[1]))
    elif host == "youtu.be" and segments:
        candidates.append(("youtube", segments[0]))
    elif host in {"vimeo.com", "player.vimeo.com"} and segments:
        candidates.append(("vimeo", segments[-1]))
    elif host in {"dailymotion.com", "geo.dailymotion.com"} and len(segments) >= 2 and segments[-2] == "video":
        candidates.append(("dailymotion", segments[-1].split("_")[0]))
    elif host == "dai.ly" and segments:
        candidates.append(("dailymotion", segments[0]))
    elif host == "geo.dailymotion.com" and segments[-1:] == ["player.html"]:
        candidates.append(("dailymotion", (parse_qs(parts.query).get("video") or [""])[0]))
    patterns = {"youtube": _YOUTUBE_ID, "vimeo": _VIMEO_ID, "dailymotion": _DAILYMOTION_ID}
    for provider, video_id in candidates:
        if patterns[provider].match(video_id):
            return provider, video_id
    return None


def embed_url(provider: str, video_id: str) -> str:
    """The privacy-friendly player URL of a video."""
    return {
        "youtube": f"https://www.youtube-nocookie.com/embed/{video_id}",
        "vimeo": f"https://player.vimeo.com/video/{video_id}?dnt=1",
        "dailymotion": f"https://www.dailymotion.com/embed/video/{video_id}",
    }[provider]


def page_url(provider: str, video_id: str) -> str:
    """The public page of a video (what the editor's media embed shows and edits)."""
    return {
        "youtube": f"https://www.youtube.com/watch?v={video_id}",
        "vimeo": f"https://vimeo.com/{video_id}",
        "dailymotion": f"https://www.dailymotion.com/video/{video_id}",
    }[provider]


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if element == "iframe" and attribute == "src":
        video = video_of(value)
        return embed_url(*video) if video else None
    if element == "div" and attribute == "data-oembed-url":
        video = video_of(value)
        return page_url(*video) if video else None
    if element == "img" and attribute in {"width", "height"}:
        return value if value.isdigit() and len(value) <= 5 else None
    return value


def _oembed_to_preview(match: re.Match) -> str:
    """CKEditor's semantic output ``<oembed url="…">`` becomes the preview form (div + iframe)."""
    url = escape(unescape(match.group(1).strip("\"'")), quote=True)
    return f'<div data-oembed-url="{url}"><iframe src="{url}"></iframe></div>'


def sanitize_html(html: str) -> str:
    """Allow-list sanitising of rich text (see the module docstring): returns safe HTML."""
    if not html:
        return ""
    html = _OEMBED.sub(_oembed_to_preview, html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
        strip_comments=True,
        allowed_classes={"figure": {"media", "image", "table"}},
    )
    # An iframe whose source was refused is dropped; the others get the privacy-friendly attributes.
    cleaned = _EMPTY_IFRAME.sub("", cleaned)
    attrs = " ".join(f'{k}="{v}"' if v else k for k, v in IFRAME_ATTRIBUTES.items())
    cleaned = _IFRAME_SRC.sub(lambda m: f'<iframe {attrs} src="{m.group(1)}">', cleaned)
    return cleaned.strip()


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*("\s*[^"\s][^"]*"|'\s*[^'\s][^']*')""", re.IGNORECASE)
MISSING_ALT = ("Décrivez chaque image pour les personnes qui ne la voient pas : cliquez sur l'image, puis sur "
               "« Changer le texte alternatif à l’image ». {count} image{plural} sans texte alternatif.")


_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)


def images_without_alt(html: str) -> int:
    """How many images the rich text shows (they have a source) without alternative text (none, or blank)."""
    return sum(1 for tag in _IMG.findall(html or "") if _SRC.search(tag) and not _ALT.search(tag))


def clean_rich_text(html: str) -> str:
    """A form's rich text: sanitised, and refused while an image has no alternative text."""
    cleaned = sanitize_html(html)
    if count := images_without_alt(cleaned):
        raise ValidationError(MISSING_ALT.format(count=count, plural="s" if count > 1 else ""), code="image_alt")
    return cleaned


_HEADING = re.compile(r"<(/?)h([1-6])\b([^>]*)>", re.IGNORECASE)


def shift_headings(html: str, top: int = 2) -> str:
    """Rich text placed under a page's own headings: its heading levels, in their order, become ``top``,
    ``top + 1``… (at most h6), so that a description's « h4 » right under the page's h1 is no jump in the
    outline. ``html`` is sanitised rich text (headings without attributes); the result is as safe."""
    levels = sorted({int(level) for _close, level, _attrs in _HEADING.findall(html or "")})
    if not levels:
        return html or ""
    new_level = {level: min(6, top + rank) for rank, level in enumerate(levels)}
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{new_level[int(m.group(2))]}{m.group(3)}>", html)
