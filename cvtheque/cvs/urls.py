from django.urls import path

from . import views

urlpatterns = [
    path("cvtheque/cv/<int:pk>/document/", views.cv_document, name="cv_document"),
    path("espace-candidat/mon-cv/", views.my_cv, name="my_cv"),
    path("espace-candidat/mon-cv/supprimer/", views.my_cv_delete, name="my_cv_delete"),
]
