"""URLs of appeals and complaints."""
from django.urls import path

from . import views

app_name = "appeals"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("cases/<int:case_id>/appeal/", views.lodge, name="lodge"),
    path("cases/<int:case_id>/complaint/", views.complain, name="complain"),
    path("<int:appeal_id>/", views.detail, name="detail"),
    path("<int:appeal_id>/assign/", views.assign, name="assign"),
    path("<int:appeal_id>/decide/", views.decide, name="decide"),
    path("documents/<int:document_id>/", views.document, name="document"),
    path("complaints/<int:complaint_id>/", views.complaint, name="complaint"),
    path("complaints/<int:complaint_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("complaints/<int:complaint_id>/answer/", views.answer, name="answer"),
]
