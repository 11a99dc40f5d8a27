"""The annual membership reassessment of one SWG (assessment Annex 1.1: "The
Chair ... will reassess membership on an annual basis ... against frequent
absences, scarce contributions ... and lack of cooperation in providing
requested significant data"). The chair decides, for every member in one form;
the secretariat may look."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coordination.forms import apply_errors

from .. import permissions, selectors, services
from ..forms.reviews import ReviewSheetForm
from ..models import SWG, Membership, MembershipReview
from ..permissions import Action
from .common import swg_for


def _swg_for_review(request, slug) -> SWG:
    # The secretariat may read the review; the chair decides (MEMBERSHIP_REVIEW).
    return swg_for(request, slug, Action.SWG_MANAGE)


def _page(request, swg, *, sheet=None, status=200):
    period_start, period_end = selectors.reviews.review_period()
    rows = selectors.reviews.membership_review_rows(
        swg=swg, period_start=period_start, period_end=period_end
    )
    can_decide = permissions.can(request.user, Action.MEMBERSHIP_REVIEW, swg)
    if can_decide:
        if sheet is None:
            sheet = ReviewSheetForm(membership_ids=[row.membership.pk for row in rows])
        for row in rows:
            row.entry = sheet.row(row.membership.pk)
    return render(
        request,
        "swg/minutes/membership_review.html",
        {
            "swg": swg,
            "rows": rows,
            "period_start": period_start,
            "period_end": period_end,
            "can_decide": can_decide,
            "sheet": sheet if can_decide else None,
            "decisions": MembershipReview.Decision.choices,
            "low_attendance_percent": selectors.reviews.LOW_ATTENDANCE_PERCENT,
            "history": selectors.reviews.membership_review_history(swg=swg),
        },
        status=status,
    )


@login_required
def membership_review(request, slug):
    swg = _swg_for_review(request, slug)
    return _page(request, swg)


@login_required
@require_POST
def membership_review_record(request, slug):
    """The one form of the page: every decision the chair chose, all or nothing."""
    swg = _swg_for_review(request, slug)
    permissions.require(request.user, Action.MEMBERSHIP_REVIEW, swg)
    ids = list(selectors.reviews.reviewed_memberships(swg=swg).values_list("pk", flat=True))
    sheet = ReviewSheetForm(request.POST, membership_ids=ids)
    if sheet.is_valid():
        chosen = sheet.decisions()
        memberships = Membership.objects.select_related("organization").in_bulk(
            [pk for pk, _decision, _note in chosen]
        )
        period_start, period_end = selectors.reviews.review_period()
        try:
            reviews = services.reviews.membership_reviews_record(
                swg=swg,
                decisions=[(memberships[pk], decision, note) for pk, decision, note in chosen],
                period_start=period_start,
                period_end=period_end,
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(sheet, error)
        else:
            messages.success(
                request,
                ngettext("%(n)s decision recorded.", "%(n)s decisions recorded.", len(reviews))
                % {"n": len(reviews)},
            )
            return redirect("swg:membership_review", swg.slug)
    return _page(request, swg, sheet=sheet, status=400)
