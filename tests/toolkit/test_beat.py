"""Two beats: only the one holding the lock sends; the other takes over when the lock is released or expires."""

import uuid

import pytest

from terredemplois.celery import app as celery_app
from toolkit.beat import SingleBeatScheduler, last_beat_tick

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_beats(settings, tmp_path):
    settings.BEAT_LOCK_NAME = f"tde-test:beat-{uuid.uuid4().hex}"
    settings.BEAT_LOCK_SECONDS = 3
    beats = [SingleBeatScheduler(app=celery_app, schedule_filename=str(tmp_path / f"beat-{n}"), lazy=True)
             for n in (1, 2)]
    yield beats
    for beat in beats:
        beat.close()


def test_only_the_first_beat_holds_the_lock_and_records_the_tick(two_beats):
    first, second = two_beats
    assert first.holds_lock()
    assert not second.holds_lock()
    assert first.holds_lock()  # renewed
    assert not second.holds_lock()


def test_the_standby_beat_takes_over_when_the_holder_releases_it(two_beats):
    first, second = two_beats
    assert first.holds_lock()
    first.close()
    assert second.holds_lock()
    assert not first.holds_lock()


def test_a_tick_of_the_standby_beat_sends_nothing_and_records_no_tick(two_beats):
    first, second = two_beats
    assert first.holds_lock()
    assert second.tick() == second.max_interval
    assert last_beat_tick() is None


def test_the_lock_is_renewed_well_before_it_expires(two_beats):
    assert all(beat.max_interval <= 1 for beat in two_beats)
