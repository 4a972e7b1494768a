"""URLs of evidence items (under a case) and of file downloads."""
from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("cases/<int:case_id>/evidence/new/", views.item_create, name="item_create"),
    path("cases/<int:case_id>/evidence/<int:item_id>/", views.item_edit, name="item_edit"),
    path("cases/<int:case_id>/evidence/<int:item_id>/files/", views.files_add, name="files_add"),
    path("cases/<int:case_id>/evidence/<int:item_id>/delete/", views.item_delete, name="item_delete"),
    path("cases/<int:case_id>/files/<int:file_id>/replace/", views.file_replace, name="file_replace"),
    path("evidence/files/<int:file_id>/", views.file_download, name="file_download"),
]
