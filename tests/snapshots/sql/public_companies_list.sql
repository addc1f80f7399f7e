-- SQL snapshot of tests/snapshots/test_pages_sql.py::test_public_companies_list
-- statements: 3. Regenerate: UPDATE_SQL_SNAPSHOTS=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q

SELECT COUNT(*) AS "__count"
FROM "companies_company"
WHERE ("companies_company"."is_online"
       AND NOT "companies_company"."offline_by_staff");

DECLARE "_django_curs_<id>" NO SCROLL
CURSOR WITHOUT HOLD
FOR
SELECT "referentials_sector"."code", "referentials_sector"."label", "referentials_sector"."section_id",
       "referentials_sector"."search_text"
FROM "referentials_sector"
WHERE "referentials_sector"."section_id" IS NULL
ORDER BY "referentials_sector"."label" ASC;

SELECT "companies_company"."id", "companies_company"."name", "companies_company"."siret", "companies_company"."sector_id",
       "companies_company"."size", "companies_company"."slug", "companies_company"."logo", "companies_company"."banner",
       "companies_company"."phone", "companies_company"."email", "companies_company"."employee_count",
       "companies_company"."founded_on", "companies_company"."street_number", "companies_company"."street_name",
       "companies_company"."commune_id", "companies_company"."description", "companies_company"."website",
       "companies_company"."twitter_url", "companies_company"."facebook_url", "companies_company"."instagram_url",
       "companies_company"."linkedin_url", "companies_company"."youtube_url", "companies_company"."is_online",
       "companies_company"."offline_by_staff", "companies_company"."offline_reason", "companies_company"."offline_at",
       "companies_company"."offline_by_id", "companies_company"."search_name", "companies_company"."created_at",
       "companies_company"."updated_at",
       COALESCE(
                  (SELECT COUNT("U0"."id") AS "n"
                   FROM "offers_offer" "U0"
                   WHERE ("U0"."deleted_at" IS NULL
                          AND "U0"."revision_of_id" IS NULL
                          AND "U0"."status" = '<str>'
                          AND ("U0"."expires_at" IS NULL
                               OR "U0"."expires_at" > '<timestamp>'::timestamptz)
                          AND "U0"."company_id" = ("companies_company"."id"))
                   GROUP BY "U0"."company_id"), <n>) AS "published_offer_count", "referentials_sector"."code", "referentials_sector"."label",
       "referentials_sector"."section_id", "referentials_sector"."search_text", "referentials_commune"."id",
       "referentials_commune"."insee", "referentials_commune"."name", "referentials_commune"."search_name",
       "referentials_commune"."postal_codes", "referentials_commune"."postal_search", "referentials_commune"."departement_id",
       "referentials_commune"."epci_id", "referentials_commune"."parent_id", "referentials_commune"."kind",
       "referentials_commune"."population", "referentials_commune"."latitude", "referentials_commune"."longitude",
       "referentials_commune"."approximate_location"
FROM "companies_company"
INNER JOIN "referentials_sector" ON ("companies_company"."sector_id" = "referentials_sector"."code")
LEFT OUTER JOIN "referentials_commune" ON ("companies_company"."commune_id" = "referentials_commune"."id")
WHERE ("companies_company"."is_online"
       AND NOT "companies_company"."offline_by_staff")
ORDER BY "companies_company"."search_name" ASC, "companies_company"."id" ASC
LIMIT <n>;
