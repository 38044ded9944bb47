import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice.settings.production")

django_application = get_wsgi_application()

from practice.fastcache import PageCacheApplication  # noqa: E402 (needs Django set up first)

# Cached pages are answered before Django's handler; everything else goes on to Django.
application = PageCacheApplication(django_application)
