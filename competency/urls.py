"""Public URLs of the competency standards."""
from django.urls import path

from . import views

app_name = "competency"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<str:code>/", views.unit_detail, name="unit_detail"),
    path("<str:code>/revisions/<int:revision_number>/", views.unit_detail, name="unit_revision_detail"),
    path("<str:code>/case.json", views.unit_case_json, name="unit_case_json"),
]
