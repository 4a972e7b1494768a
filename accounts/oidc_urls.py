"""URLs for signing in through OpenID Connect providers and linking the identity to an account."""
from django.urls import path

from . import oidc_views

app_name = "oidc"
urlpatterns = [
    path("<slug:provider>/start/", oidc_views.start, name="start"),
    path("callback/", oidc_views.callback, name="callback"),
    path("link/", oidc_views.link, name="link"),
    path("link/confirm/<str:token>/", oidc_views.confirm, name="confirm"),
]
