"""URLs of the portal shell."""
from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on every page, the admin's included.
    path("favicon.ico", views.favicon, name="favicon"),
]
