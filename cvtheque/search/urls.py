from django.urls import path

from . import views

urlpatterns = [
    path("espace-recruteur/cvtheque/", views.search, name="search"),
    path("espace-recruteur/cvtheque/cv/<int:pk>/", views.cv_detail, name="cv_detail"),
]
