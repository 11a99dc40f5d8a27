from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from coordination import data_version

        # The figures are cached under the version of the data they count.
        data_version.watch("swg", "projects_db")
        from coordination.context_processors import register_nav_flag
        from swg.permissions import can

        from .permissions import DASHBOARD_VIEW  # registers the dashboards' rule

        register_nav_flag("nav_dashboards", lambda user: can(user, DASHBOARD_VIEW))
