"""``ProcessMemo``: values kept per process until their version key changes; ``held()`` reads it once."""

import pytest

from toolkit.memo import ProcessMemo

pytestmark = pytest.mark.django_db


def test_a_held_memo_reads_its_version_once_and_sees_a_change_once_released():
    memo = ProcessMemo("tests:memo:version")
    memo.forget()
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert memo.get("key", compute) == 1
    memo.forget()
    assert memo.get("key", compute) == 2  # a change is seen at the next use
    with memo.held():
        memo.forget()  # while held: the version read on entering stands
        assert memo.get("key", compute) == 2
    assert memo.get("key", compute) == 3


def test_a_restored_snapshot_is_frozen_whatever_the_version_key_says():
    memo = ProcessMemo("tests:memo:frozen")
    memo.forget()
    assert memo.get("index", lambda: "built here") == "built here"
    worker = ProcessMemo("tests:memo:frozen")  # another process's memo, given the values
    worker.restore(memo.snapshot())
    memo.forget()  # a change: an ordinary memo would rebuild
    with worker.held():
        assert worker.get("index", lambda: "rebuilt") == "built here"
    assert worker.get("index", lambda: "rebuilt") == "built here"
    assert memo.get("index", lambda: "rebuilt") == "rebuilt"


def test_with_a_version_period_a_change_made_elsewhere_shows_after_it_and_one_made_here_at_once(settings):
    settings.PROCESS_MEMO_VERSION_SECONDS = 3600
    here, elsewhere = ProcessMemo("tests:memo:period"), ProcessMemo("tests:memo:period")  # two processes
    assert here.get("key", lambda: "before") == "before"
    assert elsewhere.get("key", lambda: "before") == "before"
    here.forget()  # the data changed, in this process
    assert here.get("key", lambda: "after") == "after"  # at once here
    assert elsewhere.get("key", lambda: "after") == "before"  # the other reads the version within the period
    elsewhere._read = (elsewhere._read[0], elsewhere._read[1] - 3600)  # the period is over
    assert elsewhere.get("key", lambda: "after") == "after"
