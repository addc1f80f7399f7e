-- SQL snapshot of tests/snapshots/test_pages_sql.py::test_cv_search_with_a_place
-- statements: 11. Regenerate: UPDATE_SQL_SNAPSHOTS=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q

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

SELECT *
FROM (
        (SELECT '<str>', id::text, <n>, population, to_jsonb(t)
         FROM referentials_commune t
         WHERE search_name = '<str>'
         ORDER BY <n> DESC, <n> DESC
         LIMIT <n>)
      UNION ALL
        (SELECT '<str>', code, <n>, population, to_jsonb(t)
         FROM referentials_epci t
         WHERE search_name = '<str>'
         ORDER BY <n> DESC, <n> DESC
         LIMIT <n>)
      UNION ALL
        (SELECT '<str>', code, <n>, population, to_jsonb(t)
         FROM referentials_departement t
         WHERE search_name = '<str>'
         ORDER BY <n> DESC, <n> DESC
         LIMIT <n>)
      UNION ALL
        (SELECT '<str>', code, <n>, population, to_jsonb(t)
         FROM referentials_region t
         WHERE search_name = '<str>'
         ORDER BY <n> DESC, <n> DESC
         LIMIT <n>)
      UNION ALL
        (SELECT '<str>', id::text, <n>, population, to_jsonb(t)
         FROM referentials_commune t
         WHERE search_name LIKE '<str>'
         ORDER BY <n> DESC, <n> DESC
         LIMIT <n>)
      UNION ALL
        (SELECT '<str>', code, <n>, population, to_jsonb(t)
         FROM referentials_epci t
         WHERE search_name LIKE '<str>'
         ORDER BY <n> DESC, <n> DESC
         LIMIT <n>)
      UNION ALL
        (SELECT '<str>', code, <n>, population, to_jsonb(t)
         FROM referentials_departement t
         WHERE search_name LIKE '<str>'
         ORDER BY <n> DESC, <n> DESC
         LIMIT <n>)
      UNION ALL
        (SELECT '<str>', code, <n>, population, to_jsonb(t)
         FROM referentials_region t
         WHERE search_name LIKE '<str>'
         ORDER BY <n> DESC, <n> DESC
         LIMIT <n>)) AS found
ORDER BY <n> DESC, <n> DESC, <n>
LIMIT <n>;

SELECT "referentials_commune"."id" AS "pk"
FROM "referentials_commune"
WHERE ("referentials_commune"."id" = <n>
       OR "referentials_commune"."parent_id" = <n>);

UPDATE "cvtheque_cvsearch"
SET "last_run_at" = '<timestamp>'::timestamptz, "company_id" = <n>
WHERE ("cvtheque_cvsearch"."fingerprint" = '<str>'
       AND "cvtheque_cvsearch"."user_id" = <n>);

INSERT INTO "cvtheque_cvsearch" ("user_id", "company_id", "params", "fingerprint", "label", "last_run_at",
                                 "is_favourite", "favourite_since", "alert_frequency", "last_alert_at")
VALUES (<n>, <n>, '<str>'::jsonb, '<str>', '<str>', '<timestamp>'::timestamptz, false, NULL, '<str>', NULL) ON CONFLICT("user_id",
                                                                                                                 "fingerprint") DO
UPDATE
SET "last_run_at" = EXCLUDED."last_run_at", "company_id" = EXCLUDED."company_id" RETURNING "cvtheque_cvsearch"."id";

WITH old AS
  (SELECT id
   FROM "cvtheque_cvsearch"
   WHERE user_id = <n>
     AND NOT is_favourite
   ORDER BY last_run_at DESC, id DESC
   OFFSET <n>), sent AS
  (DELETE
   FROM "cvtheque_cvalertsent"
   WHERE search_id IN
       (SELECT id
        FROM old))
DELETE
FROM "cvtheque_cvsearch"
WHERE id IN
    (SELECT id
     FROM old);

SELECT tsvector_to_array(to_tsvector('<str>', '<str>'));

SELECT count(*)
FROM
  (SELECT <n>
   FROM "cvtheque_cvsearchentry"
   WHERE ("cvtheque_cvsearchentry"."commune_id" IN (…)
          OR ((ASIN(SQRT((POWER(SIN(((RADIANS("cvtheque_cvsearchentry"."latitude") - <n>) / <n>)), <n>) + ((<n> * COS(RADIANS("cvtheque_cvsearchentry"."latitude"))) * POWER(SIN((RADIANS(("cvtheque_cvsearchentry"."longitude" - <n>)) / <n>)), <n>))))) * <n>) <= ("cvtheque_cvsearchentry"."mobility_km" + <n>)
              AND (reach_box && box(point(<n>, <n>), point(<n>, <n>)))))
   LIMIT <n>) AS kept;

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
  (WITH kept AS MATERIALIZED
     (SELECT cv_id, updated_at, title_vector, search_vector, fulltext_vector
      FROM "cvtheque_cvsearchentry"
      WHERE ("cvtheque_cvsearchentry"."commune_id" IN (…)
             OR ((ASIN(SQRT((POWER(SIN(((RADIANS("cvtheque_cvsearchentry"."latitude") - <n>) / <n>)), <n>) + ((<n> * COS(RADIANS("cvtheque_cvsearchentry"."latitude"))) * POWER(SIN((RADIANS(("cvtheque_cvsearchentry"."longitude" - <n>)) / <n>)), <n>))))) * <n>) <= ("cvtheque_cvsearchentry"."mobility_km" + <n>)
                 AND (reach_box && box(point(<n>, <n>), point(<n>, <n>)))))) SELECT cv_id,
                                                                                    count(*) OVER () AS total, tier, updated_at
   FROM
     (SELECT cv_id, updated_at,
             CASE WHEN title_vector @@ to_tsquery('<str>', '<str>') THEN <n> WHEN title_vector @@ to_tsquery('<str>',
                                                                                                    '<str>') THEN <n> WHEN title_vector @@ to_tsquery('<str>',
                                                                                                                                             '<str>') THEN <n> WHEN title_vector @@ to_tsquery('<str>',
                                                                                                                                                                                      '<str>') THEN <n> WHEN title_vector @@ to_tsquery('<str>',
                                                                                                                                                                                                                               '<str>') THEN <n> WHEN title_vector @@ to_tsquery('<str>',
                                                                                                                                                                                                                                                                        '<str>') THEN <n> WHEN title_vector @@ to_tsquery('<str>',
                                                                                                                                                                                                                                                                                                                 '<str>') THEN <n> WHEN search_vector @@ to_tsquery('<str>',
                                                                                                                                                                                                                                                                                                                                                           '<str>') THEN <n> ELSE <n>
             END AS tier
      FROM
        (SELECT cv_id, updated_at, title_vector || '<str>'::
         tsvector AS title_vector,
                search_vector || '<str>'::
         tsvector AS search_vector, fulltext_vector
         FROM kept
         WHERE fulltext_vector @@ to_tsquery('<str>', '<str>')
           OFFSET <n>) AS matched) AS ranked
   ORDER BY tier, updated_at DESC, cv_id DESC
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
