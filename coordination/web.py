"""View helpers shared by every app: pagination, the query string of a list
without its page, a ``next`` address that stays on the site, a service's
refusal shown as messages (and a button's action built on it), a row's
address, and a file download (whole or streamed)."""

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme

from .downloads import safe_filename

PAGE_SIZE = 25


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class BoundedPaginator(Paginator):
    """Counts at most ``bound`` rows, then says "more than": a COUNT(*) over a
    whole table of millions of rows costs more than the page itself
    (bench/README.md). ``more`` tells the templates (includes/pagination.html)
    that ``count`` and ``num_pages`` are lower bounds; the pages up to the bound
    are reachable, the rest through the list's filters."""

    def __init__(self, *args, bound: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.bound = bound

    @cached_property
    def count(self) -> int:
        # COUNT(*) over a sub-SELECT ... LIMIT bound + 1: stops at the bound.
        return self.object_list[: self.bound + 1].count()

    @property
    def more(self) -> bool:
        return self.count > self.bound

    @property
    def bound_pages(self) -> int:
        """Full pages within the bound: there are more than this many."""
        return self.bound // self.per_page


def paginate_bounded(request, queryset, *, bound: int, per_page=PAGE_SIZE):
    """``paginate`` for a list that can hold millions of rows (``BoundedPaginator``)."""
    return BoundedPaginator(queryset, per_page, bound=bound).get_page(request.GET.get("page"))


# An id no row has; the route's address is split around it.
_ID_MARK = 2147483647


@lru_cache(maxsize=512)
def _around_id(name: str, args: tuple, urlconf: str, script_prefix: str) -> tuple[str, str]:
    # ``urlconf`` and ``script_prefix`` are part of the key: they change the address.
    head, tail = reverse(name, urlconf=urlconf, args=[*args, _ID_MARK]).rsplit(str(_ID_MARK), 1)
    return head, tail


def url_for_id(name: str, pk: int, *args) -> str:
    """``reverse(name, args=[*args, pk])`` for a route whose last argument is an
    integer id, reversed once per route and ``args``: a list links every row to
    its object, and ``reverse()`` resolves the route on each call (about 15 µs,
    bench/README.md)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _around_id(name, args, urlconf, get_script_prefix())
    return f"{head}{int(pk)}{tail}"


def _forget_addresses(**kwargs):
    # The URL configuration is a setting; tests change it (the running site does not).
    _around_id.cache_clear()


setting_changed.connect(_forget_addresses)


def query_without(request, *names: str) -> str:
    """The request's query string without ``names`` (e.g. "page", for the
    links of a paginated list that keep its filters)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def safe_next(request, fallback: str) -> str:
    """The ``next`` address of the form if it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def error_messages(request, error: ValidationError) -> None:
    """A refused action without a form to show it in: each reason as an error
    message on the next page."""
    for message in error.messages:
        messages.error(request, message)


def button_action(request, action: Callable[[], object], *, then, done="", refused=None):
    """A button that changes one thing, with no form to show an error in: run
    ``action()``; show its refusal as error messages and redirect to
    ``refused`` (default: ``then``), or show ``done`` as a success message and
    redirect to ``then``. ``then`` is a URL or an object; ``done`` and ``then``
    may also be functions of the action's result (a message with a count, the
    page of what was created)."""
    try:
        result = action()
    except ValidationError as error:
        error_messages(request, error)
        return redirect(then if refused is None else refused)
    message = done(result) if callable(done) else done
    if message:
        messages.success(request, message)
    return redirect(then(result) if callable(then) else then)


def download(content, *, filename: str, content_type: str) -> HttpResponse:
    """A generated file (export, report) as an attachment: bytes, or streamed
    from an open file or an iterator of text (a spreadsheet of any length). A
    stored upload goes through ``coordination.downloads.stored_file_response``."""
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
    elif hasattr(content, "read"):
        response = FileResponse(content, content_type=content_type)  # closes the file
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, safe_filename(filename))
    return response
