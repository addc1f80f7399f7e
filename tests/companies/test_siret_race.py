"""Two new recruiters posting the same new SIRET at the same moment: one creates the company, the other
becomes a member request (no IntegrityError)."""

import threading

import pytest
from django.db import connection, transaction

from companies.enums import MembershipStatus
from companies.models import Company, Membership
from companies.services import attach_recruiter
from tests.accounts.factories import RecruiterFactory
from tests.companies.factories import valid_siret
from tests.referentials.factories import SectorFactory


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> "
                       "pg_backend_pid() AND datname = current_database()")
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_the_second_recruiter_on_a_new_siret_becomes_a_member_request():
    sector = SectorFactory()
    first, second = RecruiterFactory(), RecruiterFactory()
    siret = valid_siret(987)
    first_attached, release = threading.Event(), threading.Event()
    outcomes = {}

    def attach(user, hold):
        try:
            with transaction.atomic():
                outcomes[user.pk] = attach_recruiter(user, name="Boulangerie", siret=siret, sector=sector,
                                                     size="1-9")
                if hold:  # the first transaction stays open while the second one tries the same SIRET
                    first_attached.set()
                    release.wait(timeout=30)
        except Exception as error:  # noqa: BLE001 (the outcome under test)
            outcomes[user.pk] = error
        finally:
            connection.close()

    holder = threading.Thread(target=attach, args=(first, True))
    holder.start()
    assert first_attached.wait(timeout=30)
    contender = threading.Thread(target=attach, args=(second, False))
    contender.start()
    for _ in range(3000):  # until the second INSERT waits for the first transaction (counted, not timed)
        if waiting_for_a_lock() or not contender.is_alive():
            break
    release.set()
    holder.join()
    contender.join()
    assert outcomes[first.pk].created_company and not outcomes[first.pk].pending
    assert not isinstance(outcomes[second.pk], Exception), outcomes[second.pk]
    assert outcomes[second.pk].pending
    assert Company.objects.filter(siret=siret).count() == 1
    assert Membership.objects.get(user=second).status == MembershipStatus.PENDING
