app_name = "referentials"

urlpatterns: list = []
