"""URLs of the judging workflow."""
from django.urls import path

from . import views

app_name = "judging"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("allocation/", views.allocation, name="allocation"),
    path("cases/<int:case_id>/", views.screen, name="screen"),
    path("cases/<int:case_id>/claim/", views.claim, name="claim"),
    path("cases/<int:case_id>/take/", views.take, name="take"),
    path("cases/<int:case_id>/criteria/<int:criterion_id>/", views.judge, name="judge"),
    path("cases/<int:case_id>/essays/<int:answer_id>/", views.mark_essay, name="mark_essay"),
    path("cases/<int:case_id>/decision/", views.confirm, name="confirm"),
    path("cases/<int:case_id>/request-evidence/", views.request_evidence, name="request_evidence"),
    path("moderation/", views.moderation, name="moderation"),
    path("disagreements/<int:disagreement_id>/settle/", views.settle, name="settle"),
    path("decisions/<int:decision_id>/amend/", views.amend, name="amend"),
    path("agreement/", views.agreement, name="agreement"),
    path("impartiality/", views.impartiality, name="impartiality"),
    path("impartiality/overrides.csv", views.impartiality_overrides_csv, name="impartiality_overrides_csv"),
    path("impartiality/declarations.csv", views.impartiality_declarations_csv, name="impartiality_declarations_csv"),
]
