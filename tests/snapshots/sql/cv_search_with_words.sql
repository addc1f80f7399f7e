-- SQL snapshot of tests/snapshots/test_pages_sql.py::test_cv_search_with_words
-- statements: 12. Regenerate: UPDATE_SQL_SNAPSHOTS=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q

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

SELECT count(*), count(*) FILTER (
                                  WHERE fulltext_vector @@ to_tsquery('<str>',
                                                             '<str>'))
FROM
  (SELECT fulltext_vector
   FROM "cvtheque_cvsearchentry"
   WHERE TRUE
   LIMIT <n>) AS sample;

SELECT current_setting('<str>'), current_setting('<str>'), set_config('<str>',
                                                             '<str>', true),
       set_config('<str>', '<str>', true);

SELECT count(*)
FROM
  (SELECT <n>
   FROM "cvtheque_cvsearchentry"
   WHERE TRUE
     AND fulltext_vector @@ to_tsquery('<str>', '<str>')
   LIMIT <n>) AS m;

SELECT set_config('<str>', '<str>', true), set_config('<str>',
                                             '<str>', true);

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
  (WITH fresh AS MATERIALIZED
     (SELECT cv_id, updated_at, title_vector, search_vector, fulltext_vector
      FROM "cvtheque_cvsearchentry"
      WHERE TRUE
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), exhausted AS MATERIALIZED
     (SELECT count(*) < <n> AS yes
      FROM fresh), w1 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM fresh
      WHERE TRUE
        AND title_vector @@ to_tsquery('<str>', '<str>')
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), d1 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM
        (SELECT cv_id, updated_at, title_vector, search_vector, fulltext_vector
         FROM "cvtheque_cvsearchentry"
         WHERE TRUE
           AND
             (SELECT count(*)
              FROM w1) < <n>
           AND NOT
             (SELECT yes
              FROM exhausted)
           AND TRUE
         ORDER BY updated_at DESC, cv_id DESC
         LIMIT
           (SELECT CASE WHEN count(*) * <n> >= <n> * <n> * <n> THEN least(<n>, <n> * <n> * <n> / count(*)) ELSE <n>
                   END
            FROM w1)) AS deeper
      WHERE title_vector @@ to_tsquery('<str>', '<str>')
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), t1 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM w1
      WHERE
          (SELECT count(*)
           FROM w1) >= <n>
        OR
          (SELECT yes
           FROM exhausted)
      UNION ALL SELECT cv_id, updated_at
      FROM d1
      WHERE
          (SELECT count(*)
           FROM d1) >= <n>
      UNION ALL
        (SELECT cv_id, updated_at
         FROM
           (SELECT cv_id, updated_at
            FROM "cvtheque_cvsearchentry"
            WHERE TRUE
              AND
                (SELECT count(*)
                 FROM w1) < <n>
              AND NOT
                (SELECT yes
                 FROM exhausted)
              AND
                (SELECT count(*)
                 FROM d1) < <n>
              AND TRUE
              AND title_vector @@ to_tsquery('<str>', '<str>')
              OFFSET <n>) AS matches
         ORDER BY updated_at DESC, cv_id DESC
         LIMIT <n>)), w2 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM fresh
      WHERE TRUE
        AND
          (SELECT count(*)
           FROM t1) < <n>
        AND ((title_vector @@ to_tsquery('<str>', '<str>'))
             OR (title_vector @@ to_tsquery('<str>', '<str>')))
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), d2 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM
        (SELECT cv_id, updated_at, title_vector, search_vector, fulltext_vector
         FROM "cvtheque_cvsearchentry"
         WHERE TRUE
           AND
             (SELECT count(*)
              FROM t1) < <n>
           AND
             (SELECT count(*)
              FROM w2) < <n>
           AND NOT
             (SELECT yes
              FROM exhausted)
           AND TRUE
         ORDER BY updated_at DESC, cv_id DESC
         LIMIT
           (SELECT CASE WHEN count(*) * <n> >= <n> * <n> * <n> THEN least(<n>, <n> * <n> * <n> / count(*)) ELSE <n>
                   END
            FROM w2)) AS deeper
      WHERE ((title_vector @@ to_tsquery('<str>', '<str>'))
             OR (title_vector @@ to_tsquery('<str>', '<str>')))
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), t2 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM w2
      WHERE
          (SELECT count(*)
           FROM w2) >= <n>
        OR
          (SELECT yes
           FROM exhausted)
      UNION ALL SELECT cv_id, updated_at
      FROM d2
      WHERE
          (SELECT count(*)
           FROM d2) >= <n>
      UNION ALL
        (SELECT cv_id, updated_at
         FROM
           (SELECT cv_id, updated_at
            FROM "cvtheque_cvsearchentry"
            WHERE TRUE
              AND
                (SELECT count(*)
                 FROM t1) < <n>
              AND
                (SELECT count(*)
                 FROM w2) < <n>
              AND NOT
                (SELECT yes
                 FROM exhausted)
              AND
                (SELECT count(*)
                 FROM d2) < <n>
              AND TRUE
              AND ((title_vector @@ to_tsquery('<str>', '<str>'))
                   OR (title_vector @@ to_tsquery('<str>', '<str>')))
              OFFSET <n>) AS matches
         ORDER BY updated_at DESC, cv_id DESC
         LIMIT <n>)), w3 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM fresh
      WHERE TRUE
        AND
          (SELECT count(*)
           FROM t1) < <n>
        AND
          (SELECT count(*)
           FROM t2) < <n>
        AND ((title_vector @@ to_tsquery('<str>', '<str>'))
             OR (((title_vector @@ to_tsquery('<str>', '<str>'))
                  OR (title_vector @@ to_tsquery('<str>', '<str>')))))
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), d3 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM
        (SELECT cv_id, updated_at, title_vector, search_vector, fulltext_vector
         FROM "cvtheque_cvsearchentry"
         WHERE TRUE
           AND
             (SELECT count(*)
              FROM t1) < <n>
           AND
             (SELECT count(*)
              FROM t2) < <n>
           AND
             (SELECT count(*)
              FROM w3) < <n>
           AND NOT
             (SELECT yes
              FROM exhausted)
           AND TRUE
         ORDER BY updated_at DESC, cv_id DESC
         LIMIT
           (SELECT CASE WHEN count(*) * <n> >= <n> * <n> * <n> THEN least(<n>, <n> * <n> * <n> / count(*)) ELSE <n>
                   END
            FROM w3)) AS deeper
      WHERE ((title_vector @@ to_tsquery('<str>', '<str>'))
             OR (((title_vector @@ to_tsquery('<str>', '<str>'))
                  OR (title_vector @@ to_tsquery('<str>', '<str>')))))
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), t3 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM w3
      WHERE
          (SELECT count(*)
           FROM w3) >= <n>
        OR
          (SELECT yes
           FROM exhausted)
      UNION ALL SELECT cv_id, updated_at
      FROM d3
      WHERE
          (SELECT count(*)
           FROM d3) >= <n>
      UNION ALL
        (SELECT cv_id, updated_at
         FROM
           (SELECT cv_id, updated_at
            FROM "cvtheque_cvsearchentry"
            WHERE TRUE
              AND
                (SELECT count(*)
                 FROM t1) < <n>
              AND
                (SELECT count(*)
                 FROM t2) < <n>
              AND
                (SELECT count(*)
                 FROM w3) < <n>
              AND NOT
                (SELECT yes
                 FROM exhausted)
              AND
                (SELECT count(*)
                 FROM d3) < <n>
              AND TRUE
              AND ((title_vector @@ to_tsquery('<str>', '<str>'))
                   OR (((title_vector @@ to_tsquery('<str>', '<str>'))
                        OR (title_vector @@ to_tsquery('<str>', '<str>')))))
              OFFSET <n>) AS matches
         ORDER BY updated_at DESC, cv_id DESC
         LIMIT <n>)), w4 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM fresh
      WHERE TRUE
        AND
          (SELECT count(*)
           FROM t1) < <n>
        AND
          (SELECT count(*)
           FROM t2) < <n>
        AND
          (SELECT count(*)
           FROM t3) < <n>
        AND ((search_vector @@ to_tsquery('<str>', '<str>'))
             OR (((title_vector @@ to_tsquery('<str>', '<str>'))
                  OR (((title_vector @@ to_tsquery('<str>', '<str>'))
                       OR (title_vector @@ to_tsquery('<str>',
                                             '<str>')))))))
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), d4 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM
        (SELECT cv_id, updated_at, title_vector, search_vector, fulltext_vector
         FROM "cvtheque_cvsearchentry"
         WHERE TRUE
           AND
             (SELECT count(*)
              FROM t1) < <n>
           AND
             (SELECT count(*)
              FROM t2) < <n>
           AND
             (SELECT count(*)
              FROM t3) < <n>
           AND
             (SELECT count(*)
              FROM w4) < <n>
           AND NOT
             (SELECT yes
              FROM exhausted)
           AND TRUE
         ORDER BY updated_at DESC, cv_id DESC
         LIMIT
           (SELECT CASE WHEN count(*) * <n> >= <n> * <n> * <n> THEN least(<n>, <n> * <n> * <n> / count(*)) ELSE <n>
                   END
            FROM w4)) AS deeper
      WHERE ((search_vector @@ to_tsquery('<str>', '<str>'))
             OR (((title_vector @@ to_tsquery('<str>', '<str>'))
                  OR (((title_vector @@ to_tsquery('<str>', '<str>'))
                       OR (title_vector @@ to_tsquery('<str>',
                                             '<str>')))))))
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), t4 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM w4
      WHERE
          (SELECT count(*)
           FROM w4) >= <n>
        OR
          (SELECT yes
           FROM exhausted)
      UNION ALL SELECT cv_id, updated_at
      FROM d4
      WHERE
          (SELECT count(*)
           FROM d4) >= <n>
      UNION ALL
        (SELECT cv_id, updated_at
         FROM
           (SELECT cv_id, updated_at
            FROM "cvtheque_cvsearchentry"
            WHERE TRUE
              AND
                (SELECT count(*)
                 FROM t1) < <n>
              AND
                (SELECT count(*)
                 FROM t2) < <n>
              AND
                (SELECT count(*)
                 FROM t3) < <n>
              AND
                (SELECT count(*)
                 FROM w4) < <n>
              AND NOT
                (SELECT yes
                 FROM exhausted)
              AND
                (SELECT count(*)
                 FROM d4) < <n>
              AND TRUE
              AND ((search_vector @@ to_tsquery('<str>', '<str>'))
                   OR (((title_vector @@ to_tsquery('<str>', '<str>'))
                        OR (((title_vector @@ to_tsquery('<str>',
                                                '<str>'))
                             OR (title_vector @@ to_tsquery('<str>',
                                                   '<str>')))))))
              OFFSET <n>) AS matches
         ORDER BY updated_at DESC, cv_id DESC
         LIMIT <n>)), w5 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM fresh
      WHERE TRUE
        AND
          (SELECT count(*)
           FROM t1) < <n>
        AND
          (SELECT count(*)
           FROM t2) < <n>
        AND
          (SELECT count(*)
           FROM t3) < <n>
        AND
          (SELECT count(*)
           FROM t4) < <n>
        AND fulltext_vector @@ to_tsquery('<str>', '<str>')
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), d5 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM
        (SELECT cv_id, updated_at, title_vector, search_vector, fulltext_vector
         FROM "cvtheque_cvsearchentry"
         WHERE TRUE
           AND
             (SELECT count(*)
              FROM t1) < <n>
           AND
             (SELECT count(*)
              FROM t2) < <n>
           AND
             (SELECT count(*)
              FROM t3) < <n>
           AND
             (SELECT count(*)
              FROM t4) < <n>
           AND
             (SELECT count(*)
              FROM w5) < <n>
           AND NOT
             (SELECT yes
              FROM exhausted)
           AND TRUE
         ORDER BY updated_at DESC, cv_id DESC
         LIMIT
           (SELECT CASE WHEN count(*) * <n> >= <n> * <n> * <n> THEN least(<n>, <n> * <n> * <n> / count(*)) ELSE <n>
                   END
            FROM w5)) AS deeper
      WHERE fulltext_vector @@ to_tsquery('<str>', '<str>')
      ORDER BY updated_at DESC, cv_id DESC
      LIMIT <n>), t5 AS MATERIALIZED
     (SELECT cv_id, updated_at
      FROM w5
      WHERE
          (SELECT count(*)
           FROM w5) >= <n>
        OR
          (SELECT yes
           FROM exhausted)
      UNION ALL SELECT cv_id, updated_at
      FROM d5
      WHERE
          (SELECT count(*)
           FROM d5) >= <n>
      UNION ALL
        (SELECT cv_id, updated_at
         FROM
           (SELECT cv_id, updated_at
            FROM "cvtheque_cvsearchentry"
            WHERE TRUE
              AND
                (SELECT count(*)
                 FROM t1) < <n>
              AND
                (SELECT count(*)
                 FROM t2) < <n>
              AND
                (SELECT count(*)
                 FROM t3) < <n>
              AND
                (SELECT count(*)
                 FROM t4) < <n>
              AND
                (SELECT count(*)
                 FROM w5) < <n>
              AND NOT
                (SELECT yes
                 FROM exhausted)
              AND
                (SELECT count(*)
                 FROM d5) < <n>
              AND TRUE
              AND fulltext_vector @@ to_tsquery('<str>', '<str>')
              OFFSET <n>) AS matches
         ORDER BY updated_at DESC, cv_id DESC
         LIMIT <n>)) SELECT cv_id, NULL AS total, tier, updated_at
   FROM
     (SELECT cv_id, min(tier) AS tier, max(updated_at) AS updated_at
      FROM
        (SELECT cv_id, updated_at, <n> AS tier
         FROM t1
         UNION ALL SELECT cv_id, updated_at, <n> AS tier
         FROM t2
         UNION ALL SELECT cv_id, updated_at, <n> AS tier
         FROM t3
         UNION ALL SELECT cv_id, updated_at, <n> AS tier
         FROM t4
         UNION ALL SELECT cv_id, updated_at, <n> AS tier
         FROM t5) AS found
      GROUP BY cv_id) AS ranked
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
