"""Uploaded images are decoded, checked, stripped of metadata (EXIF location included) and re-encoded."""

from __future__ import annotations

import io
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from kindling.core.errors import ApplicationError

INVALID_IMAGE = "invalid_image"
IMAGE_TOO_LARGE = "image_too_large"
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def image_sanitize(upload, *, max_side: int | None = None) -> ContentFile:  # type: ignore[no-untyped-def]
    """Return a fresh JPEG/PNG with no metadata, or raise a 4xx ApplicationError for anything else."""
    max_bytes = settings.KINDLING_IMAGE_MAX_BYTES
    max_pixels = settings.KINDLING_IMAGE_MAX_PIXELS
    side = max_side or settings.KINDLING_IMAGE_MAX_SIDE
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ApplicationError(IMAGE_TOO_LARGE, f"Images can be at most {max_bytes // (1024 * 1024)} MB.", status=413)
    raw = upload.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ApplicationError(IMAGE_TOO_LARGE, f"Images can be at most {max_bytes // (1024 * 1024)} MB.", status=413)
    if not raw:
        raise ApplicationError(INVALID_IMAGE, "The image file is empty.")
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ApplicationError(INVALID_IMAGE, "Use a JPEG, PNG, WebP or GIF image.")
            # Checked before decoding pixels, so a decompression bomb is refused cheaply.
            if probe.width * probe.height > max_pixels:
                raise ApplicationError(IMAGE_TOO_LARGE, "The image has too many pixels.", status=413)
            probe.verify()
        with Image.open(io.BytesIO(raw)) as opened:
            opened.load()
            img: Image.Image = ImageOps.exif_transpose(opened) or opened
            has_alpha = img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info)
            img = img.convert("RGBA" if has_alpha else "RGB")
            img.thumbnail((side, side), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            # Saving a new image without passing exif/info drops every metadata block.
            if has_alpha:
                img.save(out, format="PNG", optimize=True)
                ext = "png"
            else:
                img.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
                ext = "jpg"
    except ApplicationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ApplicationError(INVALID_IMAGE, "That file is not an image we can read.") from exc
    return ContentFile(out.getvalue(), name=f"{secrets.token_hex(12)}.{ext}")
