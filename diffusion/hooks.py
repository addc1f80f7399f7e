"""What multi-posting adds to the offers' pages through ``offers.hooks`` (offers never imports diffusion):
the offer form's « Votre offre sera diffusée sur … » with a box per partner, and « Mes offres »' column; and,
through ``offers.signals.offer_duplicated``, the choices given to a duplicated offer (« DUPLIQUER »)."""

from django import forms

from offers import hooks as offer_hooks
from offers.signals import offer_duplicated

from .services import copy_offer_choices, offer_partner_choices, publication_places, save_offer_partners

FIELD = "diffusion_partners"


class DiffusionSection:
    """« Votre offre sera diffusée sur Terre d'Emplois et chez nos partenaires : … », ticked by default for the
    partners that receive every offer, unticked for those that only receive the offers their recruiter allows."""

    template_name = "diffusion/includes/offer_form_section.html"

    def fields(self, offer, user) -> dict:
        choices = offer_partner_choices(offer)
        if not choices:
            return {}
        return {FIELD: forms.TypedMultipleChoiceField(
            label="Votre offre sera diffusée sur Terre d'Emplois et chez nos partenaires :",
            choices=[(partner.pk, partner.name) for partner, _goes in choices], coerce=int, required=False,
            initial=[partner.pk for partner, goes in choices if goes], widget=forms.CheckboxSelectMultiple,
            help_text="Décochez un partenaire pour que votre offre n'y soit pas diffusée : elle ne figure alors "
                      "pas non plus dans le flux public des offres que lisent d'autres sites d'emploi. Elle reste "
                      "toujours en ligne sur Terre d'Emplois.",
            error_messages={"invalid_choice": "Ce partenaire n'existe plus : rechargez la page."})}

    def save(self, offer, cleaned_data, user) -> None:
        if FIELD in cleaned_data:
            save_offer_partners(offer, set(cleaned_data[FIELD]), user)


SECTION = DiffusionSection()


def _copy_choices_of_duplicated_offer(sender, source, copy, by, **kwargs):
    copy_offer_choices(source, copy, by)


def register() -> None:
    offer_hooks.register_form_section(SECTION)
    offer_hooks.register_publication_places(publication_places)
    offer_duplicated.connect(_copy_choices_of_duplicated_offer, dispatch_uid="diffusion-copy-choices-on-duplicate")
