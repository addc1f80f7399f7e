"""CV documents: cheap content checks at upload (PDF, DOCX, ODT ≤ 5 Mo: magic bytes, ZIP central directory,
PDF page count — nothing is parsed in the request), the bounded text extraction (``extract_text``: the
parsers of ``parsing`` run in a child process under CPU, memory, page and character limits), and the
analysis of a stored CV's document (``run_extraction``, run by the tasks after an upload).

Everything a candidate reads is in French; every limit is named here."""

import io
import json
import re
import signal
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from django.core.exceptions import ValidationError
from odf import text as odf_text
from odf.opendocument import OpenDocumentText

from cvtheque.cvs import parsing
from cvtheque.cvs.enums import ExtractionStatus
from cvtheque.cvs.models import CV
from cvtheque.search.documents import update_search_columns

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_PAGES = parsing.MAX_PAGES
MAX_TEXT_CHARS = parsing.MAX_TEXT_CHARS
MIN_TEXT_CHARS = 20
# ZIP (DOCX / ODT), read from the central directory at upload: a CV has a few dozen members; its XML
# compresses ~5-20x, so a member over 1 Mo that inflates more than 100x is a decompression bomb.
MAX_ZIP_MEMBERS = 300
MAX_UNZIPPED_BYTES = 30 * 1024 * 1024
MAX_MEMBER_RATIO = 100
RATIO_CHECKED_ABOVE = 1024 * 1024
# The parsing child: a real CV of 30 pages is read in well under 2 s of CPU and 150 Mo; these limits
# leave a wide margin and still stop the 2.5-million-paragraph ODT or the shared 6 Mo PDF stream.
MAX_CPU_SECONDS = 10
MAX_MEMORY_BYTES = 512 * 1024 * 1024
MAX_WALL_SECONDS = 3 * MAX_CPU_SECONDS  # a child that sleeps or blocks instead of computing

PDF, DOCX, ODT = parsing.PDF, parsing.DOCX, parsing.ODT
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
ZIP_END_OF_DIRECTORY = b"PK\x05\x06"
PROJECT_ROOT = Path(__file__).resolve().parents[2]

MSG_TOO_BIG = "Le fichier dépasse 5 Mo : réduisez sa taille (en PDF par exemple) puis envoyez-le à nouveau."
MSG_WRONG_TYPE = "Ce fichier n'est pas un CV au format PDF, DOCX ou ODT."
MSG_ENCRYPTED = "Ce PDF est protégé par un mot de passe : enregistrez-le sans protection puis envoyez-le à nouveau."
MSG_UNREADABLE = "Ce fichier est endommagé ou illisible : enregistrez-le à nouveau puis envoyez-le."
MSG_BOMB = "Ce fichier contient des données anormalement volumineuses : il a été refusé."
MSG_TOO_SLOW = "La lecture de ce fichier prend trop de temps : envoyez une version plus légère."
MSG_TOO_MANY_PAGES = f"Votre CV ne doit pas dépasser {MAX_PAGES} pages."
MSG_SCANNED = (
    "Aucun texte n'a pu être lu dans ce document (sans doute un CV scanné) : les recruteurs ne trouveront "
    "votre CV que par les informations de votre profil."
)
CHILD_MESSAGES = {
    parsing.BOMB: MSG_BOMB, parsing.ENCRYPTED: MSG_ENCRYPTED, parsing.TOO_MANY_PAGES: MSG_TOO_MANY_PAGES,
    parsing.UNREADABLE: MSG_UNREADABLE, parsing.WRONG_TYPE: MSG_WRONG_TYPE,
}


class ExtractionError(Exception):
    """A document that cannot be read; ``str(error)`` is the French message shown to the candidate."""


# --- at upload: sniffed and size-checked only -----------------------------------------------------------------


