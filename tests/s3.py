"""An S3 emulator for the tests: moto in server mode on a free port of 127.0.0.1 (real HTTP, real boto3
requests), with the two buckets of ``MEDIA_STORAGE=s3`` — the media one readable by anyone, like in production."""

import json
import socket
from contextlib import contextmanager

import boto3

MEDIA_BUCKET = "tde-test-media"
PRIVATE_BUCKET = "tde-test-private"
KEYS = {"S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing", "S3_REGION": "eu-west-3"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def s3_emulator():
    """Yields the environment of ``MEDIA_STORAGE=s3`` pointing at a fresh moto server."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {"MEDIA_STORAGE": "s3", "S3_ENDPOINT_URL": f"http://127.0.0.1:{port}", "S3_MEDIA_BUCKET": MEDIA_BUCKET,
           "S3_PRIVATE_BUCKET": PRIVATE_BUCKET, **KEYS}
    client = s3_client(env)
    location = {"LocationConstraint": KEYS["S3_REGION"]}
    client.create_bucket(Bucket=MEDIA_BUCKET, CreateBucketConfiguration=location)
    client.create_bucket(Bucket=PRIVATE_BUCKET, CreateBucketConfiguration=location)
    client.put_bucket_policy(Bucket=MEDIA_BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{MEDIA_BUCKET}/*"}]}))
    client.put_public_access_block(Bucket=PRIVATE_BUCKET, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    try:
        yield env
    finally:
        server.stop()


def s3_client(env):
    return boto3.client("s3", endpoint_url=env["S3_ENDPOINT_URL"], region_name=env["S3_REGION"],
                        aws_access_key_id=env["S3_ACCESS_KEY_ID"], aws_secret_access_key=env["S3_SECRET_ACCESS_KEY"])


def keys_in(env, bucket: str) -> list[str]:
    return [o["Key"] for o in s3_client(env).list_objects_v2(Bucket=bucket).get("Contents", [])]
