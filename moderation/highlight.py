"""Wrap the checker's findings in ``<mark>`` inside an offer's (sanitised) HTML for the admin."""

import re
from bisect import bisect_right

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .checker import SEVERITY_RANK, Finding

_TAG = re.compile(r"<[^>]*>")


def _merged_spans(findings: list[Finding]) -> list[tuple[int, int, str, str]]:
    """Overlapping findings become one span: (start, end, most severe severity, messages)."""
    spans: list[list] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if finding.end <= finding.start:
            continue
        if spans and finding.start < spans[-1][1]:
            last = spans[-1]
            last[1] = max(last[1], finding.end)
            if SEVERITY_RANK[finding.severity] > SEVERITY_RANK[last[2]]:
                last[2] = finding.severity
            last[3].append(finding.message)
        else:
            spans.append([finding.start, finding.end, finding.severity, [finding.message]])
    return [(start, end, severity, " ".join(messages)) for start, end, severity, messages in spans]


def _open(severity: str, message: str) -> str:
    return format_html('<mark class="finding finding-{}" title="{}">', severity, message)


class _Tags:
    """The tags of an HTML source, to move a span that starts or ends inside one (a finding on a link's
    ``href``) out to the text around it."""

    def __init__(self, source: str):
        self.length = len(source)
        self.spans = [match.span() for match in _TAG.finditer(source)]
        self.starts = [start for start, _ in self.spans]

    def _around(self, position: int) -> tuple[int, int] | None:
        index = bisect_right(self.starts, position) - 1
        if index >= 0 and self.spans[index][0] < position < self.spans[index][1]:
            return self.spans[index]
        return None

    def text_span(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` moved out of any tag; a span inside one tag becomes the text that follows it (the
        words of a link whose address was found), up to the next tag."""
        if tag := self._around(start):
            start = tag[1]
        if tag := self._around(end):
            end = tag[0]
        if end <= start:
            index = bisect_right(self.starts, start - 1)
            end = self.starts[index] if index < len(self.starts) else self.length
        return start, end


def highlight_html(source: str, findings: list[Finding]) -> SafeString:
    """``source`` must be sanitised HTML; ``findings`` are the description's findings on it. Marks never
    cross a tag nor enter one: a span over several elements becomes one mark per piece of text, a span in
    an attribute marks the text after the tag."""
    out: list[str] = []
    position = 0
    tags = _Tags(source)
    for start, end, severity, message in _merged_spans(
            [f for f in findings if f.field == "description" and f.start < f.end <= len(source)]):
        start, end = tags.text_span(start, end)
        if start < position or end <= start:
            continue
        out.append(source[position:start])
        cursor = start
        for tag in _TAG.finditer(source, start, end):
            if tag.start() > cursor:
                out.extend([_open(severity, message), source[cursor:tag.start()], "</mark>"])
            out.append(tag.group())
            cursor = tag.end()
        if cursor < end:
            out.extend([_open(severity, message), source[cursor:end], "</mark>"])
        position = end
    out.append(source[position:])
    return mark_safe("".join(out))  # noqa: S308 - the source is sanitised HTML, the marks are escaped


def highlight_text(text: str, findings: list[Finding]) -> SafeString:
    """Plain text (the title) escaped, with its findings marked."""
    out: list[str] = []
    position = 0
    for start, end, severity, message in _merged_spans([f for f in findings if f.field == "title"]):
        if start < position or end > len(text):
            continue
        out.extend([escape(text[position:start]), _open(severity, message), escape(text[start:end]), "</mark>"])
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped


def highlight_offer(title: str, description: str, findings: list[Finding]) -> tuple[SafeString, SafeString]:
    """The offer form's view of the findings (registered in ``offers.hooks``): title and description marked
    (findings of another checker, without offsets, are left out)."""
    ours = [finding for finding in findings if isinstance(finding, Finding)]
    return highlight_text(title, ours), highlight_html(description, ours)
