"""Signed links sent by e-mail (unsubscribe, « Je reste visible », a partner's profile): what they carry,
signed with a salt per purpose, and read back only when untampered and, if asked, not too old."""

from django.core import signing


def sign(data: dict, salt: str) -> str:
    return signing.dumps(data, salt=salt, compress=True)


def unsign(token: str, salt: str, max_age=None) -> dict:
    """What ``sign`` signed, or an empty dict (tampered with, too old, or not a dict)."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return {}
    return data if isinstance(data, dict) else {}
