"""Logs and error reports that help an operator without carrying a patient's personal data.

Log lines are JSON with the request reduced to its method and path (no query string, no body,
no address); error emails keep the traceback but hide everything the visitor sent, and both
show a database error's class without its message.
"""

import re
import traceback

from django.db import DatabaseError
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter
from pythonjsonlogger.json import JsonFormatter

# A database error's message can quote the row it refused (PostgreSQL: "DETAIL: Failing row
# contains (...)"), which may be everything a patient typed: logs and emails show only its class.
HIDDEN_DATABASE_MESSAGE = "(message hidden: a database error can quote the row, with personal data)"

# The password in a connection URL (redis://:secret@host, http://user:secret@purge-host/): error
# emails list the settings, and REDIS_URL or a purge URL carries it in a name Django does not hide.
URL_PASSWORD = re.compile(r"(?P<start>[a-z][a-z0-9+.-]*://[^:@/\s]*):[^@/\s]+@", re.IGNORECASE)


def hide_url_passwords(text):
    """`text` with the password of every URL in it replaced by asterisks; user and host stay."""
    return URL_PASSWORD.sub(rf"\g<start>:{SafeExceptionReporterFilter.cleansed_substitute}@", str(text))


# Request headers an operator needs to understand an error; none of them identifies a visitor.
SAFE_META_KEYS = frozenset(
    {
        "CONTENT_LENGTH",
        "CONTENT_TYPE",
        "HTTP_ACCEPT",
        "HTTP_ACCEPT_LANGUAGE",
        "HTTP_HOST",
        "HTTP_X_FORWARDED_PROTO",
        "PATH_INFO",
        "REQUEST_METHOD",
        "SCRIPT_NAME",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
        "wsgi.url_scheme",
    }
)


class PrivateJsonFormatter(JsonFormatter):
    """One JSON object per line; a request attached to a record becomes just `method` and `path`."""

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        request = log_data.pop("request", None)
        # django.server attaches the socket, django.request the HttpRequest: keep neither.
        if hasattr(request, "path"):
            log_data["method"] = request.method
            log_data["path"] = request.path

    def formatException(self, ei):
        exc_type, _, tb = ei
        if exc_type is not None and issubclass(exc_type, DatabaseError):
            return (
                "".join(traceback.format_tb(tb))
                + f"{exc_type.__module__}.{exc_type.__name__}: {HIDDEN_DATABASE_MESSAGE}"
            )
        return super().formatException(ei)


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Hides every submitted value, cookie and local variable, and headers outside SAFE_META_KEYS."""

    def cleanse_setting(self, key, value):
        value = super().cleanse_setting(key, value)
        return hide_url_passwords(value) if isinstance(value, str) else value

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_safe_cookies(self, request):
        return dict.fromkeys(getattr(request, "COOKIES", {}), self.cleansed_substitute)

    def get_safe_request_meta(self, request):
        meta = getattr(request, "META", {})
        return {
            key: value if key in SAFE_META_KEYS else self.cleansed_substitute for key, value in meta.items()
        }

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class PrivateExceptionReporter(ExceptionReporter):
    """Django's error report without the query string, which can carry what a visitor typed."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            data["request_GET_items"] = dict.fromkeys(
                self.request.GET, self.filter.cleansed_substitute
            ).items()
            data["request_insecure_uri"] = self.request.path
            data["request_FILES_items"] = dict.fromkeys(self.request.FILES, "[file]").items()
        # A connection error can quote the URL it failed to reach.
        if "exception_value" in data:
            data["exception_value"] = hide_url_passwords(str(data["exception_value"]))
        if self.exc_type is not None and issubclass(self.exc_type, DatabaseError):
            data["exception_value"] = HIDDEN_DATABASE_MESSAGE
            for frame in data.get("frames", []):
                if frame.get("exc_cause") is not None:
                    frame["exc_cause"] = f"{type(frame['exc_cause']).__name__}: {HIDDEN_DATABASE_MESSAGE}"
        return data
