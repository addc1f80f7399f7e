-- SQL snapshot of tests/snapshots/test_pages_sql.py::test_recruiter_offer_detail_with_its_applications
-- statements: 5. Regenerate: UPDATE_SQL_SNAPSHOTS=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q

SELECT "accounts_user"."id", "accounts_user"."password", "accounts_user"."last_login", "accounts_user"."is_superuser",
       "accounts_user"."is_staff", "accounts_user"."is_active", "accounts_user"."date_joined", "accounts_user"."email",
       "accounts_user"."first_name", "accounts_user"."last_name", "accounts_user"."kind"
FROM "accounts_user"
WHERE "accounts_user"."id" = <n>
LIMIT <n>;

SELECT "companies_membership"."id", "companies_membership"."company_id", "companies_membership"."user_id",
       "companies_membership"."role", "companies_membership"."status", "companies_membership"."requested_at",
       "companies_membership"."decided_at", "companies_membership"."decided_by_id", "companies_company"."id", "companies_company"."name",
       "companies_company"."siret", "companies_company"."sector_id", "companies_company"."size", "companies_company"."slug",
       "companies_company"."logo", "companies_company"."banner", "companies_company"."phone", "companies_company"."email",
       "companies_company"."employee_count", "companies_company"."founded_on", "companies_company"."street_number",
       "companies_company"."street_name", "companies_company"."commune_id", "companies_company"."description",
       "companies_company"."website", "companies_company"."twitter_url", "companies_company"."facebook_url",
       "companies_company"."instagram_url", "companies_company"."linkedin_url", "companies_company"."youtube_url",
       "companies_company"."is_online", "companies_company"."offline_by_staff", "companies_company"."offline_reason",
       "companies_company"."offline_at", "companies_company"."offline_by_id", "companies_company"."search_name",
       "companies_company"."created_at", "companies_company"."updated_at"
FROM "companies_membership"
INNER JOIN "companies_company" ON ("companies_membership"."company_id" = "companies_company"."id")
WHERE ("companies_membership"."status" = '<str>'
       AND "companies_membership"."user_id" = <n>)
ORDER BY "companies_membership"."requested_at" ASC
LIMIT <n>;

SELECT "offers_offer"."id", "offers_offer"."company_id", "offers_offer"."author_id", "offers_offer"."title",
       "offers_offer"."slug", "offers_offer"."metier_id", "offers_offer"."commune_id", "offers_offer"."salary_min",
       "offers_offer"."salary_max", "offers_offer"."salary_period", "offers_offer"."contact_name", "offers_offer"."contact_phone",
       "offers_offer"."contact_email", "offers_offer"."start_date", "offers_offer"."is_seasonal", "offers_offer"."contract_type",
       "offers_offer"."description", "offers_offer"."wants_support", "offers_offer"."removal_date", "offers_offer"."status",
       "offers_offer"."revision_of_id", "offers_offer"."submitted_at", "offers_offer"."submitted_by_id", "offers_offer"."published_at",
       "offers_offer"."approved_by_id", "offers_offer"."expires_at", "offers_offer"."expired_at", "offers_offer"."refused_at",
       "offers_offer"."refused_by_id", "offers_offer"."refused_reason", "offers_offer"."verification_request",
       "offers_offer"."status_before_delete", "offers_offer"."deleted_at", "offers_offer"."deleted_by_id",
       "offers_offer"."support_notified_at", "offers_offer"."expiry_warning_sent_at", "offers_offer"."created_at",
       "offers_offer"."updated_at", "offers_offer"."search_vector", "offers_offer"."head_vector", "companies_company"."id",
       "companies_company"."name", "companies_company"."siret", "companies_company"."sector_id", "companies_company"."size",
       "companies_company"."slug", "companies_company"."logo", "companies_company"."banner", "companies_company"."phone",
       "companies_company"."email", "companies_company"."employee_count", "companies_company"."founded_on",
       "companies_company"."street_number", "companies_company"."street_name", "companies_company"."commune_id",
       "companies_company"."description", "companies_company"."website", "companies_company"."twitter_url",
       "companies_company"."facebook_url", "companies_company"."instagram_url", "companies_company"."linkedin_url",
       "companies_company"."youtube_url", "companies_company"."is_online", "companies_company"."offline_by_staff",
       "companies_company"."offline_reason", "companies_company"."offline_at", "companies_company"."offline_by_id",
       "companies_company"."search_name", "companies_company"."created_at", "companies_company"."updated_at", "referentials_metier"."id",
       "referentials_metier"."name", "referentials_metier"."name_feminine", "referentials_metier"."synonyms",
       "referentials_metier"."family_id", "referentials_metier"."search_text", "referentials_commune"."id",
       "referentials_commune"."insee", "referentials_commune"."name", "referentials_commune"."search_name",
       "referentials_commune"."postal_codes", "referentials_commune"."postal_search", "referentials_commune"."departement_id",
       "referentials_commune"."epci_id", "referentials_commune"."parent_id", "referentials_commune"."kind",
       "referentials_commune"."population", "referentials_commune"."latitude", "referentials_commune"."longitude",
       "referentials_commune"."approximate_location"
