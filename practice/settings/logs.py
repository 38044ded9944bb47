"""Logs and error reports (practice/log.py): JSON lines on stderr, errors emailed to the admins."""

from .environment import env

# --- Logs and error reports (practice/log.py) ----------------------------------------------------
# JSON lines on stderr for the process manager to collect; DJANGO_LOG_FORMAT=text for people.
ADMINS = [(email, email) for email in env.list("DJANGO_ADMINS", default=[])]
MANAGERS = ADMINS
DEFAULT_EXCEPTION_REPORTER = "practice.log.PrivateExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "practice.log.PrivateExceptionReporterFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "practice.log.PrivateJsonFormatter",
            "fmt": "{asctime}{levelname}{name}{message}",
            "style": "{",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("DJANGO_LOG_FORMAT", default="json"),
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"handlers": ["console", "mail_admins"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console", "mail_admins"], "level": "WARNING", "propagate": False},
        # Bots send wrong Host headers all day: worth a log line, not an email each.
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
    },
}
