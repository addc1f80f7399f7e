# CV models (issue « CVthèque, part 1 ») and recruiter-side models (saved lists, searches,
# spouse referrals: « part 2 ») live in two modules so that both can grow side by side.
from .cv_models import *  # noqa: F401,F403
from .recruiter_models import *  # noqa: F401,F403
