"""toolkit.html.format_html_many: fragments of constant markup, their arguments escaped."""

from django.utils.safestring import SafeString, mark_safe

from toolkit.html import format_html_many


def test_every_argument_is_escaped_unless_already_safe():
    html = format_html_many([("<p>{}</p>", ("<b>&",)), ("<i>{}{}</i>", (mark_safe("<br>"), 3))])
    assert isinstance(html, SafeString)
    assert html == "<p>&lt;b&gt;&amp;</p><i><br>3</i>"


def test_fragments_without_arguments_are_their_markup():
    assert format_html_many([("<hr>", ()), ("{{x}}", ())]) == "<hr>{x}"
    assert format_html_many([]) == ""
