from django.urls import path

from . import views

urlpatterns = [
    path("espace-recruteur/cvtheque/cv-sauvegardes/", views.saved_lists, name="saved_lists"),
    path("espace-recruteur/cvtheque/cv-sauvegardes/nouvelle-liste/", views.saved_list_create,
         name="saved_list_create"),
    path("espace-recruteur/cvtheque/cv-sauvegardes/<int:pk>/", views.saved_list_detail, name="saved_list"),
    path("espace-recruteur/cvtheque/cv-sauvegardes/<int:pk>/modifier/", views.saved_list_edit,
         name="saved_list_edit"),
    path("espace-recruteur/cvtheque/cv-sauvegardes/<int:pk>/supprimer/", views.saved_list_delete,
         name="saved_list_delete"),
    path("espace-recruteur/cvtheque/cv-sauvegardes/cv/<int:pk>/retirer/", views.saved_cv_remove,
         name="saved_cv_remove"),
    path("espace-recruteur/cvtheque/cv-sauvegardes/cv/<int:pk>/note/", views.saved_cv_note, name="saved_cv_note"),
    path("espace-recruteur/cvtheque/cv/<int:cv_pk>/sauvegarder/", views.save_cv, name="save_cv"),
    path("espace-recruteur/cvtheque/historique/", views.history, name="history"),
    path("espace-recruteur/cvtheque/historique/<int:pk>/supprimer/", views.search_delete, name="search_delete"),
    path("espace-recruteur/cvtheque/historique/<int:pk>/favorite/", views.search_star, name="search_star"),
    path("espace-recruteur/cvtheque/historique/<int:pk>/retirer-des-favorites/", views.search_unstar,
         name="search_unstar"),
    path("espace-recruteur/cvtheque/historique/<int:pk>/alerte/", views.search_frequency, name="search_frequency"),
    path("cvtheque/alerte/arreter/<str:token>/", views.alert_unsubscribe, name="alert_unsubscribe"),
]
