from django.urls import path

from . import views_cv

urlpatterns = [
    path("espace-recruteur/cvtheque/", views_cv.search, name="search"),
    path("espace-recruteur/cvtheque/cv/<int:pk>/", views_cv.cv_detail, name="cv_detail"),
    path("cvtheque/cv/<int:pk>/document/", views_cv.cv_document, name="cv_document"),
    path("espace-candidat/mon-cv/", views_cv.my_cv, name="my_cv"),
    path("espace-candidat/mon-cv/supprimer/", views_cv.my_cv_delete, name="my_cv_delete"),
]
