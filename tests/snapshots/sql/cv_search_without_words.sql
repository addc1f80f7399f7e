-- SQL snapshot of tests/snapshots/test_pages_sql.py::test_cv_search_without_words
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

SELECT count(*)
FROM
  (SELECT <n>
   FROM "cvtheque_cvsearchentry"
   WHERE TRUE
   LIMIT <n>) AS m;

SELECT page.total, cv."id", cv."source", cv."first_name", cv."last_name", cv."headline", cv."commune_id",
       cv."mobility_km", cv."availability", cv."summary", cv."skills", cv."experience", cv."rqth", cv."rqth_visible",
       cv."updated_at", co."id", co."name", co."postal_codes", co."departement_id", left(cv.extracted_text, <n>),
       ARRAY
  (SELECT m.name
   FROM "cvtheque_cv_metiers" cm
   JOIN "referentials_metier" m ON m.id = cm.metier_id
   WHERE cm.cv_id = cv.id
   ORDER BY m.name)
FROM
  (SELECT cv_id, NULL AS total, <n> AS tier, updated_at
   FROM "cvtheque_cvsearchentry"
   WHERE TRUE
   ORDER BY updated_at DESC, cv_id DESC
   LIMIT <n>
   OFFSET <n>) AS page
JOIN "cvtheque_cv" cv ON cv.id = page.cv_id
LEFT JOIN "referentials_commune" co ON co.id = cv.commune_id
ORDER BY page.tier, page.updated_at DESC, page.cv_id DESC;

SELECT "cvtheque_savedlist"."id", "cvtheque_savedlist"."company_id", "cvtheque_savedlist"."name",
       "cvtheque_savedlist"."is_default", "cvtheque_savedlist"."created_by_id", "cvtheque_savedlist"."created_at"
FROM "cvtheque_savedlist"
WHERE ("cvtheque_savedlist"."company_id" = <n>
       AND NOT "cvtheque_savedlist"."is_default")
ORDER BY "cvtheque_savedlist"."is_default" DESC, "cvtheque_savedlist"."name" ASC, "cvtheque_savedlist"."id" ASC;
