from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        from . import storage  # noqa: F401 (registers the private-media check)
        from .notifications import connect_bell_signals, register_digest_purpose

        register_digest_purpose()
        connect_bell_signals()
