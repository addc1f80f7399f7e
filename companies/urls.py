from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("espace-recruteur/demandes-de-rattachement/", views.membership_requests, name="membership_requests"),
    path(
        "espace-recruteur/demandes-de-rattachement/<int:pk>/<str:decision>/",
        views.decide_membership,
        name="decide_membership",
    ),
]
