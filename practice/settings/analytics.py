"""Page views counted without cookies (analytics/, docs/data-protection.md#page-views)."""

from .environment import env

# Off: no page view is counted (the benchmark compares the cached page's rate both ways).
ANALYTICS_ENABLED = env.bool("ANALYTICS_ENABLED", default=True)
# Each process keeps its counts in memory and writes them this often: a crash loses at most this
# many seconds of one process's counts. 0 starts no writer (tests flush when they choose).
ANALYTICS_FLUSH_SECONDS = env.int("ANALYTICS_FLUSH_SECONDS", default=10)
