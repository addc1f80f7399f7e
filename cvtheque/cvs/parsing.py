"""The parsers of CV documents (PDF, DOCX, ODT), run in a child process under hard limits.

This module imports no Django: ``extraction.extract_text`` runs ``python -m cvtheque.cvs.parsing KIND``
with the document on stdin, after ``resource`` limits on CPU time, address space and written files, and
reads one JSON line on stdout: ``{"text": ...}`` or ``{"error": CODE}``. A parser that runs away is
killed by the kernel (CPU) or fails to allocate (memory) — nothing in the web or worker process grows."""

import io
import json
import resource
import sys
import zlib

import docx
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

PDF, DOCX, ODT = "pdf", "docx", "odt"
MAX_PAGES = 30
MAX_TEXT_CHARS = 200_000
MAX_DECOMPRESSED_STREAM = 20 * 1024 * 1024

# Error codes of the child (the parent turns them into French messages).
BOMB, ENCRYPTED, TOO_MANY_PAGES, UNREADABLE, WRONG_TYPE = "bomb", "encrypted", "pages", "unreadable", "type"


class ParseError(Exception):
    """``str(error)`` is one of the error codes above."""


def parse(data: bytes, kind: str, *, max_pages=MAX_PAGES, max_chars=MAX_TEXT_CHARS) -> str:
    """The document's text, bounded in pages and characters; raises ParseError(code)."""
    try:
        if kind == PDF:
            return _pdf_text(data, max_pages, max_chars)
        if kind == DOCX:
            return _docx_text(data, max_chars)
        if kind == ODT:
            return _odt_text(data, max_chars)
    except ParseError:
        raise
    except (MemoryError, zlib.error, LimitReachedError) as exc:
        raise ParseError(BOMB) from exc
    except Exception as exc:  # every parser raises its own zoo of errors on damaged files
        raise ParseError(UNREADABLE) from exc
    raise ParseError(WRONG_TYPE)


def _pdf_text(data, max_pages, max_chars) -> str:
    limits = {f"{name}_maximum_output_length": MAX_DECOMPRESSED_STREAM for name in ("zlib", "lzw", "run_length")}
    with apply_configuration(**limits):
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ParseError(ENCRYPTED)
        if len(reader.pages) > MAX_PAGES:
            raise ParseError(TOO_MANY_PAGES)
        parts, size = [], 0
        for index, page in enumerate(reader.pages):
            if index >= max_pages or size >= max_chars:
                break
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
        return "\n".join(parts)[:max_chars]


def _docx_text(data, max_chars) -> str:
    document = docx.Document(io.BytesIO(data))
    parts, size = [], 0
    for paragraph in document.paragraphs:
        parts.append(paragraph.text)
        size += len(paragraph.text)
        if size >= max_chars:
            break
    for table in document.tables:
        if size >= max_chars:
            break
        for row in table.rows:
            line = " ".join(cell.text for cell in row.cells)
            parts.append(line)
            size += len(line)
    return "\n".join(parts)[:max_chars]


def _odt_text(data, max_chars) -> str:
    document = load(io.BytesIO(data))
    parts, size = [], 0
    for element in document.getElementsByType(odf_text.P) + document.getElementsByType(odf_text.H):
        value = teletype.extractText(element)
        parts.append(value)
        size += len(value)
        if size >= max_chars:
            break
    return "\n".join(parts)[:max_chars]


def limit_process(cpu_seconds: int, memory_bytes: int) -> None:
    """Hard limits of this process, set before the document is read (an unprivileged process cannot raise
    them again): CPU time (SIGXCPU, then SIGKILL one second later), address space (allocations fail with
    MemoryError), no file written."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def main(argv: list[str]) -> int:
    kind, max_pages, max_chars = argv[0], int(argv[1]), int(argv[2])
    limit_process(int(argv[3]), int(argv[4]))
    data = sys.stdin.buffer.read()
    try:
        result = {"text": parse(data, kind, max_pages=max_pages, max_chars=max_chars)}
    except ParseError as exc:
        result = {"error": str(exc)}
    except MemoryError:
        result = {"error": BOMB}
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
