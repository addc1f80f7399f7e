"""CV documents: content checks at upload (PDF, DOCX, ODT ≤ 5 Mo), bounded text extraction, and the
analysis of a stored CV's document (``run_extraction``, run by the tasks after an upload).

Everything a candidate reads is in French; every limit is named here."""

import io
import time
import zipfile
import zlib

import docx
from django.core.exceptions import ValidationError
from odf import teletype
from odf import text as odf_text
from odf.opendocument import OpenDocumentText, load
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

from cvtheque.cvs.enums import ExtractionStatus
from cvtheque.cvs.models import CV
from cvtheque.search.documents import update_search_columns

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_PAGES = 30
MAX_TEXT_CHARS = 200_000
MAX_SECONDS = 20
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_DECOMPRESSED_STREAM = 20 * 1024 * 1024
MIN_TEXT_CHARS = 20

PDF, DOCX, ODT = "pdf", "docx", "odt"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

MSG_TOO_BIG = "Le fichier dépasse 5 Mo : réduisez sa taille (en PDF par exemple) puis envoyez-le à nouveau."
MSG_WRONG_TYPE = "Ce fichier n'est pas un CV au format PDF, DOCX ou ODT."
MSG_ENCRYPTED = "Ce PDF est protégé par un mot de passe : enregistrez-le sans protection puis envoyez-le à nouveau."
MSG_UNREADABLE = "Ce fichier est endommagé ou illisible : enregistrez-le à nouveau puis envoyez-le."
MSG_BOMB = "Ce fichier contient des données anormalement volumineuses : il a été refusé."
MSG_TOO_MANY_PAGES = f"Votre CV ne doit pas dépasser {MAX_PAGES} pages."
MSG_SCANNED = (
    "Aucun texte n'a pu être lu dans ce document (sans doute un CV scanné) : les recruteurs ne trouveront "
    "votre CV que par les informations de votre profil."
)


class ExtractionError(Exception):
    """A document that cannot be read; ``str(error)`` is the French message shown to the candidate."""


def sniff_kind(head: bytes, data: bytes | None = None) -> str | None:
    """PDF by its magic bytes; DOCX / ODT are ZIP files told apart by their members."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04") and data is not None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return DOCX
                if "content.xml" in names and "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return ODT
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
    return None


def _check_zip(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
            raise ExtractionError(MSG_BOMB)


def validate_document(uploaded) -> str:
    """Check an uploaded CV by its content; returns its kind (pdf/docx/odt) or raises ValidationError (French)."""
    if uploaded.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(MSG_TOO_BIG, code="too_big")
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    kind = sniff_kind(data[:8], data)
    if kind is None:
        raise ValidationError(MSG_WRONG_TYPE, code="wrong_type")
    try:
        # Opening and reading a couple of pages within the limits catches encrypted, broken and bomb files.
        extract_text(data, kind, max_pages=2, max_seconds=5)
    except ExtractionError as exc:
        raise ValidationError(str(exc), code="unreadable") from exc
    return kind


def extract_text(data: bytes, kind: str, *, max_pages=MAX_PAGES, max_chars=MAX_TEXT_CHARS,
                 max_seconds=MAX_SECONDS) -> str:
    """The document's text, bounded in pages, characters and time. Raises ExtractionError (French message)."""
    deadline = time.monotonic() + max_seconds
    try:
        if kind == PDF:
            return _pdf_text(data, max_pages, max_chars, deadline)
        if kind == DOCX:
            _check_zip(data)
            return _docx_text(data, max_chars)
        if kind == ODT:
            _check_zip(data)
            return _odt_text(data, max_chars)
    except ExtractionError:
        raise
    except (MemoryError, zlib.error) as exc:
        raise ExtractionError(MSG_BOMB) from exc
    except Exception as exc:  # every parser raises its own zoo of errors on damaged files
        if isinstance(exc, LimitReachedError):
            raise ExtractionError(MSG_BOMB) from exc
        raise ExtractionError(MSG_UNREADABLE) from exc
    raise ExtractionError(MSG_WRONG_TYPE)


def _pdf_text(data, max_pages, max_chars, deadline) -> str:
    limits = {f"{name}_maximum_output_length": MAX_DECOMPRESSED_STREAM for name in ("zlib", "lzw", "run_length")}
    with apply_configuration(**limits):
        return _pdf_pages_text(PdfReader(io.BytesIO(data)), max_pages, max_chars, deadline)


def _pdf_pages_text(reader, max_pages, max_chars, deadline) -> str:
    if reader.is_encrypted:
        raise ExtractionError(MSG_ENCRYPTED)
    if len(reader.pages) > MAX_PAGES:
        raise ExtractionError(MSG_TOO_MANY_PAGES)
    parts, size = [], 0
    for index, page in enumerate(reader.pages):
        if index >= max_pages or size >= max_chars:
            break
        if time.monotonic() > deadline:
            raise ExtractionError("La lecture de ce fichier prend trop de temps : envoyez une version plus légère.")
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
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
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


def is_scanned(text: str) -> bool:
    return len("".join(text.split())) < MIN_TEXT_CHARS


def run_extraction(cv_id: int) -> str:
    """Read the stored document of a CV, store its text and the status the candidate sees, refresh the
    search columns; returns the status (``"missing"`` when the CV or its document is gone)."""
    cv = CV.objects.filter(pk=cv_id).first()
    if cv is None or not cv.document:
        return "missing"
    try:
        with cv.document.open("rb") as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
        kind = sniff_kind(data[:8], data)
        if kind is None:
            raise ExtractionError(MSG_WRONG_TYPE)
        text = extract_text(data, kind)
    except ExtractionError as exc:
        status, text, error = ExtractionStatus.FAILED, "", str(exc)
    except OSError:
        status, text, error = ExtractionStatus.FAILED, "", "Le fichier est introuvable : envoyez-le à nouveau."
    else:
        if is_scanned(text):
            status, text, error = ExtractionStatus.EMPTY, "", MSG_SCANNED
        else:
            status, error = ExtractionStatus.DONE, ""
    CV.objects.filter(pk=cv_id).update(extracted_text=text.replace("\x00", ""), extraction_status=status,
                                       extraction_error=error)
    update_search_columns([cv_id])
    return status


# --- small real documents (demo data and tests) ----------------------------------------------------------------


def make_pdf(lines: list[str], *, compress_extra: bytes = b"") -> bytes:
    """A one-page PDF with these lines of text (Helvetica, WinAnsi: French accents supported)."""
    def esc(line):
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        ops.append(f"({esc(line)}) '")
    ops.append("ET")
    content = "\n".join(ops).encode("cp1252", "replace")
    streams = [content]
    if compress_extra:
        streams.append(compress_extra)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        + (b"/Contents [5 0 R 6 0 R] >>" if compress_extra else b"/Contents 5 0 R >>"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    if compress_extra:
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compress_extra) + compress_extra
                       + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_odt(lines: list[str]) -> bytes:
    document = OpenDocumentText()
    for line in lines:
        document.text.addElement(odf_text.P(text=line))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
