from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsDbConfig(AppConfig):
    name = "projects_db"
    verbose_name = _("Technical-assistance projects")

    def ready(self):
        # swg never imports this app (DESIGN §6): the app registers into swg's
        # permission rules and the reassessment's "updates missing" hook.
        from swg.selectors import reviews

        from . import permissions  # noqa: F401
        from .selectors.updates import quarterly_updates_missing

        reviews.register_updates_missing(quarterly_updates_missing)
