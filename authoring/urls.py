"""URLs of the standards editor."""
from django.urls import path

from . import views

app_name = "authoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("units/<str:code>/revisions/new/", views.revision_open, name="revision_open"),
    path("revisions/<int:unit_id>/", views.revision, name="revision"),
    path("revisions/<int:unit_id>/criteria/<int:criterion_id>/rubric/", views.rubric, name="rubric"),
    path("revisions/<int:unit_id>/changes/", views.changes, name="changes"),
    path("revisions/<int:unit_id>/publish/", views.publish, name="publish"),
    path("exam-definitions/<int:definition_id>/", views.definition, name="definition"),
]
