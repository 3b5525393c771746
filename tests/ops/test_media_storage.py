"""Media on disk by default, or in an S3-compatible bucket (MEDIA_STORAGE=s3) without public objects.

The bucket is a real S3 server on loopback (moto's server, in this process): uploads through the admin,
renditions, signed image URLs and documents streamed through Django's document view.
"""

import html
import io
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import pytest
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from storages.backends.s3 import S3Storage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.settings.base import media_origin, s3_media_storage
from tests.factories import folder, make_offer, make_provider_account, png_bytes

REPO = Path(__file__).resolve().parents[2]
BUCKET = "medien-test"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "moto-test-key", "AWS_SECRET_ACCESS_KEY": "moto-test-secret"}
PUBLIC_GROUPS = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


def settings_in_subprocess(module: str, **env) -> dict:
    """STORAGES and the document serve method as ``module`` computes them from exactly this environment."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "MEDIA_STORAGE", "DJANGO_SETTINGS_MODULE"))
    }
    # reading a setting imports the settings module, as every start does first; the apps need not load for it
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'STORAGES': settings.STORAGES, 'SERVE': settings.WAGTAILDOCS_SERVE_METHOD}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, "SECRET_KEY": "x" * 50, **env},
    )
    if result.returncode:
        return {"error": result.stderr}
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", ["cms.settings.production", "cms.settings.dev"])
def test_media_stay_on_disk_unless_s3_is_chosen(module):
    values = settings_in_subprocess(module)
    assert values["STORAGES"]["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert values["SERVE"] == "serve_view"


def test_s3_storage_is_private_and_never_overwrites():
    values = settings_in_subprocess(
        "cms.settings.production",
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="medien",
        AWS_S3_ENDPOINT_URL="https://fsn1.your-objectstorage.com",
    )
    default = values["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert (options["default_acl"], options["querystring_auth"], options["file_overwrite"]) == ("private", True, False)
    assert options["endpoint_url"] == "https://fsn1.your-objectstorage.com"
    # documents stay behind Django's permission checks instead of redirecting to the bucket
    assert values["SERVE"] == "serve_view"
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize(
    "env, message",
    [
        ({"MEDIA_STORAGE": "s3"}, "AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "nfs"}, "MEDIA_STORAGE must be"),
    ],
)
def test_incomplete_media_settings_stop_the_start(env, message):
    assert message in settings_in_subprocess("cms.settings.production", **env)["error"]


@pytest.mark.parametrize(
    "env",
    [
        {"AWS_S3_ENDPOINT_URL": "https://fsn1.your-objectstorage.com"},
        {"AWS_S3_ENDPOINT_URL": "https://s3.de-central.io.cloud.ionos.com", "AWS_S3_ADDRESSING_STYLE": "virtual"},
        {"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000", "AWS_S3_ADDRESSING_STYLE": "virtual"},
        {"AWS_S3_REGION_NAME": "eu-central-1"},
        {"AWS_S3_REGION_NAME": "eu-central-1", "AWS_S3_ADDRESSING_STYLE": "virtual"},
        {"AWS_S3_REGION_NAME": "eu-central-1", "AWS_S3_ADDRESSING_STYLE": "path"},
        {"AWS_S3_CUSTOM_DOMAIN": "medien.3l-elbe-elster.de"},
    ],
)
def test_content_security_policy_allows_the_origin_of_the_image_urls(monkeypatch, env):
    """The origin the settings add to img-src is the one django-storages puts into image URLs."""
    for name, value in {"AWS_STORAGE_BUCKET_NAME": "medien", **CREDENTIALS, **env}.items():
        monkeypatch.setenv(name, value)
    storage = s3_media_storage()
    url = S3Storage(**storage["OPTIONS"]).url("images/bild.fill-960x540.png")  # signing needs no network
    assert "{0.scheme}://{0.netloc}".format(urlsplit(url)) == media_origin(storage)


@pytest.mark.django_db
def test_open_graph_image_on_disk_is_an_absolute_url_of_the_site(client, portal, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = get_image_model().objects.create(
        title="Bild", file=ImageFile(io.BytesIO(png_bytes((1300, 700))), name="bild.png")
    )
    page = make_offer("Kurs mit Bild", image=image)
    html_text = client.get(page.url).content.decode()
    assert re.search(r'<meta property="og:image" content="http://testserver/media/images/bild\.[^"]+\.png">', html_text)


# --- the bucket ---


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A fresh bucket, and the settings MEDIA_STORAGE=s3 computes for it."""
    env = {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "eu-central-1",
        **CREDENTIALS,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="eu-central-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    settings.STORAGES = {**settings.STORAGES, "default": s3_media_storage()}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def public_grants(client, key: str) -> list:
    grants = client.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    return [grant for grant in grants if grant["Grantee"].get("URI") in PUBLIC_GROUPS]


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "geheim-123")


@pytest.mark.live
@pytest.mark.django_db
def test_images_uploaded_in_the_admin_land_in_the_bucket_and_pages_show_signed_renditions(
    client, portal, superuser, bucket, settings
):
    client.force_login(superuser)
    upload = SimpleUploadedFile("herbstkurs.png", png_bytes((1200, 800)), content_type="image/png")
    response = client.post(
        "/admin/images/add/", {"title": "Herbstkurs", "file": upload, "collection": Collection.get_first_root_node().pk}
    )
    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title="Herbstkurs")
    assert image.file.name in keys(bucket)
    page = make_offer("Kurs mit Bild", image=image)
    client.logout()

    response = client.get(page.url)
    assert response.status_code == 200
    src = html.unescape(re.search(r'<img class="hero" src="([^"]+)"', response.content.decode()).group(1))
    assert src.startswith(f"{media_origin(settings.STORAGES['default'])}/{BUCKET}/images/")
    assert "X-Amz-Signature=" in src and "X-Amz-Expires=3600" in src
    og_image = html.unescape(re.search(r'<meta property="og:image" content="([^"]+)"', response.content.decode())[1])
    assert og_image.startswith(f"{media_origin(settings.STORAGES['default'])}/{BUCKET}/images/")  # not host + URL
    rendition = image.renditions.get(filter_spec="fill-960x540")
    assert rendition.file.name in keys(bucket)
    with urllib.request.urlopen(src, timeout=10) as fetched:  # what a browser does with the signed URL
        assert PILImage.open(io.BytesIO(fetched.read())).size == (960, 540)
    assert all(public_grants(bucket, key) == [] for key in keys(bucket))


@pytest.mark.live
@pytest.mark.django_db
def test_documents_land_in_the_bucket_and_are_served_through_the_site_once_published(client, portal, bucket):
    provider, user = make_provider_account("Anbieter Alpha")
    client.force_login(user)
    content = b"%PDF-1.4 Programmheft Herbst"
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Programmheft",
            "collection": provider.collection.pk,
            "file": SimpleUploadedFile("programmheft.pdf", content, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = get_document_model().objects.get(title="Programmheft")
    assert document.file.name in keys(bucket)
    assert public_grants(bucket, document.file.name) == []

    # the provider sees its own draft document; residents don't, although the file exists
    assert b"".join(client.get(document.url).streaming_content) == content
    client.logout()
    assert client.get(document.url).status_code == 404

    link = f'<p><a linktype="document" id="{document.pk}">Programm</a></p>'
    make_offer("Mit Heft", parent=folder(provider, "bildungsboerse"), body=[{"type": "paragraph", "value": link}])
    response = client.get(document.url)
    assert response.status_code == 200  # streamed by Django, not a redirect to the bucket
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
