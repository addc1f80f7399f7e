"""Two web hosts and a worker sharing one PostgreSQL, one Redis and one S3 bucket (moto in server mode): a
recruiter's journey alternates between the hosts, as a load balancer would send it — no host keeps anything
the other needs (sessions in Redis / PostgreSQL, uploads in object storage, e-mails sent by the worker)."""

import os
import re

import pytest
import requests
from django.urls import reverse

from companies.models import Company
from tests.companies.factories import CompanyFactory, MembershipFactory
from tests.companies.test_company_page_edit import form_data
from tests.cvtheque.factories import CVFactory
from tests.images import image_bytes
from tests.s3 import MEDIA_BUCKET, keys_in, s3_emulator

from .processes import Processes, Visitor, database_url_of_tests, verified_user, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), pytest.mark.timeout(240)]

PASSWORD = "Mot-de-passe-solide-2026"


def test_a_journey_alternating_between_two_web_hosts_with_one_worker(tmp_path):
    company = CompanyFactory(online=True, name="Chaudronnerie du Lauragais")
    user = verified_user(lambda: MembershipFactory(company=company).user, PASSWORD)
    CVFactory(visible=True, headline="Soudeuse TIG", first_name="Noémie", last_name="Castel")
    with s3_emulator() as s3:
        procs = Processes(tmp_path, database_url_of_tests(), os.environ["REDIS_URL"], **s3)
        try:
            _, host_a = procs.web()
            _, host_b = procs.web()
            procs.worker()
            on_a = Visitor(host_a)
            on_b = on_a.on(host_b)  # the same browser, sent to the other host

            # log in on A
            assert on_a.login(user.email, PASSWORD).url == f"{host_a}/espace-recruteur/"
            # upload a logo on B: the session opened on A is known there
            edit = reverse("companies:edit")
            assert on_b.get(edit).status_code == 200
            saved = on_b.post(edit, form_data(company), files={"logo": ("logo.png", image_bytes("PNG", (64, 48)),
                                                                         "image/png")})
            assert saved.status_code == 200 and "Votre fiche entreprise est enregistrée" in saved.text
            company = Company.objects.get(pk=company.pk)
            assert company.logo.name in keys_in(s3, MEDIA_BUCKET)
            assert not (tmp_path / "data" / "test-media").exists()  # nothing on the web host's disk
            # the public page, from A, shows the logo from the bucket
            page = Visitor(host_a).get(reverse("companies:public_detail", kwargs={"slug": company.slug})).text
            logo_url = f"{s3['S3_ENDPOINT_URL']}/{MEDIA_BUCKET}/{company.logo.name}"
            assert logo_url in page
            assert requests.get(logo_url, timeout=10).content.startswith(b"\x89PNG")
            # search the CVthèque on A
            results = on_a.get(reverse("cvtheque:search"), params={"q": "soudeuse"})
            assert results.status_code == 200 and "Noémie" in results.text
            # ask for a password reset on B; the worker sends the e-mail; its link works on A
            reset = on_b.post(reverse("account_reset_password"), {"email": user.email})
            assert reset.status_code == 200
            mail = wait_until(lambda: "".join(t for t in procs.mail_texts() if f"To: {user.email}" in t), 90,
                              "the worker's e-mail")
            link = re.search(r"http://127\.0\.0\.1:\d+(/compte/password/reset/key/\S+/)", mail)
            assert link, mail[-2000:]
            new_password = Visitor(host_a).get(link.group(1))
            assert new_password.status_code == 200 and 'name="password1"' in new_password.text
        finally:
            procs.close()
            procs.dump_logs()
