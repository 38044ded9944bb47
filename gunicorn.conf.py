"""Gunicorn settings for the web process: `gunicorn practice.wsgi` picks this file up by itself.

Every value can be changed from the environment (docs/deploy.md). Sizing: sync workers, 2 x cores
+ 1 (gunicorn's own advice). Most requests are page-cache hits, which practice/fastcache.py answers
in front of Django in tens of microseconds: a sync worker's plain accept-parse-answer loop serves
them faster than gthread's event loop and thread pool, which only help requests that wait (a
miss on the database, a lead POST). Measured with `make bench` on 2 cores (docs/performance.md):
the cached treatment page at 32 connections went from ~110% of bare Django (gthread, 6 x 2) to
the figures there with sync -w 5. Sync workers need a proxy in front that reads whole requests
before passing them on (docs/deploy.md); GUNICORN_THREADS above 1 switches to gthread.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Gunicorn runs the gthread worker instead when threads > 1 (for slow pages that wait on I/O).
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "sync"

# A request that takes longer than this is stuck: the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (a deploy), requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then so a slow leak in any library never grows without bound, but
# rarely: a fresh worker answers its first requests cold, and recycling every 2,000 requests
# halved cached-page throughput and put a 100-1,000 ms tail on p99 (docs/performance.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10

# The load balancer / TLS terminator in front sets X-Forwarded-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# One JSON line per request on stdout, like the application's own logs. No client address, no
# query string (it can carry what a visitor typed), no referrer, no user agent: none is needed
# to operate the site, and each is personal data.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# Written by practice/access_log.py: gunicorn's own formatter cost more than a cached page's answer.
logger_class = "practice.access_log.AccessLog"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Loading the app before forking shares its memory between workers and fails the start-up at
# once on a configuration error instead of in every worker.
preload_app = True


def when_ready(server):
    # Everything loaded before forking lives as long as the process: moving it out of the garbage
    # collector's reach keeps full collections in workers short (and its pages shared by fork).
    gc.collect()
    gc.freeze()


def worker_exit(server, worker):
    # A worker stopping (a deploy, max_requests) writes the page views it counted since its last
    # write (analytics/tally.py) in its own shutdown, before the interpreter tears down; the atexit
    # write then finds nothing left. A worker killed outright loses at most ANALYTICS_FLUSH_SECONDS.
    from analytics.tally import last_write

    last_write()