def _zip_member_count(data: bytes) -> int | None:
    """The member count of the end-of-central-directory record (read before zipfile walks the directory)."""
    position = data.rfind(ZIP_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if position < 0 or len(data) < position + 22:
        return None
    return struct.unpack("<H", data[position + 10:position + 12])[0]


def _open_zip(data: bytes) -> zipfile.ZipFile:
    """The archive, once its central directory is within the limits; raises ExtractionError."""
    count = _zip_member_count(data)
    if count is None:
        raise ExtractionError(MSG_WRONG_TYPE)
    if count > MAX_ZIP_MEMBERS:  # 0xFFFF (ZIP64) included: no CV needs it
        raise ExtractionError(MSG_BOMB)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, struct.error) as exc:
        raise ExtractionError(MSG_WRONG_TYPE) from exc
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS or sum(info.file_size for info in members) > MAX_UNZIPPED_BYTES:
        raise ExtractionError(MSG_BOMB)
    for info in members:
        if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > MAX_MEMBER_RATIO * max(info.compress_size, 1):
            raise ExtractionError(MSG_BOMB)
    return archive


def _zip_kind(data: bytes) -> str | None:
    with _open_zip(data) as archive:
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return DOCX
        if "content.xml" in names and "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
            try:
                if archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return ODT
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                return None
    return None


def check_document(data: bytes) -> str:
    """The kind (pdf/docx/odt) of a document, from its magic bytes, its ZIP central directory or its PDF page
    count: cheap and bounded, nothing is parsed. Raises ExtractionError (French message)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ExtractionError(MSG_TOO_BIG)
    if data.startswith(b"%PDF-"):
        if b"/Encrypt" in data:
            raise ExtractionError(MSG_ENCRYPTED)
        if len(PDF_PAGE.findall(data)) > MAX_PAGES:
            raise ExtractionError(MSG_TOO_MANY_PAGES)
        return PDF
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind is not None:
            return kind
    raise ExtractionError(MSG_WRONG_TYPE)


def sniff_kind(head: bytes, data: bytes | None = None) -> str | None:
    """PDF by its magic bytes; DOCX / ODT are ZIP files told apart by their members; None if not a CV
    document or over a limit of ``check_document``."""
    if head.startswith(b"%PDF-"):
        return PDF
    if data is None:
        return None
    try:
        return check_document(data)
    except ExtractionError:
        return None


def validate_document(uploaded) -> str:
    """Check an uploaded CV by its content; returns its kind (pdf/docx/odt) or raises ValidationError (French).
    Only sniffed and size-checked here: the text is read later, by the task, under hard limits."""
    if uploaded.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(MSG_TOO_BIG, code="too_big")
    uploaded.seek(0)
    data = uploaded.read(MAX_DOCUMENT_BYTES + 1)
    uploaded.seek(0)
    try:
        return check_document(data)
    except ExtractionError as exc:
        raise ValidationError(str(exc), code="unreadable") from exc


# --- in the task: parsed in a child process under hard limits ---------------------------------------------------


def extract_text(data: bytes, kind: str, *, max_pages=MAX_PAGES, max_chars=MAX_TEXT_CHARS,
                 cpu_seconds=None, memory_bytes=None) -> str:
    """The document's text, read by ``parsing`` in a child process limited in CPU time and address space,
    bounded in pages and characters. Raises ExtractionError (French message)."""
    check_document(data)
    cpu_seconds = cpu_seconds or MAX_CPU_SECONDS
    memory_bytes = memory_bytes or MAX_MEMORY_BYTES
    command = [sys.executable, "-m", "cvtheque.cvs.parsing", kind, str(max_pages), str(max_chars),
               str(cpu_seconds), str(memory_bytes)]
    try:
        child = subprocess.run(command, input=data, capture_output=True, cwd=PROJECT_ROOT,
                               timeout=MAX_WALL_SECONDS + cpu_seconds, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ExtractionError(MSG_TOO_SLOW) from exc
    if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise ExtractionError(MSG_TOO_SLOW)
    try:
        result = json.loads(child.stdout)
    except ValueError as exc:  # killed or crashed without an answer (an allocation failed in C code)
        raise ExtractionError(MSG_BOMB) from exc
    if "error" in result:
        raise ExtractionError(CHILD_MESSAGES.get(result["error"], MSG_UNREADABLE))
    return str(result.get("text", ""))[:max_chars]


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
        text = extract_text(data, check_document(data))
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
    return pdf_from_objects(objects)


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


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file of these numbered objects (object 1 the catalogue), with its cross-reference table."""
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
