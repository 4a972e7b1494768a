"""URLs of the written exam: candidates' attempts, assessors' marking, authors' bank and analysis, coordinators'
accommodations and sittings."""
from django.urls import path

from . import views

app_name = "exams"
urlpatterns = [
    path("", views.index, name="index"),
    path("cases/<int:case_id>/exams/<int:definition_id>/", views.start, name="start"),
    path("attempts/<int:attempt_id>/", views.take, name="take"),
    path("attempts/<int:attempt_id>/answers/", views.save, name="save"),
    path("attempts/<int:attempt_id>/state/", views.state, name="state"),
    path("attempts/<int:attempt_id>/submit/", views.submit, name="submit"),
    path("attempts/<int:attempt_id>/result/", views.result, name="result"),
    path("marking/", views.marking_list, name="marking_list"),
    path("marking/<int:answer_id>/", views.mark, name="mark"),
    path("bank/", views.bank_home, name="bank_home"),
    path("bank/<str:code>/", views.bank, name="bank"),
    path("bank/<str:code>/items/new/", views.item_new, name="item_new"),
    path("bank/<str:code>/items/<int:item_id>/", views.item_edit, name="item_edit"),
    path("bank/<str:code>/export.csv", views.export_csv, name="export_csv"),
    path("bank/<str:code>/export-qti.zip", views.export_qti, name="export_qti"),
    path("bank/<str:code>/import/csv/", views.import_csv, name="import_csv"),
    path("bank/<str:code>/import/qti/", views.import_qti, name="import_qti"),
    path("definitions/<int:definition_id>/analysis/", views.analysis, name="analysis"),
    path("accommodations/", views.accommodations, name="accommodations"),
    path("accommodations/cases/<int:case_id>/exams/<int:definition_id>/", views.accommodation, name="accommodation"),
    path("accommodations/<int:accommodation_id>/withdraw/", views.accommodation_withdraw_view,
         name="accommodation_withdraw"),
    path("sittings/", views.sittings, name="sittings"),
    path("sittings/<int:sitting_id>/", views.sitting, name="sitting"),
    path("sittings/<int:sitting_id>/seats/", views.sitting_seat_view, name="sitting_seat"),
    path("sittings/<int:sitting_id>/seats/<int:seat_id>/remove/", views.seat_remove_view, name="seat_remove"),
    path("sittings/<int:sitting_id>/cancel/", views.sitting_cancel_view, name="sitting_cancel"),
]
