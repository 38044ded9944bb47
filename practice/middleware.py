"""Response headers the site sets itself: the Content-Security-Policy, chosen by path."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the looser admin policy on the admin's paths.

    Public pages get settings.CONTENT_SECURITY_POLICY; Wagtail's admin needs inline scripts and
    styles, so it gets settings.CONTENT_SECURITY_POLICY_ADMIN instead of weakening the public one.
    So does a public page showing a signed-in editor Wagtail's userbar (its accessibility checker
    and inline annotations): such a page is never cached, so no visitor ever gets its policy.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and (self.is_admin(request) or self.shows_userbar(request))
        ):
            return PolicyParts(
                config=settings.CONTENT_SECURITY_POLICY_ADMIN,
                update=parts.update,
                replace=parts.replace,
                nonce=parts.nonce,
            )
        return parts

    @staticmethod
    def shows_userbar(request):
        return getattr(request, "shows_userbar", False)

    @staticmethod
    def is_admin(request):
        return request.path_info.startswith(tuple(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES))
