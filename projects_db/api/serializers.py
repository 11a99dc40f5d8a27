from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from coordination.text import strip_direction_controls_deep
from swg.models import SWG, Organization, Subsector

from ..models import (
    District,
    IndicatorValue,
    NationalPriority,
    Project,
    ProjectBudget,
    ProjectParticipant,
    QuarterlyUpdate,
    Transaction,
)


class ParticipantSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False)
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = ProjectParticipant
        fields = ["id", "organization", "organization_name", "role"]


class BudgetSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False)

    class Meta:
        model = ProjectBudget
        fields = ["id", "period_start", "period_end", "value", "currency", "status"]

    def validate(self, attrs):
        if attrs["period_end"] < attrs["period_start"]:
            raise serializers.ValidationError({"period_end": "The end is before the start."})
        return attrs


class TransactionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(required=False)

    class Meta:
        model = Transaction
        fields = [
            "id",
            "type",
            "value",
            "currency",
            "value_date",
            "provider",
            "receiver",
            "description",
        ]


class ProjectSerializer(serializers.ModelSerializer):
    """A project with its participants, budget lines and transactions. Writes go
    through ``projects_db.services.projects``; nested lists replace the rows
    (an item with the ``id`` of an existing row updates it)."""

    def to_internal_value(self, data):
        # Direction controls are removed from every text that comes in, nested
        # rows included, as the forms do (coordination/text.py).
        return super().to_internal_value(strip_direction_controls_deep(data))

    owner = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        help_text="Defaults to the signed-in partner's organization.",
    )
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    swg = serializers.SlugRelatedField(slug_field="slug", queryset=SWG.objects.all())
    subsector = serializers.PrimaryKeyRelatedField(
        queryset=Subsector.objects.all(), required=False, allow_null=True
    )
    national_priority = serializers.SlugRelatedField(
        slug_field="code",
        queryset=NationalPriority.objects.all(),
        required=False,
        allow_null=True,
    )
    districts = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=District.objects.all(), required=False
    )
    beneficiaries = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Organization.objects.filter(org_type__in=Organization.GOVERNMENT_TYPES),
        required=False,
    )
    participants = ParticipantSerializer(many=True, required=False)
    budgets = BudgetSerializer(many=True, required=False)
    transactions = TransactionSerializer(many=True, required=False)

    class Meta:
        model = Project
        fields = [
            "id",
            "iati_identifier",
            "title_en",
            "title_ar",
            "description_en",
            "description_ar",
            "owner",
            "owner_name",
            "swg",
            "subsector",
            "dac_sector",
            "national_priority",
            "status",
            "status_reason",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "nationwide",
            "districts",
            "beneficiaries",
            "currency",
            "comments",
            "participants",
            "budgets",
            "transactions",
            "state",
            "published_at",
            "updated_at",
        ]
        read_only_fields = ["state", "published_at", "updated_at"]
        # Uniqueness of the IATI identifier is checked by the service (full_clean).
        validators = []


def as_drf_error(error: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(error.message_dict)
    return serializers.ValidationError({"non_field_errors": error.messages})


class IndicatorValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["name", "unit", "value", "comment"]


class QuarterlyUpdateSerializer(serializers.ModelSerializer):
    indicator_values = IndicatorValueSerializer(many=True, read_only=True)

    class Meta:
        model = QuarterlyUpdate
        fields = [
            "id",
            "project",
            "year",
            "quarter",
            "state",
            "narrative",
            "new_status",
            "disbursed_to_date",
            "issues",
            "no_change",
            "submitted_at",
            "reviewed_at",
            "review_comment",
            "indicator_values",
        ]
        read_only_fields = fields


class QuarterlyUpdateWriteSerializer(serializers.Serializer):
    """A partner's update through the API: saved as a draft, or handed in with
    ``submit``; ``no_change`` is the one-click "nothing changed this quarter"."""

    project = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    narrative = serializers.CharField(required=False, allow_blank=True, default="")
    new_status = serializers.ChoiceField(
        choices=Project.Status.choices, required=False, allow_null=True, default=None
    )
    new_status_reason = serializers.CharField(required=False, allow_blank=True, default="")
    disbursed_to_date = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    issues = serializers.CharField(required=False, allow_blank=True, default="")
    indicator_values = IndicatorValueSerializer(many=True, required=False, default=list)
    submit = serializers.BooleanField(required=False, default=False)
    no_change = serializers.BooleanField(required=False, default=False)
