app_name = "cvtheque"

urlpatterns: list = []
