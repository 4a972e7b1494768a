"""Views for registering as a candidate; sign-in and passwords use Django's own views."""
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import CandidateRegistrationForm
from .services import candidate_register


def register(request):
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = CandidateRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = candidate_register(form=form)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome, %(name)s. Your candidate account is ready.") % {"name": user})
        return redirect("portal:home")
    return render(request, "accounts/register.html", {"form": form}, status=400 if form.errors else 200)
