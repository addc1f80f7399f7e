from .urls_cv import urlpatterns as cv_urlpatterns
from .urls_recruiter import urlpatterns as recruiter_urlpatterns

app_name = "cvtheque"

urlpatterns = [*cv_urlpatterns, *recruiter_urlpatterns]
