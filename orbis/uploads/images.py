"""Images: decoded in full under a pixel limit, then encoded again without metadata.

Nothing of the original file is kept but its pixels: no EXIF (camera, GPS position, date), no
XMP, no comments, no colour profile (applied first, so colours stay right). Children's photos
must never reveal where their school is.
"""

import contextlib
import io
import re
import struct
import warnings
from typing import NamedTuple

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, ImageSequence

from orbis.core.filetypes import Sniffed

from .messages import UploadRefused, megapixels

THUMBNAIL_SIDE = 480
# An animation is decoded frame by frame into memory: its frames together count against the
# image pixel limit, and there is a cap on their number.
MAX_FRAMES = 500


class CleanImage(NamedTuple):
    encoded: bytes
    thumbnail: bytes
    width: int
    height: int


_PILLOW_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
}
# What Pillow raises on broken input, beyond OSError (UnidentifiedImageError is one).
_BROKEN = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, TypeError)


def _image_damaged() -> UploadRefused:
    return UploadRefused(_("This image is damaged or incomplete, so it can't be shown."))


def _too_large(pixels: int | None) -> UploadRefused:
    limit = settings.ORBIS_UPLOAD_MAX_IMAGE_PIXELS
    if pixels is None:
        return UploadRefused(
            _("This image is too large; the most is %(limit)s megapixels.")
            % {"limit": megapixels(limit)}
        )
    return UploadRefused(
        _("This image is too large (%(size)s megapixels); the most is %(limit)s megapixels.")
        % {"size": megapixels(pixels, above=limit), "limit": megapixels(limit)}
    )


def _bomb_pixels(error: Exception) -> int | None:
    match = re.search(r"\((\d+) pixels\)", str(error))
    return int(match.group(1)) if match else None


def clean_image(uploaded: File, sniffed: Sniffed) -> CleanImage:
    """Decode the whole image (refusing damaged ones and decompression bombs) and encode it
    again in its own format without any metadata, upright, in sRGB, with a WebP thumbnail."""
    pillow_format = _PILLOW_FORMATS[sniffed.content_type]
    max_pixels = settings.ORBIS_UPLOAD_MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        # Pillow's own decompression-bomb guard warns first, then raises: both refuse. (The
        # filter is process-wide while this runs; in another thread it can only turn the same
        # warning into an error, and our own pixel check below holds either way.)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            uploaded.seek(0)
            with Image.open(uploaded, formats=[pillow_format]) as probe:
                width, height = probe.size
                if width * height > max_pixels:
                    raise _too_large(width * height)
                frames = getattr(probe, "n_frames", 1)
                if frames > MAX_FRAMES or width * height * frames > max_pixels:
                    raise UploadRefused(
                        _(
                            "This animation is too large (%(frames)s frames of %(width)s×"
                            "%(height)s pixels); together its frames can have at most "
                            "%(limit)s megapixels."
                        )
                        % {
                            "frames": frames,
                            "width": width,
                            "height": height,
                            "limit": megapixels(max_pixels),
                        }
                    )
                probe.verify()
            uploaded.seek(0)
            with Image.open(uploaded, formats=[pillow_format]) as image:
                if frames > 1:
                    encoded, thumbnail, size = _reencode_animation(image, pillow_format)
                else:
                    encoded, thumbnail, size = _reencode_still(image, pillow_format)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_large(_bomb_pixels(error)) from None
        except MemoryError:
            raise _too_large(None) from None
        except _BROKEN:
            raise _image_damaged() from None
    return CleanImage(encoded, thumbnail, *size)


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB(A) or L pixels in sRGB. An embedded colour profile (a phone's Display P3, a
    printer's CMYK) is applied, then dropped with every other piece of metadata."""
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        # An unreadable profile: keep the pixels as they are.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError, TypeError):
            image = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
    if image.mode.startswith("I;16"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if _has_alpha(image):
        target = "RGBA"
    elif image.mode in ("1", "L", "I", "F"):
        target = "L"
    else:
        target = "RGB"
    return image.convert(target) if image.mode != target else image


def _fresh(image: Image.Image) -> Image.Image:
    """A new image with the same pixels and nothing else: no EXIF, GPS, XMP, ICC, comments."""
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _thumbnail(image: Image.Image) -> bytes:
    small = image.copy()
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    _fresh(small).save(buffer, "WEBP", quality=75, method=4)
    return buffer.getvalue()


def _reencode_still(image: Image.Image, pillow_format: str) -> tuple[bytes, bytes, tuple]:
    side = settings.ORBIS_UPLOAD_IMAGE_MAX_SIDE
    if pillow_format == "JPEG":
        # The JPEG decoder can scale by 1/2, 1/4 or 1/8 as it decodes: a big photo is read
        # at no less than `side`, several times faster and in a fraction of the memory.
        scale = min(1.0, side / max(image.size))
        image.draft(image.mode, (round(image.width * scale), round(image.height * scale)))
    image.load()  # decodes everything: a truncated file fails here
    image = ImageOps.exif_transpose(image) or image
    image = _to_srgb(image)
    if pillow_format == "JPEG" and image.mode == "RGBA":
        image = image.convert("RGB")
    # Stored photos are for screens: a 40-megapixel original is scaled to `side`, which keeps
    # pages light on slow school connections.
    if max(image.size) > side:
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
    clean = _fresh(image)
    buffer = io.BytesIO()
    if pillow_format == "JPEG":
        clean.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    elif pillow_format == "PNG":
        clean.save(buffer, "PNG")
    elif pillow_format == "WEBP":
        clean.save(buffer, "WEBP", quality=85, method=4)
    else:  # a GIF of one frame
        clean.save(buffer, "GIF", optimize=True)
    return buffer.getvalue(), _thumbnail(clean), clean.size


def _reencode_animation(image: Image.Image, pillow_format: str) -> tuple[bytes, bytes, tuple]:
    """An animation (GIF, animated PNG or WebP) stays animated, in its own format: a class's
    stop-motion film is worth its motion. Every frame is decoded and composited, then written
    to a new file with only the timing and looping."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        frame.load()
        frames.append(_fresh(frame.convert("RGBA")))
        durations.append(max(int(frame.info.get("duration") or 100), 20))
    buffer = io.BytesIO()
    options = {"disposal": 2} if pillow_format == "GIF" else {}
    if pillow_format == "WEBP":
        options = {"quality": 80, "method": 4}
    frames[0].save(
        buffer,
        pillow_format,
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=int(image.info.get("loop", 0) or 0),
        **options,
    )
    return buffer.getvalue(), _thumbnail(frames[0]), frames[0].size
