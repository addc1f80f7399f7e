from django.urls import path

from . import views

app_name = "accounts"

# Two more pages of this namespace show what the apps above accounts hold, so the project adds them
# (terredemplois/urls.py): « Mon espace recruteur » (``accounts:dashboard``) and « Mes paramètres »
# (``accounts:settings``, a recruiter's company included).
urlpatterns = [
    path("connexion/suite/", views.after_login, name="after_login"),
    path("espace-candidat/", views.candidate_space, name="candidate_space"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views.my_data_download, name="my_data_download"),
    path("mes-parametres/supprimer-mon-compte/", views.delete_account_view, name="delete_account"),
]
