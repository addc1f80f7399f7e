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
