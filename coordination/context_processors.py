from django.conf import settings
from django.utils.translation import get_language


def portal(request):
    """One ``rtl`` flag flips every layout (STYLE habit 6)."""
    lang = (get_language() or "en").split("-")[0]
    context = {"rtl": lang in settings.LANGUAGES_RTL, "lang_code": lang}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from swg import permissions

        context["nav_outbox"] = permissions.can(user, "outbox.view")
    return context
