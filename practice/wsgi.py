import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice.settings.production")

django_application = get_wsgi_application()

from practice.fastcache import PageCacheApplication  # noqa: E402 (needs Django set up first)
from practice.http import TrustedSchemeApplication  # noqa: E402

# The proxy's scheme header is checked first; cached pages are answered before Django's handler;
# everything else goes on to Django.
application = TrustedSchemeApplication(PageCacheApplication(django_application))
