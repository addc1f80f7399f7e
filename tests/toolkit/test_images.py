import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from tests.images import (
    EXE_BYTES,
    GIF_BYTES,
    SVG_BYTES,
    image_bytes,
    jpeg_upload,
    jpeg_with_gps,
    noise_png,
    png_bomb,
    png_upload,
    upload,
)
from toolkit.images import validate_and_clean_image


def reopen(content):
    return Image.open(io.BytesIO(content.read()))


def test_png_is_accepted_reencoded_and_renamed_randomly():
    first = validate_and_clean_image(png_upload("logo de l'entreprise.png"))
    second = validate_and_clean_image(png_upload("logo de l'entreprise.png"))
    assert first.name.endswith(".png") and "logo" not in first.name
    assert first.name != second.name
    assert reopen(first).format == "PNG"


def test_jpeg_is_accepted():
    content = validate_and_clean_image(jpeg_upload())
    assert content.name.endswith(".jpg")
    assert reopen(content).size == (320, 120)


def test_jpeg_exif_and_gps_are_removed():
    original = Image.open(io.BytesIO(jpeg_with_gps()))
    assert original.getexif().get(0x8825)  # the test file really carries GPS data
    content = validate_and_clean_image(upload("photo.jpg", jpeg_with_gps(), "image/jpeg"))
    data = content.read()
    cleaned = Image.open(io.BytesIO(data))
    assert not cleaned.getexif()
    assert b"Appareil de Sophie" not in data and b"Exif" not in data


def test_the_real_format_wins_over_the_name():
    content = validate_and_clean_image(upload("photo.png", image_bytes("JPEG"), "image/png"))
    assert content.name.endswith(".jpg")


@pytest.mark.parametrize("name, content, content_type", [
    ("animation.gif", GIF_BYTES, "image/gif"),
    ("logo.svg", SVG_BYTES, "image/svg+xml"),
    ("logo.png", EXE_BYTES, "image/png"),
    ("logo.jpg", b"", "image/jpeg"),
    ("logo.png", b"\x89PNG\r\n\x1a\n truncated", "image/png"),
])
def test_files_that_are_not_jpeg_or_png_are_refused_with_a_french_message(name, content, content_type):
    with pytest.raises(ValidationError) as excinfo:
        validate_and_clean_image(upload(name, content, content_type))
    assert "jpg ou png" in excinfo.value.messages[0]


def test_an_image_over_one_megabyte_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_and_clean_image(upload("grande.png", noise_png(), "image/png"))
    assert excinfo.value.messages == ["L'image ne doit pas excéder 1 Mo."]


def test_a_decompression_bomb_is_refused_without_decoding_it():
    bomb = png_bomb()
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ValidationError) as excinfo:
        validate_and_clean_image(upload("bombe.png", bomb, "image/png"))
    assert "trop de pixels" in excinfo.value.messages[0]


def test_max_side_shrinks_large_images():
    content = validate_and_clean_image(png_upload(size=(1200, 600)), max_side=300)
    assert reopen(content).size == (300, 150)
