from terredemplois.celery import app, collect_beat_schedule


def test_every_periodic_task_is_registered_once_and_exists():
    app.loader.import_default_modules()
    schedule = collect_beat_schedule()
    tasks = [entry["task"] for entry in schedule.values()]
    assert len(tasks) == len(set(tasks)), "a periodic task is scheduled twice"
    missing = [name for name in tasks if name not in app.tasks]
    assert not missing, f"scheduled but not registered: {missing}"
    for expected in ("mailing.tasks.send_pending_emails", "offers.tasks.expire_offers",
                     "cvtheque.recruiting.tasks.send_cv_alerts", "cvtheque.cvs.tasks.extract_pending_cvs"):
        assert expected in tasks
