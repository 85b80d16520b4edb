"""The media library: uploads through the admin, reuse, storage settings, CSP."""

import importlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from images.library import add_image, make_renditions
from images.models import Image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def jpeg(size=(600, 300)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, (10, 200, 10)).save(out, "JPEG")
    return out.getvalue()


def test_the_same_picture_uploaded_twice_is_one_library_image():
    first = add_image(jpeg(), "a.jpg", alt="")
    second = add_image(jpeg(), "b.jpg", alt="绿色", credit="记者")
    assert first.pk == second.pk and Image.objects.count() == 1
    assert Image.objects.get().alt == "绿色"  # empty fields filled, never overwritten


def test_renditions_are_made_once():
    image = add_image(jpeg(), "a.jpg")
    assert make_renditions(image.pk) == "made"
    count = image.renditions.count()
    assert make_renditions(image.pk) == "current" and image.renditions.count() == count
    Image.objects.filter(pk=image.pk).update(focal_x=0.1)
    assert make_renditions(image.pk) == "made"  # the card follows the focal point
    assert image.renditions.count() == count


def test_upload_search_and_reuse_in_the_admin(editor_client):
    url = reverse("admin:images_image_add")
    response = editor_client.post(url, {
        "upload": SimpleUploadedFile("stage.jpg", jpeg(), "image/jpeg"), "title": "舞台",
        "alt": "大会舞台", "caption": "", "credit": "本报", "licence": "own",
        "focal_x": "0.5", "focal_y": "0.5",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert (image.width, image.height) == (600, 300) and image.uploaded_by is not None
    listing = editor_client.get(reverse("admin:images_image_changelist") + "?q=舞台")
    assert "大会舞台" in listing.content.decode()
    bomb = editor_client.post(url, {"upload": SimpleUploadedFile("x.png", b"nope", "image/png"),
                                    "focal_x": "0.5", "focal_y": "0.5"})
    assert bomb.status_code == 200 and "不是可接受格式的图片" in bomb.content.decode()


def test_media_is_served_with_the_site_and_allowed_by_the_csp(client):
    image = add_image(jpeg(), "a.jpg")
    response = client.get(image.file.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "img-src 'self' data:" in response["Content-Security-Policy"]
    assert client.get("/media/../settings.py").status_code in (400, 404)


def test_s3_storage_is_configured_from_the_environment(monkeypatch):
    from newsroom import settings as module

    monkeypatch.setenv("NEWSROOM_S3_BUCKET", "newsroom-media")
    monkeypatch.setenv("NEWSROOM_S3_ENDPOINT_URL", "https://s3.example.net")
    monkeypatch.setenv("NEWSROOM_S3_CUSTOM_DOMAIN", "media.example.net")
    storage = module.media_storage()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "newsroom-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert module.media_origin(storage) == "https://media.example.net"
    monkeypatch.delenv("NEWSROOM_S3_BUCKET")
    assert module.media_storage()["BACKEND"].endswith("FileSystemStorage")
    assert module.media_origin(module.media_storage()) == ""
    importlib.reload(module)  # leave the module as the environment says


def test_a_refused_upload_says_why_in_the_editors_language(editor_client):
    """The refusal is a msgid with parameters: Chinese in the Chinese admin, English in
    the English one, the figures filled in either way."""
    url = reverse("admin:images_image_add")
    post = {"upload": SimpleUploadedFile("x.png", b"nope", "image/png"),
            "focal_x": "0.5", "focal_y": "0.5"}
    chinese = editor_client.post(url, post).content.decode()
    assert "这不是可接受格式的图片（支持 JPEG, PNG" in chinese
    editor_client.cookies["django_language"] = "en"
    post["upload"].seek(0)
    english = editor_client.post(url, post).content.decode()
    assert "This is not an image in a format we accept (JPEG, PNG" in english
