from django.urls import path

from . import views

urlpatterns = [
    path("cv/je-reste-visible/<str:token>/", views.stay_visible_view, name="stay_visible"),
]