FROM "offers_offer"
INNER JOIN "companies_company" ON ("offers_offer"."company_id" = "companies_company"."id")
INNER JOIN "companies_membership" ON ("companies_company"."id" = "companies_membership"."company_id")
LEFT OUTER JOIN "referentials_metier" ON ("offers_offer"."metier_id" = "referentials_metier"."id")
LEFT OUTER JOIN "referentials_commune" ON ("offers_offer"."commune_id" = "referentials_commune"."id")
WHERE ("companies_membership"."status" = '<str>'
       AND "companies_membership"."user_id" = <n>
       AND "offers_offer"."revision_of_id" IS NULL
       AND "offers_offer"."id" = <n>)
LIMIT <n>;

SELECT "offers_offer"."id", "offers_offer"."company_id", "offers_offer"."author_id", "offers_offer"."title",
       "offers_offer"."slug", "offers_offer"."metier_id", "offers_offer"."commune_id", "offers_offer"."salary_min",
       "offers_offer"."salary_max", "offers_offer"."salary_period", "offers_offer"."contact_name", "offers_offer"."contact_phone",
       "offers_offer"."contact_email", "offers_offer"."start_date", "offers_offer"."is_seasonal", "offers_offer"."contract_type",
       "offers_offer"."description", "offers_offer"."wants_support", "offers_offer"."removal_date", "offers_offer"."status",
       "offers_offer"."revision_of_id", "offers_offer"."submitted_at", "offers_offer"."submitted_by_id", "offers_offer"."published_at",
       "offers_offer"."approved_by_id", "offers_offer"."expires_at", "offers_offer"."expired_at", "offers_offer"."refused_at",
       "offers_offer"."refused_by_id", "offers_offer"."refused_reason", "offers_offer"."verification_request",
       "offers_offer"."status_before_delete", "offers_offer"."deleted_at", "offers_offer"."deleted_by_id",
       "offers_offer"."support_notified_at", "offers_offer"."expiry_warning_sent_at", "offers_offer"."created_at",
       "offers_offer"."updated_at", "offers_offer"."search_vector", "offers_offer"."head_vector"
FROM "offers_offer"
WHERE ("offers_offer"."revision_of_id" = <n>
       AND "offers_offer"."deleted_at" IS NULL
       AND NOT ("offers_offer"."status" = '<str>'))
ORDER BY "offers_offer"."created_at" DESC
LIMIT <n>;

SELECT "offers_application"."status" AS "status", COUNT("offers_application"."id") AS "n"
FROM "offers_application"
WHERE "offers_application"."offer_id" = <n>
GROUP BY <n>;
