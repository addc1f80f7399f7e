"""``<mark>`` is never inserted inside a tag or an attribute (a finding on a link's address)."""

from html.parser import HTMLParser

from moderation.checker import check_offer
from moderation.highlight import highlight_html


class Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values, self.marked = [], []
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        self.values.extend(value or "" for _, value in attrs)
        self._in_mark = tag == "mark"

    def handle_endtag(self, tag):
        self._in_mark = False

    def handle_data(self, data):
        if self._in_mark:
            self.marked.append(data)


DESCRIPTION = ('<p>Poste de vendeur en boulangerie, horaires du matin, équipe accueillante et formation assurée. '
               'Pour postuler, écrivez-nous <a href="https://www.boulangerie-exemple.fr/postuler">sur notre site</a>'
               ' ou <a href="mailto:rh@boulangerie-exemple.fr">par courriel</a>.</p>')


def test_a_finding_in_an_href_marks_the_link_text_and_leaves_the_link_intact():
    findings = check_offer("Vendeur (H/F)", DESCRIPTION)
    assert any(DESCRIPTION[f.start:f.end].startswith(("https://", "mailto:", "rh@")) for f in findings)
    html = str(highlight_html(DESCRIPTION, findings))
    parser = Attributes()
    parser.feed(html)
    assert not any("<mark" in value or "mark" in value for value in parser.values)
    assert 'href="https://www.boulangerie-exemple.fr/postuler"' in html
    assert 'href="mailto:rh@boulangerie-exemple.fr"' in html
    assert "sur notre site" in parser.marked and "par courriel" in parser.marked
