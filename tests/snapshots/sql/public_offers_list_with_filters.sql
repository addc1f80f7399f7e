-- SQL snapshot of tests/snapshots/test_pages_sql.py::test_public_offers_list_with_filters
-- statements: 3. Regenerate: UPDATE_SQL_SNAPSHOTS=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q

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

SELECT COUNT(*)
FROM
  (SELECT "offers_offer"."id" AS "col1"
   FROM "offers_offer"
   WHERE ("offers_offer"."deleted_at" IS NULL
          AND "offers_offer"."revision_of_id" IS NULL
          AND "offers_offer"."status" = '<str>'
          AND ("offers_offer"."expires_at" IS NULL
               OR "offers_offer"."expires_at" > '<timestamp>'::timestamptz)
          AND "offers_offer"."search_vector" @@ (to_tsquery('<str>'::regconfig,
                                                   '<str>'))
          AND "offers_offer"."commune_id" IN (…)
          AND "offers_offer"."contract_type" = '<str>')
   LIMIT <n>) subquery;

SELECT "offers_offer"."id", "offers_offer"."company_id", "offers_offer"."title", "offers_offer"."slug",
       "offers_offer"."commune_id", "offers_offer"."salary_min", "offers_offer"."salary_max", "offers_offer"."salary_period",
       "offers_offer"."contract_type", "offers_offer"."published_at", "companies_company"."id", "companies_company"."name",
       "referentials_commune"."id", "referentials_commune"."name"
