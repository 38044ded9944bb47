"""Signals the gallery sends; other apps listen, so the gallery knows nothing of them."""

from django.dispatch import Signal

# Sent after commit whenever what the public may see of the gallery could have changed.
# The page cache connects its purge here, so a revoked consent never lingers in a cached page.
gallery_changed = Signal()
