from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SwgConfig(AppConfig):
    name = "swg"
    verbose_name = _("Sector working groups")

    def ready(self):
        # The menu shows "Sent messages" to whom the outbox rule allows, and
        # /healthz its detail to whom the health rule allows; the rules are
        # ours, the menu and the health check coordination's (DESIGN §6:
        # higher apps register).
        from coordination.context_processors import register_nav_flag
        from coordination.health import register_detail_viewer
        from coordination.notifications import notification_kind_register
        from coordination.outbox import (
            attachment_renderer_register,
            outbox_purpose_register,
            register_headers,
        )

        from .permissions import Action, can
        from .services import contacts, imports, invitations, minutes, notifications, pdfs, schedule

        register_nav_flag("nav_outbox", lambda user: can(user, Action.OUTBOX_VIEW))
        register_nav_flag("nav_correspondence", lambda user: can(user, Action.CORRESPONDENCE_VIEW))
        register_detail_viewer(lambda user: can(user, Action.HEALTH_DETAIL))
        imports.import_kind_register(
            contacts.IMPORT_KIND,
            check=contacts.contacts_import_check,
            write=contacts.contacts_import_write,
        )
        # Circulated minutes carry their PDF, rendered by the sending worker.
        attachment_renderer_register(pdfs.MINUTES_PDF_ATTACHMENT, pdfs.minutes_pdf_attachment)
        # The schedule email carries its unsubscribe link in the headers too
        # (RFC 2369 List-Unsubscribe, RFC 8058 one-click).
        register_headers(schedule.PURPOSE, schedule.schedule_headers)
        # "Sent messages" shows what each email was for, not its code.
        for purpose, label in (
            (invitations.PURPOSE_INVITATION, _("Meeting invitation")),
            (invitations.PURPOSE_UPDATE, _("Meeting change")),
            (invitations.PURPOSE_CANCELLATION, _("Meeting cancellation")),
            (minutes.CIRCULATED_PURPOSE, _("Minutes circulated")),
            (schedule.PURPOSE, _("Monthly schedule")),
        ):
            outbox_purpose_register(purpose, label)
        # Work that moves between people: under the bell and by email
        # (coordination/notifications.py); a duty is always emailed.
        for code, label, message, duty in notifications.KINDS:
            notification_kind_register(code, label=label, message=message, duty=duty)
