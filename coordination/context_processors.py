from collections.abc import Callable

from django.conf import settings
from django.utils.translation import get_language

from .notifications import notifications_unread_count

# Menu entries that depend on the user's rights, registered by the apps that
# own the rule from their AppConfig.ready(): coordination imports none of them
# (DESIGN §6). name -> check(user) -> bool, put in every template's context.
NAV_FLAGS: dict[str, Callable[[object], bool]] = {}


def register_nav_flag(name: str, check: Callable[[object], bool]) -> None:
    NAV_FLAGS[name] = check


def portal(request):
    """One ``rtl`` flag flips every layout (DESIGN §2: every page in Arabic too)."""
    lang = (get_language() or "en").split("-")[0]
    context = {"rtl": lang in settings.LANGUAGES_RTL, "lang_code": lang}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        for name, check in NAV_FLAGS.items():
            context[name] = check(user)
        # The bell's count (coordination/notifications.py).
        context["notifications_unread"] = notifications_unread_count(user)
    return context
