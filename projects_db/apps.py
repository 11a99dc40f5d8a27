from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsDbConfig(AppConfig):
    name = "projects_db"
    verbose_name = _("Technical-assistance projects")

    def ready(self):
        # swg never imports this app (DESIGN §6): the app registers into swg's
        # permission rules and the reassessment's "updates missing" hook.
        from coordination.notifications import notification_kind_register
        from coordination.outbox import outbox_purpose_register
        from swg.selectors import reviews
        from swg.services import imports

        from . import permissions  # noqa: F401
        from .selectors.updates import quarterly_updates_missing
        from .services import exchange, notifications, reminders

        reviews.register_updates_missing(quarterly_updates_missing)
        # The project import is a kind of swg's import jobs, with a preview to confirm.
        imports.import_kind_register(
            exchange.IMPORT_KIND,
            check=exchange.projects_import_check,
            write=exchange.projects_import_write,
            confirm=True,
            status_url="projects_db:project_import_status",
        )
        # "Sent messages" shows what each email was for, not its code.
        for purpose, label in (
            (reminders.OPENING, _("Quarterly update opening")),
            (reminders.REMINDER, _("Quarterly update reminder")),
            (reminders.ESCALATION, _("Quarterly update escalation")),
        ):
            outbox_purpose_register(purpose, label)
        # A returned update goes back to its partner (coordination/notifications.py).
        for code, label, message, duty in notifications.KINDS:
            notification_kind_register(code, label=label, message=message, duty=duty)
