"""URLs of assessment cases."""
from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("enrol/", views.case_enrol_view, name="case_enrol"),
    path("<int:case_id>/", views.case_detail, name="case_detail"),
    path("<int:case_id>/submit/", views.case_submit_view, name="case_submit"),
]
