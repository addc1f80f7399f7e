-- SQL snapshot of tests/snapshots/test_pages_sql.py::test_moderation_queue
-- statements: 7. Regenerate: UPDATE_SQL_SNAPSHOTS=1 .venv/bin/python -m terredemplois.devservices test tests/snapshots -q

SELECT "accounts_user"."id", "accounts_user"."password", "accounts_user"."last_login", "accounts_user"."is_superuser",
       "accounts_user"."is_staff", "accounts_user"."is_active", "accounts_user"."date_joined", "accounts_user"."email",
       "accounts_user"."first_name", "accounts_user"."last_name", "accounts_user"."kind"
FROM "accounts_user"
WHERE "accounts_user"."id" = <n>
LIMIT <n>;

SELECT "django_content_type"."app_label" AS "content_type__app_label", "auth_permission"."codename" AS "codename"
FROM "auth_permission"
INNER JOIN "accounts_user_user_permissions" ON ("auth_permission"."id" = "accounts_user_user_permissions"."permission_id")
INNER JOIN "django_content_type" ON ("auth_permission"."content_type_id" = "django_content_type"."id")
WHERE "accounts_user_user_permissions"."user_id" = <n>;

SELECT "django_content_type"."app_label" AS "content_type__app_label", "auth_permission"."codename" AS "codename"
FROM "auth_permission"
INNER JOIN "auth_group_permissions" ON ("auth_permission"."id" = "auth_group_permissions"."permission_id")
INNER JOIN "django_content_type" ON ("auth_permission"."content_type_id" = "django_content_type"."id")
WHERE "auth_group_permissions"."group_id" IN
    (SELECT "U0"."id"
     FROM "auth_group" "U0"
     INNER JOIN "accounts_user_groups" "U1" ON ("U0"."id" = "U1"."group_id")
     WHERE "U1"."user_id" = <n>);

SELECT "companies_company"."id", "companies_company"."name", "companies_company"."siret", "companies_company"."sector_id",
       "companies_company"."size", "companies_company"."slug", "companies_company"."logo", "companies_company"."banner",
       "companies_company"."phone", "companies_company"."email", "companies_company"."employee_count",
       "companies_company"."founded_on", "companies_company"."street_number", "companies_company"."street_name",
       "companies_company"."commune_id", "companies_company"."description", "companies_company"."website",
       "companies_company"."twitter_url", "companies_company"."facebook_url", "companies_company"."instagram_url",
       "companies_company"."linkedin_url", "companies_company"."youtube_url", "companies_company"."is_online",
       "companies_company"."offline_by_staff", "companies_company"."offline_reason", "companies_company"."offline_at",
       "companies_company"."offline_by_id", "companies_company"."search_name", "companies_company"."created_at",
       "companies_company"."updated_at"
FROM "companies_company"
WHERE "companies_company"."id" IN
    (SELECT DISTINCT "U0"."company_id" AS "company__pk"
     FROM "offers_offer" "U0"
     LEFT OUTER JOIN "moderation_offerfindings" "U1" ON ("U0"."id" = "U1"."offer_id")
     WHERE ("U0"."deleted_at" IS NULL
            AND "U0"."status" = '<str>'))
ORDER BY "companies_company"."name" ASC;

SELECT COUNT(*) AS "__count"
FROM "offers_offer"
LEFT OUTER JOIN "moderation_offerfindings" ON ("offers_offer"."id" = "moderation_offerfindings"."offer_id")
WHERE ("offers_offer"."deleted_at" IS NULL
       AND "offers_offer"."status" = '<str>');

SELECT COUNT(*) AS "__count"
FROM "offers_offer"
LEFT OUTER JOIN "moderation_offerfindings" ON ("offers_offer"."id" = "moderation_offerfindings"."offer_id")
WHERE ("offers_offer"."deleted_at" IS NULL
       AND "offers_offer"."status" = '<str>');

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
       "offers_offer"."updated_at", "offers_offer"."search_vector", "offers_offer"."head_vector",
       COALESCE("moderation_offerfindings"."blocking_count", <n>) AS "blocking_count", COALESCE("moderation_offerfindings"."to_check_count", <n>) AS "to_check_count",
       "companies_company"."id", "companies_company"."name", "companies_company"."siret", "companies_company"."sector_id",
       "companies_company"."size", "companies_company"."slug", "companies_company"."logo", "companies_company"."banner",
       "companies_company"."phone", "companies_company"."email", "companies_company"."employee_count",
       "companies_company"."founded_on", "companies_company"."street_number", "companies_company"."street_name",
       "companies_company"."commune_id", "companies_company"."description", "companies_company"."website",
       "companies_company"."twitter_url", "companies_company"."facebook_url", "companies_company"."instagram_url",
       "companies_company"."linkedin_url", "companies_company"."youtube_url", "companies_company"."is_online",
       "companies_company"."offline_by_staff", "companies_company"."offline_reason", "companies_company"."offline_at",
       "companies_company"."offline_by_id", "companies_company"."search_name", "companies_company"."created_at",
       "companies_company"."updated_at", "accounts_user"."id", "accounts_user"."password", "accounts_user"."last_login",
       "accounts_user"."is_superuser", "accounts_user"."is_staff", "accounts_user"."is_active", "accounts_user"."date_joined",
       "accounts_user"."email", "accounts_user"."first_name", "accounts_user"."last_name", "accounts_user"."kind", "T5"."id",
       "T5"."company_id", "T5"."author_id", "T5"."title", "T5"."slug", "T5"."metier_id", "T5"."commune_id",
       "T5"."salary_min", "T5"."salary_max", "T5"."salary_period", "T5"."contact_name", "T5"."contact_phone",
       "T5"."contact_email", "T5"."start_date", "T5"."is_seasonal", "T5"."contract_type", "T5"."description",
       "T5"."wants_support", "T5"."removal_date", "T5"."status", "T5"."revision_of_id", "T5"."submitted_at",
       "T5"."submitted_by_id", "T5"."published_at", "T5"."approved_by_id", "T5"."expires_at", "T5"."expired_at",
       "T5"."refused_at", "T5"."refused_by_id", "T5"."refused_reason", "T5"."verification_request",
       "T5"."status_before_delete", "T5"."deleted_at", "T5"."deleted_by_id", "T5"."support_notified_at",
       "T5"."expiry_warning_sent_at", "T5"."created_at", "T5"."updated_at", "T5"."search_vector", "T5"."head_vector", "T6"."id",
       "T6"."password", "T6"."last_login", "T6"."is_superuser", "T6"."is_staff", "T6"."is_active", "T6"."date_joined",
       "T6"."email", "T6"."first_name", "T6"."last_name", "T6"."kind"
FROM "offers_offer"
LEFT OUTER JOIN "moderation_offerfindings" ON ("offers_offer"."id" = "moderation_offerfindings"."offer_id")
INNER JOIN "companies_company" ON ("offers_offer"."company_id" = "companies_company"."id")
LEFT OUTER JOIN "accounts_user" ON ("offers_offer"."author_id" = "accounts_user"."id")
LEFT OUTER JOIN "offers_offer" "T5" ON ("offers_offer"."revision_of_id" = "T5"."id")
LEFT OUTER JOIN "accounts_user" "T6" ON ("offers_offer"."submitted_by_id" = "T6"."id")
WHERE ("offers_offer"."deleted_at" IS NULL
       AND "offers_offer"."status" = '<str>')
ORDER BY "offers_offer"."verification_request" = '<str>' ASC, "offers_offer"."submitted_at" ASC NULLS FIRST, "offers_offer"."id" ASC;
