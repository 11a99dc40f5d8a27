from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SwgConfig(AppConfig):
    name = "swg"
    verbose_name = _("Sector working groups")

    def ready(self):
        # /healthz shows its detail to whom the rule allows; the rule is ours,
        # the health check coordination's (DESIGN §6: higher apps register).
        from coordination.health import register_detail_viewer

        from .permissions import can

        register_detail_viewer(lambda user: can(user, "health.detail"))
