from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coordination.history import history_rows
from coordination.web import download, paginate, query_without

from .. import permissions, selectors
from ..exchange.contacts import export_csv, export_vcard, export_xlsx
from ..filters.contacts import ContactFilter
from ..forms.contacts import ContactForm
from ..models import Contact
from ..permissions import Action
from .common import EXPORT_TYPES, form_page, swg_for


def _contacts_for(request):
    return permissions.visible_contacts(request.user).select_related("organization")


def _export(rows, *, fmt, name, with_swg):
    if fmt not in EXPORT_TYPES:
        raise Http404
    stamp = timezone.localdate().isoformat()
    filename = f"{name}-{stamp}.{fmt}"
    if fmt == "csv":
        content = export_csv(rows, with_swg=with_swg)
    elif fmt == "xlsx":
        content = export_xlsx(rows, with_swg=with_swg, title=name)
    else:
        content = export_vcard(rows)
    return download(content, filename=filename, content_type=EXPORT_TYPES[fmt])


@login_required
def contact_list(request):
    filterset = ContactFilter(request.GET or None, queryset=_contacts_for(request))
    return render(
        request,
        "swg/contact_list.html",
        {
            "filter": filterset,
            "page": paginate(request, filterset.qs),
            "query": request.GET.urlencode(),
            "can_create": permissions.can(request.user, Action.CONTACT_CREATE),
            "can_import": permissions.can(request.user, Action.CONTACT_IMPORT),
        },
    )


@login_required
def contact_export(request, fmt):
    filterset = ContactFilter(request.GET or None, queryset=_contacts_for(request))
    rows = selectors.contacts.contact_rows_for(filterset.qs)
    return _export(rows, fmt=fmt, name="contacts", with_swg=False)


@login_required
def swg_contacts(request, slug):
    swg = swg_for(request, slug)
    page = selectors.contacts.swg_contact_page(
        swg=swg,
        contacts=permissions.visible_contacts(request.user),
        number=request.GET.get("page"),
    )
    return render(
        request,
        "swg/swg_contacts.html",
        {
            "swg": swg,
            # One page of people, as every list (coordination/web.py PAGE_SIZE).
            "page": page,
            "query": query_without(request, "page"),
            "can_manage": permissions.can(request.user, Action.SWG_MANAGE, swg),
        },
    )


@login_required
def swg_contacts_export(request, slug, fmt):
    swg = swg_for(request, slug)
    rows = selectors.contacts.contact_rows_for(permissions.visible_contacts(request.user), swg=swg)
    return _export(
        rows, fmt=fmt, name=f"{slugify(swg.name_en) or swg.slug}-contacts", with_swg=True
    )


@login_required
def contact_detail(request, pk):
    contact = permissions.get_visible_or_404(request.user, Contact.objects.all(), pk=pk)
    return render(
        request,
        "swg/contact_detail.html",
        {
            "contact": contact,
            "memberships": contact.memberships.select_related("swg").order_by("end_date"),
            "focal_points": contact.focal_points.select_related("swg", "organization"),
            "can_change": permissions.can(request.user, Action.CONTACT_CHANGE, contact),
            "history": history_rows(obj=contact)
            if permissions.can(request.user, Action.HISTORY_VIEW, contact)
            else None,
        },
    )


def _locked_organization(request):
    actor = permissions.actor_for(request.user)
    if actor.is_partner:
        return request.user.organization
    return None


@login_required
def contact_create(request):
    permissions.require(request.user, Action.CONTACT_CREATE)
    form = ContactForm(request.POST or None, organization_locked=_locked_organization(request))
    if request.method == "POST" and form.is_valid():
        contact = form.save()
        messages.success(request, _("Contact created."))
        return redirect(contact)
    return form_page(request, form, title=_("New contact"), back_url="/contacts/")


@login_required
def contact_edit(request, pk):
    contact = permissions.get_visible_or_404(request.user, Contact.objects.all(), pk=pk)
    permissions.require(request.user, Action.CONTACT_CHANGE, contact)
    form = ContactForm(
        request.POST or None, instance=contact, organization_locked=_locked_organization(request)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Contact saved."))
        return redirect(contact)
    return form_page(request, form, title=str(contact), back_url=contact.get_absolute_url())