FROM "offers_offer"
INNER JOIN "companies_company" ON ("offers_offer"."company_id" = "companies_company"."id")
LEFT OUTER JOIN "referentials_commune" ON ("offers_offer"."commune_id" = "referentials_commune"."id")
WHERE "offers_offer"."id" IN
    (WITH fresh AS MATERIALIZED
       (SELECT id, published_at, search_vector
        FROM offers_offer
        WHERE ("offers_offer"."deleted_at" IS NULL
               AND "offers_offer"."revision_of_id" IS NULL
               AND "offers_offer"."status" = '<str>'
               AND ("offers_offer"."expires_at" IS NULL
                    OR "offers_offer"."expires_at" > '<timestamp>'::timestamptz)
               AND "offers_offer"."commune_id" IN (…)
               AND "offers_offer"."contract_type" = '<str>')
        ORDER BY published_at DESC, id DESC
        LIMIT <n>), exhausted AS MATERIALIZED
       (SELECT count(*) < <n> AS yes
        FROM fresh), w1 AS MATERIALIZED
       (SELECT id, published_at
        FROM fresh
        WHERE TRUE
          AND search_vector @@ to_tsquery('<str>', '<str>')
        ORDER BY published_at DESC, id DESC
        LIMIT <n>), d1 AS MATERIALIZED
       (SELECT id, published_at
        FROM fresh
        WHERE FALSE), t1 AS MATERIALIZED
       (SELECT id, published_at
        FROM w1
        WHERE
            (SELECT count(*)
             FROM w1) >= <n>
          OR
            (SELECT yes
             FROM exhausted)
        UNION ALL SELECT id, published_at
        FROM d1
        WHERE
            (SELECT count(*)
             FROM d1) >= <n>
        UNION ALL
          (SELECT id, published_at
           FROM
             (SELECT id, published_at, search_vector
              FROM offers_offer
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
                AND ("offers_offer"."deleted_at" IS NULL
                     AND "offers_offer"."revision_of_id" IS NULL
                     AND "offers_offer"."status" = '<str>'
                     AND ("offers_offer"."expires_at" IS NULL
                          OR "offers_offer"."expires_at" > '<timestamp>'::timestamptz)
                     AND "offers_offer"."commune_id" IN (…)
                     AND "offers_offer"."contract_type" = '<str>')
                AND head_vector @@ to_tsquery('<str>', '<str>')
                OFFSET <n>) AS indexed
           WHERE search_vector @@ to_tsquery('<str>', '<str>')
           ORDER BY published_at DESC, id DESC
           LIMIT <n>)), w2 AS MATERIALIZED
       (SELECT id, published_at
        FROM fresh
        WHERE TRUE
          AND
            (SELECT count(*)
             FROM t1) < <n>
          AND search_vector @@ to_tsquery('<str>', '<str>')
        ORDER BY published_at DESC, id DESC
        LIMIT <n>), d2 AS MATERIALIZED
       (SELECT id, published_at
        FROM fresh
        WHERE FALSE), t2 AS MATERIALIZED
       (SELECT id, published_at
        FROM w2
        WHERE
            (SELECT count(*)
             FROM w2) >= <n>
          OR
            (SELECT yes
             FROM exhausted)
        UNION ALL SELECT id, published_at
        FROM d2
        WHERE
            (SELECT count(*)
             FROM d2) >= <n>
        UNION ALL
          (SELECT id, published_at
           FROM
             (SELECT id, published_at, search_vector
              FROM offers_offer
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
                AND ("offers_offer"."deleted_at" IS NULL
                     AND "offers_offer"."revision_of_id" IS NULL
                     AND "offers_offer"."status" = '<str>'
                     AND ("offers_offer"."expires_at" IS NULL
                          OR "offers_offer"."expires_at" > '<timestamp>'::timestamptz)
                     AND "offers_offer"."commune_id" IN (…)
                     AND "offers_offer"."contract_type" = '<str>')
                AND head_vector @@ to_tsquery('<str>', '<str>')
                OFFSET <n>) AS indexed
           WHERE search_vector @@ to_tsquery('<str>', '<str>')
           ORDER BY published_at DESC, id DESC
           LIMIT <n>)), w3 AS MATERIALIZED
       (SELECT id, published_at
        FROM fresh
        WHERE TRUE
          AND
            (SELECT count(*)
             FROM t1) < <n>
          AND
            (SELECT count(*)
             FROM t2) < <n>
          AND search_vector @@ to_tsquery('<str>', '<str>')
        ORDER BY published_at DESC, id DESC
        LIMIT <n>), d3 AS MATERIALIZED
       (SELECT id, published_at
        FROM fresh
        WHERE FALSE), t3 AS MATERIALIZED
       (SELECT id, published_at
        FROM w3
        WHERE
            (SELECT count(*)
             FROM w3) >= <n>
          OR
            (SELECT yes
             FROM exhausted)
        UNION ALL SELECT id, published_at
        FROM d3
        WHERE
            (SELECT count(*)
             FROM d3) >= <n>
        UNION ALL
          (SELECT id, published_at
           FROM
             (SELECT id, published_at, search_vector
              FROM offers_offer
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
                AND ("offers_offer"."deleted_at" IS NULL
                     AND "offers_offer"."revision_of_id" IS NULL
                     AND "offers_offer"."status" = '<str>'
                     AND ("offers_offer"."expires_at" IS NULL
                          OR "offers_offer"."expires_at" > '<timestamp>'::timestamptz)
                     AND "offers_offer"."commune_id" IN (…)
                     AND "offers_offer"."contract_type" = '<str>')
                AND search_vector @@ to_tsquery('<str>', '<str>')
                OFFSET <n>) AS indexed
           WHERE TRUE
           ORDER BY published_at DESC, id DESC
           LIMIT <n>)) SELECT id
     FROM
       (SELECT id, min(tier) AS tier, max(published_at) AS published_at
        FROM
          (SELECT id, published_at, <n> AS tier
           FROM t1
           UNION ALL SELECT id, published_at, <n> AS tier
           FROM t2
           UNION ALL SELECT id, published_at, <n> AS tier
           FROM t3) AS found
        GROUP BY id) AS ranked
     ORDER BY tier, published_at DESC, id DESC
     LIMIT <n>
     OFFSET <n>)
ORDER BY CASE
             WHEN "offers_offer"."search_vector" @@ (to_tsquery('<str>'::regconfig,
                                                       '<str>')) THEN <n>
             WHEN "offers_offer"."search_vector" @@ (to_tsquery('<str>'::regconfig,
                                                       '<str>')) THEN <n> ELSE <n>
         END ASC, "offers_offer"."published_at" DESC, "offers_offer"."id" DESC
LIMIT <n>;
