"""Media in S3-compatible object storage (``MEDIA_STORAGE=s3``, read by the settings): no file on a web host.

Public uploads (logos, banners, editor images) go to a bucket that browsers read directly (``S3_MEDIA_URL``,
by default the endpoint followed by the bucket); CV and application documents go to a private bucket, only ever
streamed by the authenticated views (a signed URL of that bucket expires after ``S3_SIGNED_URL_SECONDS``)."""

from urllib.parse import urlparse

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_storages(environ) -> tuple[dict, dict, str]:
    """(STORAGES["default"], STORAGES["private"], MEDIA_URL) from the environment."""
    endpoint = (environ.get("S3_ENDPOINT_URL") or "").rstrip("/")
    common = {
        "endpoint_url": endpoint or None,
        "region_name": environ.get("S3_REGION") or None,
        "access_key": environ.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("S3_SECRET_ACCESS_KEY") or None,
        "file_overwrite": False,  # a new random name rather than replacing another upload
        "default_acl": None,  # access is the bucket's policy: public media, private documents
        # MinIO, Garage, Ceph… answer at one address: bucket in the path, not in the host name
        "addressing_style": environ.get("S3_ADDRESSING_STYLE") or ("path" if endpoint else None),
    }
    media_bucket = environ.get("S3_MEDIA_BUCKET", "terredemplois-media")
    media_url = environ.get("S3_MEDIA_URL") or (
        f"{endpoint}/{media_bucket}/" if endpoint else f"https://{media_bucket}.s3.amazonaws.com/")
    if not media_url.endswith("/"):
        media_url += "/"
    public = urlparse(media_url)
    default = {"BACKEND": S3_BACKEND, "OPTIONS": {
        **common, "bucket_name": media_bucket, "querystring_auth": False,
        "custom_domain": public.netloc + public.path.rstrip("/"), "url_protocol": f"{public.scheme}:",
    }}
    private = {"BACKEND": S3_BACKEND, "OPTIONS": {
        **common, "bucket_name": environ.get("S3_PRIVATE_BUCKET", "terredemplois-private"),
        "querystring_auth": True, "querystring_expire": int(environ.get("S3_SIGNED_URL_SECONDS", "60")),
    }}
    return default, private, media_url
