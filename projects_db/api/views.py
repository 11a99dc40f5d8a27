"""The REST API (issue part 8). The same scopes and rules as the pages:
another organization's draft is not found, and a project the user may not
change is not found for writing either."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from swg import permissions

from ..filters.projects import ProjectFilter
from ..models import Project, ProjectParticipant, QuarterlyUpdate
from ..permissions import projects_changeable
from ..services import projects as services
from ..services import updates as update_services
from .serializers import (
    ProjectSerializer,
    QuarterlyUpdateSerializer,
    QuarterlyUpdateWriteSerializer,
    as_drf_error,
)

NESTED = ("participants", "budgets", "transactions", "districts", "beneficiaries")


class ProjectViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter

    def get_queryset(self):
        qs = Project.objects.select_related("owner", "swg", "subsector", "national_priority")
        qs = qs.prefetch_related(
            Prefetch(
                "participants", queryset=ProjectParticipant.objects.select_related("organization")
            ),
            "budgets",
            "transactions",
            "districts",
            "beneficiaries",
        ).order_by("pk")
        if self.action in ("update", "partial_update"):
            return projects_changeable(self.request.user, qs)
        return permissions.scope(self.request.user, qs)

    def create(self, request, *args, **kwargs):
        # Refuse before validating: a user who may not create learns nothing more.
        if not permissions.can(request.user, "project.create"):
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        user = self.request.user
        data = dict(serializer.validated_data)
        actor = permissions.actor_for(user)
        data.setdefault("owner", None)
        if data["owner"] is None:
            if actor.organization_id is None:
                raise as_drf_error(ValidationError({"owner": "Give the owner organization."}))
            data["owner"] = user.organization
        if not permissions.can(
            user, "project.change", Project(owner=data["owner"], swg=data["swg"])
        ):
            raise PermissionDenied
        try:
            serializer.instance = services.project_create(by=user, **data)
        except ValidationError as error:
            raise as_drf_error(error) from None

    def perform_update(self, serializer):
        user = self.request.user
        data = dict(serializer.validated_data)
        project = serializer.instance
        candidate = Project(
            pk=project.pk, owner=data.get("owner", project.owner), swg=data.get("swg", project.swg)
        )
        if not permissions.can(user, "project.change", candidate):
            raise PermissionDenied
        try:
            services.project_update(project=project, by=user, **data)
        except ValidationError as error:
            raise as_drf_error(error) from None
        serializer.instance = self.get_queryset().get(pk=project.pk)


class QuarterlyUpdateViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Read the updates in reach; POST saves a project's update for a quarter
    (a draft, or handed in with ``submit``, or ``no_change``), with the same
    rules as the update form."""

    serializer_class = QuarterlyUpdateSerializer
    filterset_fields = ["project", "year", "quarter", "state"]

    def get_serializer_class(self):
        if self.action == "create":
            return QuarterlyUpdateWriteSerializer
        return QuarterlyUpdateSerializer

    def get_queryset(self):
        qs = QuarterlyUpdate.objects.prefetch_related("indicator_values").order_by(
            "-year", "-quarter", "pk"
        )
        return permissions.scope(self.request.user, qs)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        project = permissions.scope(request.user, Project.objects.filter(pk=data.pop("project")))
        project = project.first()
        if project is None:
            raise NotFound
        if not permissions.can(request.user, "update.submit", project):
            raise PermissionDenied
        where = {"project": project, "year": data.pop("year"), "quarter": data.pop("quarter")}
        submit, no_change = data.pop("submit"), data.pop("no_change")
        indicators = [dict(row) for row in data.pop("indicator_values")]
        try:
            with transaction.atomic():
                if no_change:
                    update = update_services.update_no_change(by=request.user, **where)
                else:
                    update = update_services.update_save_draft(
                        by=request.user, indicators=indicators, **where, **data
                    )
                    if submit:
                        update = update_services.update_submit(update=update, by=request.user)
        except ValidationError as error:
            raise as_drf_error(error) from None
        update = self.get_queryset().get(pk=update.pk)
        return Response(QuarterlyUpdateSerializer(update).data, status=status.HTTP_201_CREATED)
