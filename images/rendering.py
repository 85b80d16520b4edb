"""What a page needs to show an image: ``src``, ``srcset`` per format, size."""

from dataclasses import dataclass

from images.models import Image, Rendition

# The story column is at most ~720 CSS pixels wide.
SIZES = "(max-width: 760px) 100vw, 720px"


@dataclass(frozen=True)
class Picture:
    src: str
    width: int
    height: int
    webp_srcset: str
    srcset: str
    sizes: str = SIZES
    # The social card, cropped around the focal point ("" until it is made).
    card: str = ""


def picture(image: Image, renditions: list[Rendition] | None = None) -> Picture:
    """From already-loaded renditions (prefetched): no queries. Before the renditions
    are made, the original alone."""
    if renditions is None:
        renditions = list(image.renditions.all())
    widths = sorted((r for r in renditions if r.kind == Rendition.Kind.WIDTH),
                    key=lambda r: r.width)
    webp = [r for r in widths if r.format == "WEBP"]
    fallback = [r for r in widths if r.format != "WEBP"]
    src = fallback[-1].file.url if fallback else image.file.url
    cards = [r for r in renditions if r.kind == Rendition.Kind.CARD]
    return Picture(
        src=src, width=image.width, height=image.height,
        webp_srcset=", ".join(f"{r.file.url} {r.width}w" for r in webp),
        srcset=", ".join(f"{r.file.url} {r.width}w" for r in fallback),
        card=cards[0].file.url if cards else "",
    )
