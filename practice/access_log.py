"""The web server's access log, one JSON line per request like the application's own logs (practice/log.py).

practice/server.py puts it in front of the application in each worker. Granian's own access log
cannot be used: its path is not escaped for JSON (a `"` in a URL breaks the line), it has no
response size, and it formats each line through logging. This writes only the fields kept (no
client address, query string, referrer or user agent: personal data the site does not need), with
the time formatted once per second, in one write() per line, which an O_APPEND file, or a pipe for
lines up to 4 KB, keeps whole when several threads log at once.
"""

import os
import sys
import time
from json.encoder import encode_basestring_ascii

# JSON's own string escaping, in C, without json.dumps's checks and options around it (a third of a
# line's cost); a path arrives as the latin-1 text of its bytes, so non-ASCII comes out as \u00xx.
json_string = encode_basestring_ascii
_second = (0, "")


def log_time(now):
    """`now` as the application's log lines show time ("2026-12-01 10:40:00,123")."""
    global _second
    milliseconds = int(now * 1000)
    second = milliseconds // 1000
    if second != _second[0]:
        _second = (second, time.strftime("%Y-%m-%d %H:%M:%S,", time.localtime(second)))
    return f"{_second[1]}{milliseconds % 1000:03d}"


def access_line(*, now, method, path, status, sent, milliseconds):
    """The JSON line for one request; `status` is the WSGI status line ("200 OK")."""
    return (
        f'{{"time": "{log_time(now)}", "level": "INFO", "logger": "practice.access", '
        f'"method": {json_string(method)}, "path": {json_string(path)}, "status": {status[:3]}, '
        f'"bytes": {sent}, "duration_ms": {milliseconds}}}\n'
    )


def open_access_log(destination):
    """A file descriptor to write lines to: standard output for "-", else the file, appended to."""
    if destination == "-":
        return sys.stdout.fileno()
    return os.open(destination, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)


def body_length(body, headers):
    """The size of an answer: its parts when the application returned a list (a page-cache hit),
    else its Content-Length (Django sets one on every response it does not stream)."""
    if type(body) is list:
        return sum(map(len, body))
    for name, value in headers:
        if name.lower() == "content-length":
            return int(value)
    return 0


class AccessLogApplication:
    """A WSGI application that writes a line to `fd` for each request `application` answers; the
    duration is until the application returns its answer, which the server then sends."""

    def __init__(self, application, fd):
        self.application = application
        self.fd = fd

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        answered = ["500 Internal Server Error", []]  # what the server sends if the application raises

        def start(status, headers, exc_info=None):
            answered[:] = status, headers
            return start_response(status, headers, exc_info)

        body = []
        try:
            body = self.application(environ, start)
            return body
        finally:
            line = access_line(
                now=time.time(),
                method=environ.get("REQUEST_METHOD", "-"),
                path=environ.get("PATH_INFO", ""),
                status=answered[0],
                sent=body_length(body, answered[1]),
                milliseconds=int((time.perf_counter() - started) * 1000),
            )
            os.write(self.fd, line.encode())
