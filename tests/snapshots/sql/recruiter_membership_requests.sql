-- SQL snapshot of tests/snapshots/test_pages_sql.py::test_recruiter_membership_requests
-- statements: 2. Regenerate: UPDATE_SQL_SNAPSHOTS=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q

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
       "companies_company"."created_at", "companies_company"."updated_at", "T5"."id", "T5"."password", "T5"."last_login",
       "T5"."is_superuser", "T5"."is_staff", "T5"."is_active", "T5"."date_joined", "T5"."email", "T5"."first_name",
       "T5"."last_name", "T5"."kind"
FROM "companies_membership"
INNER JOIN "companies_company" ON ("companies_membership"."company_id" = "companies_company"."id")
INNER JOIN "companies_membership" "T3" ON ("companies_company"."id" = "T3"."company_id")
INNER JOIN "accounts_user" "T5" ON ("companies_membership"."user_id" = "T5"."id")
WHERE ("T3"."role" = '<str>'
       AND "T3"."status" = '<str>'
       AND "T3"."user_id" = <n>
       AND "companies_membership"."status" = '<str>')
ORDER BY "companies_membership"."requested_at" ASC;
