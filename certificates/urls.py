"""URLs of certificates: public verification and credentials, the holder's page, the HR desk and the API."""
from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import api, views

app_name = "certificates"
urlpatterns = [
    path("verify/", views.verify, name="verify_form"),
    path("verify/credential/", views.verify_credential, name="verify_credential"),
    path("verify/pdf/", views.verify_pdf, name="verify_pdf"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("credentials/issuer", views.issuer_profile, name="issuer_profile"),
    path("credentials/status/<str:code>/", views.credential_status, name="credential_status"),
    path("credentials/status-lists/<str:purpose>/<int:number>", views.status_list, name="status_list"),
    path("certificates/", views.my_certificates, name="mine"),
    path("certificates/<int:certificate_id>/pdf/", views.holder_pdf, name="holder_pdf"),
    path("certificates/<int:certificate_id>/recertify/", views.recertify, name="recertify"),
    path("certificates/<int:certificate_id>/open-badge.json", views.holder_badge, name="holder_badge"),
    path("certificates/cases/<int:case_id>/report/", views.result_report_create, name="result_report_create"),
    path("certificates/reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("certificates/reports/<int:report_id>/status/", views.report_status, name="report_status"),
    path("certificates/reports/<int:report_id>/pdf/", views.report_pdf, name="report_pdf"),
    path("hr/certificates/", views.desk, name="desk"),
    path("hr/certificates/export.<str:fmt>", views.desk_export, name="desk_export"),
    path("hr/certificates/<int:certificate_id>/", views.desk_detail, name="desk_detail"),
    path("hr/certificates/<int:certificate_id>/pdf/", views.desk_pdf, name="desk_pdf"),
    path("hr/certificates/<int:certificate_id>/revoke/", views.desk_revoke, name="desk_revoke"),
    path("hr/certificates/<int:certificate_id>/reissue/", views.desk_reissue, name="desk_reissue"),
    path("hr/certificates/<int:certificate_id>/suspend/", views.desk_suspend, name="desk_suspend"),
    path("hr/certificates/<int:certificate_id>/reinstate/", views.desk_reinstate, name="desk_reinstate"),
    path("hr/certificates/<int:certificate_id>/rerender/", views.desk_rerender, name="desk_rerender"),
    path("hr/bulk/", views.bulk_create, name="bulk_create"),
    path("hr/bulk/<int:bulk_id>/", views.bulk_detail, name="bulk_detail"),
    path("hr/bulk/<int:bulk_id>/status/", views.bulk_status, name="bulk_status"),
    path("hr/bulk/<int:bulk_id>/download/", views.bulk_download, name="bulk_download"),
    path("hr/dashboard/", views.dashboard, name="dashboard"),
    path("hr/reports/new/", views.agency_report_new, name="agency_report_new"),
    path("api/v1/certificates/", api.CertificateList.as_view(), name="api_certificates"),
    path("api/v1/certificates/<str:number>/", api.CertificateDetail.as_view(), name="api_certificate"),
    path("api/v1/certificates/<str:number>/pdf/", api.CertificatePdf.as_view(), name="api_certificate_pdf"),
    path("api/v1/verify/<str:code>/", api.Verify.as_view(), name="api_verify"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/v1/docs/", api.Docs.as_view(url_name="certificates:api_schema"), name="api_docs"),
]
