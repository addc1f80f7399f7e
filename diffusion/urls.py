from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import views
from .sitemaps import SITEMAPS

app_name = "diffusion"

urlpatterns = [
    path("diffusion/<slug:slug>/<str:token>/flux", views.partner_feed_view, name="partner_feed"),
    # the generic feed of every online offer (its URL is older than the partners' feeds)
    path("offres/flux.xml", views.public_feed_view, name="public_feed"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "diffusion:sitemap_section"},
         name="sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
]
