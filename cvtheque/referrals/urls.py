from django.urls import path

from . import views

urlpatterns = [
    path("espace-recruteur/rapprochement-de-conjoints/", views.referrals, name="spouse_referrals"),
    path("espace-recruteur/rapprochement-de-conjoints/presenter/", views.referral_create,
         name="spouse_referral_create"),
    path("rapprochement-de-conjoints/mon-profil/<str:token>/", views.partner_profile,
         name="spouse_partner_profile"),
]
