"""Checking, cleaning and resizing uploaded images: Pillow only, no Django.

An upload is refused with a sentence an editor understands when it is too many
bytes, too many pixels (a decompression bomb is refused before it is decoded), not
an image, or in a format we do not serve. What is kept is re-encoded from the
pixels: EXIF (camera, GPS, time) is dropped after its orientation is applied, and
the ICC colour profile is kept so colours stay as the photographer saw them.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError, features

from phrasebook import Refusal, gettext_noop

# Format name as Pillow reports it -> (file extension, MIME type).
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
    "GIF": ("gif", "image/gif"),
    "AVIF": ("avif", "image/avif"),
}
# Widths offered in srcset; an image is never enlarged, so small ones get fewer.
RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
# The social card (og:image), cropped around the focal point.
CARD_SIZE = (1200, 630)


class ImageRefused(Refusal):
    """An upload we will not keep; says why in plain words, which the admin shows in
    the editor's language (``images.forms.refusal``)."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_pixels: int = 40_000_000
    max_side: int = 12_000


@dataclass(frozen=True)
class Prepared:
    """The cleaned original: its bytes, Pillow format name and size."""

    data: bytes
    format: str
    width: int
    height: int
    has_icc: bool

    @property
    def extension(self) -> str:
        return FORMATS[self.format][0]


def supported_formats() -> list[str]:
    """The formats this Pillow can read and write (AVIF needs a build with libavif)."""
    found = []
    for name in FORMATS:
        if name == "AVIF" and not features.check("avif"):
            continue
        if name == "WEBP" and not features.check("webp"):
            continue
        found.append(name)
    return found


def refuse_oversized(size: int, limits: Limits) -> None:
    """Refuse a file of ``size`` bytes over the limit (an upload before it is read)."""
    if size > limits.max_bytes:
        raise ImageRefused(
            gettext_noop("The file is %(mb).1f MB; images may be at most %(max).0f MB."),
            mb=size / 1e6, max=limits.max_bytes / 1e6,
        )


def _open(data: bytes, limits: Limits) -> Image.Image:
    if not data:
        raise ImageRefused(gettext_noop("The file is empty."))
    refuse_oversized(len(data), limits)
    try:
        with warnings.catch_warnings():
            # Pillow warns between the limit and twice the limit; refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=supported_formats())
            width, height = image.size
            if width * height > limits.max_pixels or max(width, height) > limits.max_side:
                raise ImageRefused(
                    gettext_noop("The image is %(width)d × %(height)d pixels; at most "
                                 "%(pixels).0f million pixels and %(side)d pixels a side "
                                 "are accepted."),
                    width=width, height=height, pixels=limits.max_pixels / 1e6,
                    side=limits.max_side,
                )
            image.verify()
            image = Image.open(io.BytesIO(data), formats=supported_formats())
            image.load()
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRefused(gettext_noop(
            "The image declares far more pixels than its file holds (a decompression "
            "bomb); it was not opened."
        )) from error
    except UnidentifiedImageError as error:
        names = ", ".join(supported_formats())
        raise ImageRefused(gettext_noop("This is not an image in a format we accept "
                                        "(%(formats)s)."), formats=names) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageRefused(gettext_noop("The image file is damaged: %(error)s."),
                           error=str(error)) from error
    return image


def prepare(data: bytes, limits: Limits | None = None) -> Prepared:
    """Check an upload and re-encode it without EXIF, upright, with its ICC profile."""
    limits = limits or Limits()
    image = _open(data, limits)
    fmt = image.format or "PNG"
    icc = image.info.get("icc_profile")
    if fmt == "GIF" and getattr(image, "n_frames", 1) > 1:
        # Animated: re-encoding every frame keeps the animation and drops comments.
        out = io.BytesIO()
        image.save(out, "GIF", save_all=True, loop=image.info.get("loop", 0),
                   duration=image.info.get("duration", 100))
        return Prepared(out.getvalue(), fmt, image.width, image.height, False)
    upright = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    options: dict = {}
    if icc:
        options["icc_profile"] = icc
    if fmt == "JPEG":
        upright = upright.convert("RGB") if upright.mode not in ("RGB", "L", "CMYK") else upright
        options.update(quality=90, optimize=True)
    elif fmt in ("WEBP", "AVIF"):
        options.update(quality=90)
    elif fmt == "GIF":
        options.pop("icc_profile", None)
    # No exif= argument: nothing of the original EXIF is written back.
    upright.save(out, fmt, **options)
    return Prepared(out.getvalue(), fmt, upright.width, upright.height, bool(icc))


def rendition_widths(width: int) -> list[int]:
    """srcset widths for an image this wide: never upscaled, always its own width."""
    widths = [w for w in RENDITION_WIDTHS if w < width]
    return [*widths, min(width, RENDITION_WIDTHS[-1])]


def crop_box(width: int, height: int, ratio: float, focal: tuple[float, float]
             ) -> tuple[int, int, int, int]:
    """The largest box of ``ratio`` (width / height) inside the image, centred on the
    focal point (fractions of width and height) as far as the edges allow."""
    if width / height > ratio:
        box_w, box_h = round(height * ratio), height
    else:
        box_w, box_h = width, round(width / ratio)
    cx, cy = focal[0] * width, focal[1] * height
    left = min(max(round(cx - box_w / 2), 0), width - box_w)
    top = min(max(round(cy - box_h / 2), 0), height - box_h)
    return left, top, left + box_w, top + box_h


def _encode(image: Image.Image, fmt: str, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    options: dict = {"quality": 82}
    if icc:
        options["icc_profile"] = icc
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if fmt == "WEBP" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or
                              image.info.get("transparency") is not None else "RGB")
    image.save(out, fmt, **options)
    return out.getvalue()


@dataclass(frozen=True)
class Resized:
    kind: str  # "width" (for srcset) or "card" (cropped social card)
    width: int
    height: int
    format: str
    data: bytes


def renditions(data: bytes, focal: tuple[float, float] = (0.5, 0.5)) -> list[Resized]:
    """Every stored size of a prepared original: WebP at each srcset width, the same
    widths in a fallback format (JPEG, or PNG for images with transparency), and
    the social card cropped around the focal point."""
    image = Image.open(io.BytesIO(data))
    image.load()
    icc = image.info.get("icc_profile")
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    fallback = "PNG" if alpha else "JPEG"
    base = image.convert("RGBA" if alpha else "RGB")
    out: list[Resized] = []
    for width in rendition_widths(base.width):
        height = max(1, round(base.height * width / base.width))
        scaled = base if width == base.width else base.resize((width, height), Image.LANCZOS)
        for fmt in ("WEBP", fallback):
            out.append(Resized("width", width, height, fmt, _encode(scaled, fmt, icc)))
    box = crop_box(base.width, base.height, CARD_SIZE[0] / CARD_SIZE[1], focal)
    card = base.crop(box)
    if card.width > CARD_SIZE[0]:
        card = card.resize(CARD_SIZE, Image.LANCZOS)
    out.append(Resized("card", card.width, card.height, fallback, _encode(card, fallback, icc)))
    return out
