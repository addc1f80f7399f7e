-- SQL snapshot of tests/snapshots/test_pages_sql.py::test_public_offers_list
-- statements: 2. Regenerate: UPDATE_SQL_SNAPSHOTS=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q

SELECT COUNT(*)
FROM
  (SELECT "offers_offer"."id" AS "col1"
   FROM "offers_offer"
   WHERE ("offers_offer"."deleted_at" IS NULL
          AND "offers_offer"."revision_of_id" IS NULL
          AND "offers_offer"."status" = '<str>'
          AND ("offers_offer"."expires_at" IS NULL
               OR "offers_offer"."expires_at" > '<timestamp>'::timestamptz))
   LIMIT <n>) subquery;

SELECT "offers_offer"."id", "offers_offer"."company_id", "offers_offer"."title", "offers_offer"."slug",
       "offers_offer"."commune_id", "offers_offer"."salary_min", "offers_offer"."salary_max", "offers_offer"."salary_period",
       "offers_offer"."contract_type", "offers_offer"."published_at", "companies_company"."id", "companies_company"."name",
       "referentials_commune"."id", "referentials_commune"."name"
FROM "offers_offer"
INNER JOIN "companies_company" ON ("offers_offer"."company_id" = "companies_company"."id")
LEFT OUTER JOIN "referentials_commune" ON ("offers_offer"."commune_id" = "referentials_commune"."id")
WHERE ("offers_offer"."deleted_at" IS NULL
       AND "offers_offer"."revision_of_id" IS NULL
       AND "offers_offer"."status" = '<str>'
       AND ("offers_offer"."expires_at" IS NULL
            OR "offers_offer"."expires_at" > '<timestamp>'::timestamptz))
ORDER BY "offers_offer"."published_at" DESC, "offers_offer"."id" DESC
LIMIT <n>;
