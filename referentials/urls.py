from django.urls import path

from . import views

app_name = "referentials"

urlpatterns = [
    path("api/lieux/", views.places, name="places"),
    path("api/metiers/", views.metiers, name="metiers"),
    path("api/secteurs/", views.sectors, name="sectors"),
]
