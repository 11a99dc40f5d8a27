from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from coordination.forms import apply_errors
from coordination.web import safe_next

from . import services
from .forms import EmailLoginForm, PasswordResetRequestForm


class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm
    redirect_authenticated_user = True


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request):
    """The same answer, in the same time, whether an account uses the address:
    the lookup and the email happen in a worker (accounts/services.py)."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_request(
                email=form.cleaned_data["email"], client_ip=get_client_ip_address(request)
            )
        except ValidationError as error:
            apply_errors(form, error)
            return render(
                request, "registration/password_reset_form.html", {"form": form}, status=429
            )
        return redirect("password_reset_done")
    status = 400 if form.is_bound else 200
    return render(request, "registration/password_reset_form.html", {"form": form}, status=status)


@require_POST
def language_set(request):
    """Switch language and remember it on the user (and in a cookie before login)."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next(request, "/"))
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        if request.user.is_authenticated and request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
        )
    return response
