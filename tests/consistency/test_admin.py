"""Every model of the project's apps can be seen in the admin: registered, or shown as an inline of a
registered model, or in the allow-list below with the reason why it has no page of its own."""

from django.apps import apps
from django.contrib import admin

from .project import project_labels

WITHOUT_ADMIN = {
    # The checker's findings on one offer, recomputed on every save: shown on the offer's review page
    # (moderation queue), never edited by hand.
    "moderation.OfferFindings",
}


def project_models():
    return [model for model in apps.get_models() if model._meta.app_label in project_labels()
            and not model._meta.auto_created]


def models_in_the_admin() -> set:
    shown = set(admin.site._registry)
    for model_admin in admin.site._registry.values():
        shown.update(inline.model for inline in model_admin.inlines)
    return shown


def test_every_model_has_an_admin():
    shown = models_in_the_admin()
    missing = sorted(model._meta.label for model in project_models()
                     if model not in shown and model._meta.label not in WITHOUT_ADMIN)
    assert not missing, f"register an admin, or add the model to WITHOUT_ADMIN with the reason: {missing}"


def test_the_allow_list_names_models_that_exist_and_still_have_no_admin():
    labels = {model._meta.label: model for model in project_models()}
    stale = sorted(label for label in WITHOUT_ADMIN if label not in labels or labels[label] in models_in_the_admin())
    assert not stale, f"remove from WITHOUT_ADMIN: {stale}"
