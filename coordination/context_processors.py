from django.conf import settings
from django.utils.translation import get_language


def portal(request):
    """One ``rtl`` flag flips every layout (STYLE habit 6)."""
    lang = (get_language() or "en").split("-")[0]
    return {"rtl": lang in settings.LANGUAGES_RTL, "lang_code": lang}
