"""The person's own page about their personal data: download all of it, or ask for it to be erased."""
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from core.refusals import refused

from .models import ErasureRequest
from .services import erasure_request, personal_data_archive


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason (optional)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


@login_required
@require_safe
def overview(request):
    return render(request, "privacy/overview.html", {
        "form": ErasureRequestForm(),
        "requests": ErasureRequest.objects.filter(user=request.user),
    })


@login_required
@require_safe
def export(request):
    archive = personal_data_archive(user=request.user)
    name = f"personal-data-{request.user.username}-{timezone.localdate():%Y%m%d}.zip"
    return FileResponse(archive, as_attachment=True, filename=name, content_type="application/zip")


@login_required
@require_POST
def request_erasure(request):
    form = ErasureRequestForm(request.POST)
    if form.is_valid():
        try:
            erasure_request(user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            return refused(request, exc, "privacy:overview")
        messages.success(request, _("Your request is recorded. An administrator will answer it."))
    return redirect("privacy:overview")
