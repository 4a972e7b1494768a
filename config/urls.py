"""The portal's URL map."""
from django.contrib import admin
from django.urls import include, path

from portal import views as portal_views

urlpatterns = [
    path("", include("portal.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/oidc/", include("accounts.oidc_urls")),
    path("standards/", include("competency.urls")),
    path("cases/", include("assessments.urls")),
    path("", include("evidence.urls")),
    path("blueprints/", include("blueprints.urls")),
    path("exams/", include("exams.urls")),
    path("judging/", include("judging.urls")),
    path("appeals/", include("appeals.urls")),
    path("standards-editor/", include("authoring.urls")),
    path("", include("certificates.urls")),
    path("privacy/", include("privacy.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler404 = portal_views.page_not_found
handler500 = portal_views.server_error
