"""Uploaded images are checked by their content, never by their name or declared type.

    from toolkit.images import validate_and_clean_image
    content = validate_and_clean_image(request.FILES["logo"])   # raises ValidationError (French)
    company.logo = content                                       # a ContentFile with a random name

Only real JPEG and PNG files are accepted, up to ``MAX_BYTES``; the pixel count is bounded
before decoding (a decompression bomb is refused, not decoded); the image is re-encoded, which
drops every metadata (EXIF, GPS, comments, PNG text chunks) after applying the EXIF
orientation; the returned file gets a random name with the extension of its real format.
"""

import io
import secrets
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 1024 * 1024  # « L'image ne doit pas excéder 1 Mo »
MAX_PIXELS = 25_000_000  # 25 megapixels (about 100 Mo once decoded): anything larger is refused
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png"}

MESSAGE_FORMAT = "L'image doit être au format jpg ou png."
MESSAGE_SIZE = "L'image ne doit pas excéder 1 Mo."
MESSAGE_PIXELS = "L'image est trop grande (trop de pixels) : réduisez ses dimensions avant de l'envoyer."
MESSAGE_BROKEN = "Ce fichier n'est pas une image lisible : l'image doit être au format jpg ou png."


def validate_and_clean_image(uploaded_file, *, max_side: int | None = None) -> ContentFile:
    """Check ``uploaded_file`` (any file-like object with ``size`` or ``read``) and return a clean,
    re-encoded copy as a ``ContentFile`` named ``<random>.jpg`` or ``<random>.png``.

    ``max_side`` (optional) shrinks the image so that neither side exceeds it.
    Raises ``django.core.exceptions.ValidationError`` with a French message."""
    if uploaded_file is None:
        raise ValidationError(MESSAGE_BROKEN, code="invalid_image")
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(MESSAGE_SIZE, code="image_too_big")
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(MESSAGE_SIZE, code="image_too_big")
    if not data:
        raise ValidationError(MESSAGE_BROKEN, code="invalid_image")

    image = _open_checked(data)
    extension = ALLOWED_FORMATS[image.format]
    output = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            image = ImageOps.exif_transpose(image)
            if max_side and max(image.size) > max_side:
                image.thumbnail((max_side, max_side))
            if extension == "jpg":
                if image.mode not in {"RGB", "L"}:
                    image = image.convert("RGB")
                image.save(output, format="JPEG", quality=85, optimize=True)
            else:
                if image.mode not in {"RGB", "RGBA", "L", "LA", "P", "1"}:
                    image = image.convert("RGBA")
                image.save(output, format="PNG", optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(MESSAGE_PIXELS, code="image_bomb") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(MESSAGE_BROKEN, code="invalid_image") from exc
    return ContentFile(output.getvalue(), name=f"{secrets.token_hex(16)}.{extension}")


def _open_checked(data: bytes) -> Image.Image:
    """Open the image (headers only), check its real format and pixel count, verify its structure."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(MESSAGE_FORMAT, code="invalid_format")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(MESSAGE_PIXELS, code="image_bomb")
            probe.verify()  # structure and checksums, without decoding the pixels
            image = Image.open(io.BytesIO(data))  # verify() leaves the object unusable
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(MESSAGE_PIXELS, code="image_bomb") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(MESSAGE_FORMAT, code="invalid_format") from exc
    return image
