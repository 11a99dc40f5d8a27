from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordination.forms import apply_errors
from coordination.web import paginate
from swg import permissions

from ..forms.projects import DuplicateReviewForm
from ..selectors import duplicates as selectors
from ..services.duplicates import duplicate_mark_complementary


@login_required
@require_GET
def duplicate_list(request):
    """Possible duplications among the projects the user can see (issue part 10)."""
    flagged = selectors.flagged_pairs(request.user)
    return render(
        request,
        "projects_db/duplicate_list.html",
        {
            "page": paginate(request, flagged),
            "reviewed": selectors.reviewed_pairs(request.user)[:20],
        },
    )


@login_required
def duplicate_review(request, pk):
    pair = permissions.get_visible_or_404(
        request.user, selectors.flagged_pairs(request.user), pk=pk
    )
    permissions.require(request.user, "duplication.review", pair)
    form = DuplicateReviewForm(request.POST or None, instance=pair)
    if request.method == "POST" and form.is_valid():
        try:
            duplicate_mark_complementary(pair=pair, note=form.cleaned_data["note"], by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Marked as complementary; the pair is no longer flagged."))
            return redirect(reverse("projects_db:duplicate_list"))
    return render(request, "projects_db/duplicate_review.html", {"pair": pair, "form": form})
