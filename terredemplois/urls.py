from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import urls as account_urls
from accounts import views as account_views
from companies import views as company_views
from cvtheque.cvs import for_you_views
from offers import urls as offer_urls

from . import views

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error

admin.site.site_header = "Terre d'Emplois — administration"
admin.site.site_title = "Terre d'Emplois"
admin.site.index_title = "Modération et référentiels"

# The « accounts » URL namespace: the account pages, and the two pages of a recruiter's account that
# show what the apps above accounts hold: « Mon espace recruteur » (company, offers, CVthèque) and
# « Mes paramètres » (a recruiter's company, served by companies).
account_patterns = [
    *account_urls.urlpatterns,
    path("espace-recruteur/", views.recruiter_dashboard, name="dashboard"),
    path("mes-parametres/", company_views.settings_view, name="settings"),
]

# The « offers » namespace, plus « Offres pour vous », which needs the candidate's CV (cvtheque, above offers).
offer_patterns = [
    *offer_urls.urlpatterns,
    path("espace-candidat/offres-pour-vous/", for_you_views.offers_for_you, name="offers_for_you"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/statistiques/", views.statistics, name="statistics"),
    path("sante/", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("compte/signup/", account_views.signup, name="account_signup"),
    path("compte/", include("allauth.urls")),
    path("", include((account_patterns, account_urls.app_name))),
    path("", include("companies.urls")),
    path("", include("referentials.urls")),
    path("", include((offer_patterns, offer_urls.app_name))),
    path("", include("moderation.urls")),
    path("", include("cvtheque.urls")),
]

if settings.SERVE_MEDIA:
    # Public uploads only (logos, banners, editor images). CVs live in PRIVATE_MEDIA_ROOT and are
    # only ever served by the CVthèque's authenticated view.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
