from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # "Sent messages" shows what each email was for, not its code.
        from coordination.outbox import outbox_purpose_register

        from .services import PURPOSE

        outbox_purpose_register(PURPOSE, _("Password reset"))
