"""The home page of each role and the coordination dashboards (DESIGN §4, §6:
dashboards read from every app below them and are read by none)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordination.pdf import render_pdf
from coordination.spreadsheets.writer import xlsx_file
from coordination.web import download
from swg import permissions
from swg.selectors.home import home_circulated_minutes, home_open_action_points
from swg.selectors.structure import swg_list

from .forms import DashboardFilterForm
from .home_items import CHAIR, COORDINATION, PARTNER, ROLES, SECRETARIAT
from .permissions import DASHBOARD_VIEW
from .selectors import home as home_selectors
from .selectors.figures import dashboard_figures, overview_charts, overview_figures
from .selectors.period import dashboard_swgs, default_period

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def home(request):
    actor = permissions.actor_for(request.user)
    if actor.is_coordination:
        # Reports capability part 5: the coordination team's home is the
        # dashboard's summary, the seven SWGs over the last twelve months.
        period = default_period()
        swgs = list(dashboard_swgs(request.user))
        return render(
            request,
            "dashboards/home_coordination.html",
            {
                "period": period,
                "todo": home_selectors.coordination_home(actor=actor),
                "help_role": COORDINATION,
                **overview_figures(swgs=swgs, period=period),
            },
        )
    swgs = swg_list(swgs=permissions.visible_swgs(request.user).filter(is_active=True))
    # Two different facts: the groups the user is appointed to run (secretariat
    # or chair), and those the user's organization is a member of. A secretariat
    # from the Ministry of Planning, a member of every group, manages only some.
    context = {
        "swgs": swgs,
        "managed_swg_ids": actor.managed_swg_ids,
        "member_swg_ids": actor.member_swg_ids,
        "sections": [],
        "help_role": _help_role(actor),
    }
    # The to-do list comes first (DESIGN §1): one section per role the user holds.
    if actor.secretariat_swg_ids:
        context["sections"] += home_selectors.secretariat_home(actor=actor)
    if actor.chair_swg_ids:
        context["sections"] += home_selectors.chair_home(actor=actor)
    if actor.is_partner:
        context["partner_todo"] = home_selectors.partner_home(actor=actor)
    # A partner's home shows their groups' minutes and their organization's actions.
    context["partner_panel"] = actor.is_partner and bool(actor.organization_id)
    if context["partner_panel"]:
        # Two queries, whatever the number of groups, minutes or action points.
        context["circulated_minutes"] = home_circulated_minutes(actor=actor)
        context["open_action_points"] = home_open_action_points(
            user=request.user, organization_id=actor.organization_id
        )
    return render(request, "dashboards/home.html", context)


def _help_role(actor) -> str:
    if actor.sees_everything:
        return COORDINATION
    if actor.is_partner:
        return PARTNER
    if actor.secretariat_swg_ids or not actor.chair_swg_ids:
        return SECRETARIAT
    return CHAIR


@login_required
@require_GET
def help_page(request, role=""):
    """A short guide per role (DESIGN §1), in the reader's language; any
    signed-in user may read any role's guide."""
    actor = permissions.actor_for(request.user)
    role = role or _help_role(actor)
    if role not in ROLES:
        raise Http404
    return render(
        request,
        f"dashboards/help/{role}.html",
        {"role": role, "roles": _help_roles()},
    )


def _help_roles():
    return [
        (SECRETARIAT, _("Secretariat")),
        (CHAIR, _("Chair")),
        (PARTNER, _("Partner focal point")),
        (COORDINATION, _("Coordination team")),
    ]


def _selection(request):
    """The form, the groups and the period asked for; 403 for those without
    dashboards, 404 for a group outside the user's (DESIGN §1)."""
    permissions.require(request.user, DASHBOARD_VIEW)
    allowed = dashboard_swgs(request.user)
    # The form shows the period it covers: the last twelve months unless asked.
    data = request.GET.copy()
    default = default_period()
    data.setdefault("start", default.start.isoformat())
    data.setdefault("end", default.end.isoformat())
    form = DashboardFilterForm(data, swgs=allowed.model.objects.all())
    if not form.is_valid():
        return form, list(allowed), default_period()
    chosen = form.cleaned_data["swg"]
    if chosen is not None:
        if not permissions.can(request.user, DASHBOARD_VIEW, chosen) or chosen not in allowed:
            raise Http404
        return form, [chosen], form.cleaned_data["period"]
    return form, list(allowed), form.cleaned_data["period"]


@login_required
@require_GET
def dashboard(request):
    form, swgs, period = _selection(request)
    data = dashboard_figures(swgs=swgs, period=period)
    return render(
        request,
        "dashboards/dashboard.html",
        {
            "form": form,
            "swgs": swgs,
            "period": period,
            "query": request.GET.urlencode(),
            "charts": {f.key: f.chart_data() for f in data["figures"] if f.chart},
            "wide": ("trend", "portfolio"),
            **data,
        },
    )


@login_required
@require_GET
def dashboard_export(request, key):
    form, swgs, period = _selection(request)
    figures = {f.key: f for f in dashboard_figures(swgs=swgs, period=period)["figures"]}
    if key not in figures:
        raise Http404
    figure = figures[key]
    rows = [[_("Name"), *figure.columns]]
    rows += [[row.label, *cells] for row, cells in figure.table_rows()]
    filename = f"dashboard-{key}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    return download(xlsx_file(rows, title=figure.title), filename=filename, content_type=XLSX)


def _overview_context(request, *, compact=False):
    form, swgs, period = _selection(request)
    data = overview_figures(swgs=swgs, period=period)
    charts = overview_charts(data["columns"], compact=compact)
    return {"form": form, "period": period, "charts": charts, **data}


@login_required
@require_GET
def overview(request):
    context = _overview_context(request)
    context["query"] = request.GET.urlencode()
    return render(request, "dashboards/overview.html", context)


@login_required
@require_GET
def overview_pdf(request):
    context = _overview_context(request, compact=True)
    language = request.GET.get("language") or request.LANGUAGE_CODE
    pdf = render_pdf(
        template_name="pdf/dashboards/overview.html", context=context, language=language
    )
    period = context["period"]
    filename = f"state-of-coordination-{period.start:%Y%m%d}-{period.end:%Y%m%d}.pdf"
    return download(pdf, filename=filename, content_type="application/pdf")
