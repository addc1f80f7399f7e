"""Small hostile documents generated in the tests: decompression bombs and documents heavy to parse."""

import io
import zipfile
import zlib

from cvtheque.cvs.extraction import pdf_from_objects

ODT_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def odt_repeating(paragraph: str, times: int) -> bytes:
    """An ODT whose content.xml repeats one tiny paragraph ``times`` times (the 110 Ko / 2.5 M paragraphs file)."""
    return odt_of(f"<text:p>{paragraph}</text:p>" * times)


def odt_numbered(count: int) -> bytes:
    """An ODT of ``count`` short numbered paragraphs: compresses like real text (no ratio alarm), heavy to load."""
    return odt_of("".join(f"<text:p>Ligne {index}</text:p>" for index in range(count)))


def odt_of(body: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", ODT_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def zip_with_members(count: int) -> bytes:
    """A DOCX-looking ZIP with ``count`` empty members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for index in range(count):
            archive.writestr(f"m/{index}", "")
    return out.getvalue()


def pdf_shared_stream(pages: int, lines: int) -> bytes:
    """A PDF whose ``pages`` pages all draw one compressed content stream of ``lines`` text lines (the 744 Ko
    PDF of 30 pages sharing a 6 Mo stream): small on disk, long to extract."""
    content = b"BT /F1 11 Tf 50 800 Td " + b"(Soudeur TIG MIG) Tj 0 -1 Td\n" * lines + b"ET"
    stream = zlib.compress(content, 9)
    kids = " ".join(f"{4 + index} 0 R" for index in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + font + b" /Contents 3 0 R >>"
                for _ in range(pages)]
    return pdf_from_objects(objects)
