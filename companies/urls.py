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
    path("espace-recruteur/ma-fiche-entreprise/", views.edit, name="edit"),
    path("espace-recruteur/editeur/image/", views.editor_upload, name="editor_upload"),
    path("entreprises/", views.public_list, name="public_list"),
    path("entreprises/<slug:slug>/", views.public_detail, name="public_detail"),
]
