"""Gunicorn's access log, one JSON line per request like the application's own logs (practice/log.py).

Gunicorn's own access() builds a dictionary of every request header, response header and environ
entry for each line, then formats it: about 120 µs on a busy 2-core machine, several times what a
page-cache hit costs to answer. This writes only the fields kept (no client address, query string,
referrer or user agent: personal data the site does not need), with the time formatted once per
second, straight to the handler's stream. gunicorn.conf.py names it as `logger_class`.
"""

import json
import logging
import time

from gunicorn.glogging import Logger

_second = (0, "")


def log_time(now):
    """`now` as the application's log lines show time ("2026-12-01 10:40:00,123")."""
    global _second
    second = int(now)
    if second != _second[0]:
        _second = (second, time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second)))
    return f"{_second[1]},{int(now * 1000) % 1000:03d}"


def access_line(*, now, method, path, status, sent, duration):
    """The JSON line for one request; `duration` is a timedelta, `status` gunicorn's status line."""
    milliseconds = duration.seconds * 1000 + duration.microseconds // 1000
    return (
        f'{{"time": "{log_time(now)}", "level": "INFO", "logger": "gunicorn.access", '
        f'"method": {json.dumps(method)}, "path": {json.dumps(path)}, "status": {str(status)[:3]}, '
        f'"bytes": {sent or 0}, "duration_ms": {milliseconds}}}'
    )


class AccessLog(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        # Gunicorn's own handlers for a file or "-" write "%(message)s", so a line can go straight to
        # their stream (logging's record and formatter cost more than the line); any other set-up
        # (syslog, a logging configuration) is left to logging. A reopen (USR1) swaps the stream.
        handlers = self.access_log.handlers
        direct = handlers and all(
            type(handler) in (logging.StreamHandler, logging.FileHandler) for handler in handlers
        )
        self.direct_handlers = tuple(handlers) if direct else None

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        self.write(
            access_line(
                now=time.time(),
                method=environ.get("REQUEST_METHOD", "-"),
                path=environ.get("PATH_INFO", ""),
                status=resp.status,
                sent=getattr(resp, "sent", 0),
                duration=request_time,
            )
        )

    def write(self, line):
        if self.direct_handlers is None:
            self.access_log.info(line)
            return
        for handler in self.direct_handlers:
            with handler.lock:
                if handler.stream is None:  # closed by the app's logging set-up; logging reopens it too
                    handler.stream = handler._open()
                handler.stream.write(line + "\n")
                handler.stream.flush()
