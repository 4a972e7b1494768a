"""URLs of the personal-data page."""
from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export/", views.export, name="export"),
    path("erasure/", views.request_erasure, name="request_erasure"),
]
