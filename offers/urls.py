from django.urls import path

from . import alert_views, views

app_name = "offers"

urlpatterns = [
    # recruiter space
    path("espace-recruteur/offres/publier/", views.create, name="create"),
    path("espace-recruteur/offres/", views.mine, name="mine"),
    path("espace-recruteur/offres/<int:pk>/", views.detail, name="detail"),
    path("espace-recruteur/offres/<int:pk>/modifier/", views.edit, name="edit"),
    path("espace-recruteur/offres/<int:pk>/supprimer/", views.delete, name="delete"),
    path("espace-recruteur/offres/<int:pk>/dupliquer/", views.duplicate, name="duplicate"),
    path("espace-recruteur/offres/<int:pk>/republier/", views.republish, name="republish"),
    path("espace-recruteur/offres/<int:pk>/candidatures/", views.offer_applications, name="offer_applications"),
    path("espace-recruteur/candidatures/", views.applications, name="applications"),
    path("espace-recruteur/candidatures/refuser/", views.applications_refuse, name="applications_refuse"),
    path("espace-recruteur/candidatures/<int:pk>/", views.application_detail, name="application"),
    path("espace-recruteur/candidatures/<int:pk>/statut/", views.application_status, name="application_status"),
    path("espace-recruteur/candidatures/<int:pk>/document/", views.application_document,
         name="application_document"),
    # candidate space
    path("espace-candidat/mes-candidatures/", views.my_applications, name="my_applications"),
    # help
    path("aide/rediger-une-offre/", views.help_writing, name="help_writing"),
    path("aide/sessions-de-recrutement/", views.help_sessions, name="help_sessions"),
    # public
    path("offres/", views.public_list, name="public_list"),
    path("offres/<slug:slug>-<int:pk>/", views.public_detail, name="public_detail"),
    # job alerts (candidate space; the unsubscribe link works without login)
    path("espace-candidat/alertes-emploi/", alert_views.job_alerts, name="job_alerts"),
    path("espace-candidat/alertes-emploi/nouvelle/", alert_views.job_alert_create, name="job_alert_create"),
    path("espace-candidat/alertes-emploi/<int:pk>/frequence/", alert_views.job_alert_frequency,
         name="job_alert_frequency"),
    path("espace-candidat/alertes-emploi/<int:pk>/supprimer/", alert_views.job_alert_delete, name="job_alert_delete"),
    path("alertes-emploi/desinscription/<str:token>/", alert_views.job_alert_unsubscribe,
         name="job_alert_unsubscribe"),
]
