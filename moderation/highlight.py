"""Wrap the checker's findings in ``<mark>`` inside an offer's (sanitised) HTML for the admin."""

import re

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


def highlight_html(source: str, findings: list[Finding]) -> SafeString:
    """``source`` must be sanitised HTML; ``findings`` are the description's findings on it. Marks never
    cross a tag: a span over several elements becomes one mark per piece of text."""
    out: list[str] = []
    position = 0
    for start, end, severity, message in _merged_spans(
            [f for f in findings if f.field == "description" and f.start < f.end <= len(source)]):
        if start < position:
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
