from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsDbConfig(AppConfig):
    name = "projects_db"
    verbose_name = _("Technical-assistance projects")
