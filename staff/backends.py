"""An authentication backend that refuses a username locked by the per-username limit."""

from django.core.exceptions import PermissionDenied

from .lockout import is_username_locked


class UsernameLockoutBackend:
    """Before ModelBackend: stops authentication of a locked username before any password check.

    It never logs anyone in. Raising PermissionDenied ends the search through the other backends;
    staff.middleware.UsernameLockoutMiddleware then answers 429, as axes does for its own lock.
    """

    def authenticate(self, request, username=None, **kwargs):
        if is_username_locked(username):
            if request is not None:
                request.staff_username_locked = True
            raise PermissionDenied
        return None

    def get_user(self, user_id):
        return None
