"""URLs of the blueprint workspace."""
from django.urls import path

from . import views

app_name = "blueprints"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.blueprint_new, name="new"),
    path("<int:blueprint_id>/", views.blueprint_detail, name="detail"),
    path("<int:blueprint_id>/copy/", views.blueprint_copy_view, name="copy"),
    path("<int:blueprint_id>/rename/", views.blueprint_rename_view, name="rename"),
    path("<int:blueprint_id>/document/", views.render_request_view, name="render"),
    path("<int:blueprint_id>/document/status/", views.render_status, name="render_status"),
    path("<int:blueprint_id>/document/<int:render_id>/retry/", views.render_retry_view, name="render_retry"),
    path("<int:blueprint_id>/sections/<slug:kind>/", views.section_detail, name="section"),
    path("<int:blueprint_id>/sections/<slug:kind>/autosave/", views.section_autosave, name="section_autosave"),
]
