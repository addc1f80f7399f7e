"""The CVthèque's URLs (namespace ``cvtheque``), gathered from its parts."""

from .applying.urls import urlpatterns as applying_urlpatterns
from .cvs.urls import urlpatterns as cv_urlpatterns
from .recruiting.urls import urlpatterns as recruiting_urlpatterns
from .referrals.urls import urlpatterns as referral_urlpatterns
from .retention.urls import urlpatterns as retention_urlpatterns
from .search.urls import urlpatterns as search_urlpatterns

app_name = "cvtheque"

urlpatterns = [*search_urlpatterns, *cv_urlpatterns, *recruiting_urlpatterns, *referral_urlpatterns,
               *applying_urlpatterns, *retention_urlpatterns]
