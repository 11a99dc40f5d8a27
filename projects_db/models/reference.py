"""Reference data of the project database: Libya's districts, the national
priorities projects serve and the exchange rates that put every amount in USD.
Seeded by migration 0002 with its own copy of the data; editable afterwards."""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.bilingual import BilingualName, pick_language

currency_code = RegexValidator(r"^[A-Z]{3}$", _("Use the three-letter ISO 4217 code, e.g. USD."))

# The currencies the forms offer; any ISO 4217 code is accepted from imports.
CURRENCIES = [
    ("USD", _("US dollar (USD)")),
    ("EUR", _("Euro (EUR)")),
    ("GBP", _("Pound sterling (GBP)")),
    ("LYD", _("Libyan dinar (LYD)")),
    ("CHF", _("Swiss franc (CHF)")),
    ("JPY", _("Japanese yen (JPY)")),
    ("SEK", _("Swedish krona (SEK)")),
    ("NOK", _("Norwegian krone (NOK)")),
    ("DKK", _("Danish krone (DKK)")),
    ("CAD", _("Canadian dollar (CAD)")),
    ("TND", _("Tunisian dinar (TND)")),
]


class District(BilingualName):
    """One of Libya's 22 districts (shabiyat), by its ISO 3166-2:LY code."""

    code = models.CharField(
        _("ISO 3166-2 code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^LY-[A-Z]{2}$", _("A code like LY-TB."))],
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name_en"]


class NationalPriority(BilingualName):
    """A strategic priority of the Council of Ministers (assessment §4 key
    function b: "the CoM ten strategic priorities"). The funding the government
    says it needs is what the portfolio compares commitments against."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    required_funding_usd = models.DecimalField(
        _("required funding (USD)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("national priority")
        verbose_name_plural = _("national priorities")
        ordering = ["order", "code"]

    @property
    def description(self) -> str:
        return pick_language(self.description_en, self.description_ar)


class ExchangeRate(models.Model):
    """How many US dollars one unit of a currency was worth in a year. An amount
    dated in a year without a row uses the latest earlier year's rate."""

    currency = models.CharField(_("currency"), max_length=3, validators=[currency_code])
    year = models.PositiveSmallIntegerField(_("year"))
    rate_to_usd = models.DecimalField(
        _("value of one unit in USD"),
        max_digits=18,
        decimal_places=8,
        validators=[MinValueValidator(0)],
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "year"], name="exchange_rate_once_a_year"),
            models.CheckConstraint(condition=models.Q(rate_to_usd__gt=0), name="rate_positive"),
        ]

    def __str__(self):
        return f"{self.currency} {self.year}: {self.rate_to_usd} USD"
