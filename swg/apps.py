from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SwgConfig(AppConfig):
    name = "swg"
    verbose_name = _("Sector working groups")
