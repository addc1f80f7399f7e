import time_machine
from django.utils import timezone

from toolkit.tokens import sign, unsign


def test_a_signed_link_reads_back_only_with_its_own_salt_and_untampered():
    token = sign({"a": 1, "u": 2}, "alerte")
    assert unsign(token, "alerte") == {"a": 1, "u": 2}
    assert unsign(token, "autre-usage") == {}
    assert unsign(token[:-2] + "xx", "alerte") == {}
    assert unsign(sign([1, 2], "alerte"), "alerte") == {}  # only what the links carry: a dict


def test_a_signed_link_expires_when_a_maximum_age_is_given():
    token = sign({"cv": 3}, "visible")
    with time_machine.travel(timezone.now() + timezone.timedelta(days=61)):
        assert unsign(token, "visible", max_age=timezone.timedelta(days=60)) == {}
        assert unsign(token, "visible") == {"cv": 3}
