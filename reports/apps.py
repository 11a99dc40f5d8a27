from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Progress reports")

    def ready(self):
        # Lower apps never import this one (DESIGN §6): the reports register
        # their rules into swg's permissions, their menu entry and their email
        # into coordination.
        from coordination import data_version
        from coordination.context_processors import register_nav_flag
        from coordination.outbox import attachment_renderer_register, outbox_purpose_register
        from swg.permissions import actor_for

        from . import permissions
        from .services import reports

        def _sees_reports(user):
            actor = actor_for(user)
            return bool(actor and (actor.sees_everything or actor.managed_swg_ids))

        register_nav_flag("nav_reports", _sees_reports)
        attachment_renderer_register(reports.PDF_ATTACHMENT, reports.progress_report_attachment)
        outbox_purpose_register(reports.PURPOSE, _("Progress report"))
        # The report's figures are cached under the version of the data they read.
        data_version.watch("swg", "projects_db")
        assert permissions.VIEW  # the rules are registered on import
