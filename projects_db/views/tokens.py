from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from swg import permissions

from ..services.tokens import api_token_regenerate


@login_required
def api_token(request):
    """The signed-in user's key for the REST API; regenerating revokes the old one."""
    permissions.require(request.user, "api.token")
    if request.method == "POST":
        api_token_regenerate(user=request.user)
        messages.success(request, _("A new API token was created; the old one no longer works."))
        return redirect("projects_db:api_token")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "projects_db/api_token.html", {"token": token})
