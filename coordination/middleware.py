from django.conf import settings
from django.urls import reverse


class HealthCheckMiddleware:
    """Answer /healthz before the host check and the HTTPS redirect, so that a
    container healthcheck on 127.0.0.1 over plain HTTP gets the real answer."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        if self.path is None:
            self.path = reverse("healthz")
        if request.path == self.path:
            from .views import healthz

            return healthz(request)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (settings.PERMISSIONS_POLICY): the browser
    refuses the camera, microphone, location and payment features to every
    page, so injected content cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}={allowed}" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
