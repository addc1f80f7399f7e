from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("connexion/suite/", views.after_login, name="after_login"),
    path("espace-recruteur/", views.dashboard, name="dashboard"),
    path("espace-candidat/", views.candidate_space, name="candidate_space"),
    path("mes-parametres/", views.settings_view, name="settings"),
    path("mes-parametres/supprimer-mon-compte/", views.delete_account_view, name="delete_account"),
]
