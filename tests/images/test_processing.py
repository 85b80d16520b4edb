"""Uploads checked and cleaned with Pillow, without a database."""

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms, features

from images.processing import (
    ImageRefused,
    Limits,
    crop_box,
    prepare,
    rendition_widths,
    renditions,
    supported_formats,
)


def encode(fmt, size=(64, 48), mode="RGB", **options):
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None).save(out, fmt, **options)
    return out.getvalue()


FORMATS = ["JPEG", "PNG", "WEBP", "GIF"] + (["AVIF"] if features.check("avif") else [])


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_supported_format_is_accepted(fmt):
    prepared = prepare(encode(fmt))
    assert prepared.format == fmt and (prepared.width, prepared.height) == (64, 48)
    assert fmt in supported_formats()


def test_exif_is_stripped_and_its_orientation_applied():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    exif[0x010F] = "SecretCam"  # camera make
    exif[0x8825] = {2: (1.0, 2.0, 3.0)}  # GPS
    data = encode("JPEG", size=(80, 40), exif=exif.tobytes())
    prepared = prepare(data)
    assert (prepared.width, prepared.height) == (40, 80)
    cleaned = Image.open(io.BytesIO(prepared.data))
    assert not cleaned.getexif()
    assert b"SecretCam" not in prepared.data


def test_the_colour_profile_is_kept():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    prepared = prepare(encode("JPEG", icc_profile=profile))
    assert prepared.has_icc
    assert Image.open(io.BytesIO(prepared.data)).info.get("icc_profile") == profile
    webp = next(r for r in renditions(prepared.data) if r.format == "WEBP")
    assert Image.open(io.BytesIO(webp.data)).info.get("icc_profile") == profile


def test_too_many_bytes_is_refused_before_decoding():
    with pytest.raises(ImageRefused, match="at most"):
        prepare(encode("PNG"), Limits(max_bytes=100))


def test_too_many_pixels_is_refused():
    with pytest.raises(ImageRefused, match="pixels"):
        prepare(encode("PNG", size=(300, 300)), Limits(max_pixels=50_000))


def png_declaring(width, height):
    """A tiny PNG whose header claims a huge size: a decompression bomb."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b""))


def test_a_decompression_bomb_is_refused_with_a_clear_error():
    with pytest.raises(ImageRefused, match=r"decompression bomb|million pixels"):
        prepare(png_declaring(100_000, 100_000))


@pytest.mark.parametrize("data, message", [
    (b"", "empty"), (b"not an image at all", "not an image"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not an image"),
])
def test_non_images_are_refused(data, message):
    with pytest.raises(ImageRefused, match=message):
        prepare(data)


def test_a_truncated_image_is_refused():
    data = encode("PNG", size=(200, 200))
    with pytest.raises(ImageRefused):
        prepare(data[: len(data) // 2])


def test_renditions_never_enlarge_and_include_webp_and_a_card():
    data = prepare(encode("JPEG", size=(1000, 500))).data
    made = renditions(data, (0.9, 0.5))
    widths = sorted({r.width for r in made if r.kind == "width"})
    assert widths == [320, 640, 960, 1000] == rendition_widths(1000)
    assert {r.format for r in made if r.kind == "width"} == {"WEBP", "JPEG"}
    card = next(r for r in made if r.kind == "card")
    assert abs(card.width / card.height - 1200 / 630) < 0.01


def test_transparent_images_fall_back_to_png():
    data = prepare(encode("PNG", size=(400, 300), mode="RGBA")).data
    assert {r.format for r in renditions(data)} == {"WEBP", "PNG"}


def test_the_crop_keeps_the_focal_point():
    assert crop_box(1000, 500, 1.0, (0.9, 0.5)) == (500, 0, 1000, 500)
    assert crop_box(1000, 500, 1.0, (0.1, 0.5)) == (0, 0, 500, 500)
    assert crop_box(1000, 500, 1.0, (0.5, 0.5)) == (250, 0, 750, 500)
    assert crop_box(500, 1000, 2.0, (0.5, 0.0)) == (0, 0, 500, 250)
