from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .data_version import install_triggers

        # The figures cache's data version (docs/architecture.md, "Figures cache").
        post_migrate.connect(install_triggers, sender=self)
        from . import storage  # noqa: F401 (registers the private-media check)
        from .notifications import connect_bell_signals, register_digest_purpose

        register_digest_purpose()
        connect_bell_signals()
