from django.urls import path

from . import views

urlpatterns = [
    path("offres/<int:pk>/postuler/", views.apply, name="apply"),
    path("offres/<int:pk>/candidature-envoyee/", views.applied, name="applied"),
]
