"""URLs of blueprints."""
from django.urls import path

from . import views

app_name = "blueprints"
urlpatterns = [
    path("", views.index, name="index"),
]
