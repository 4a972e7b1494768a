"""URLs for signing in and out, passwords and registration."""
from django.urls import path

app_name = "accounts"
urlpatterns = []
