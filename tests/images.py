"""Image files for upload tests (built in memory with Pillow, or by hand for the hostile ones)."""

import io
import os
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt="PNG", size=(64, 48), color=(200, 80, 40), exif=None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def upload(name="image.png", content=None, content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes() if content is None else content, content_type=content_type)


def png_upload(name="logo.png", size=(64, 48)):
    return upload(name, image_bytes("PNG", size), "image/png")


def jpeg_upload(name="banniere.jpg", size=(320, 120)):
    return upload(name, image_bytes("JPEG", size), "image/jpeg")


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Appareil de Sophie"  # Make
    exif[0x0131] = "Logiciel secret"  # Software
    gps = {1: "N", 2: (43.0, 12.0, 48.0), 3: "E", 4: (2.0, 21.0, 5.0)}
    exif[0x8825] = gps  # GPSInfo
    return image_bytes("JPEG", (80, 60), exif=exif)


def noise_png(min_bytes=1024 * 1024 + 1) -> bytes:
    side = 700
    while True:
        data = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        buffer = io.BytesIO()
        data.save(buffer, format="PNG")
        if buffer.tell() >= min_bytes:
            return buffer.getvalue()
        side += 200


def png_bomb(width=40_000, height=40_000) -> bytes:
    """A small PNG that declares 1.6 gigapixels of zeros (a decompression bomb)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\x00" * (width // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(2000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


GIF_BYTES = image_bytes("GIF")
SVG_BYTES = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" \
    + b"\x00" * 200 + b"This program cannot be run in DOS mode"
