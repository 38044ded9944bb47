from wagtail import hooks

from .feed import NEW_LINK_ACTION
from .viewsets import consultation_availability_viewset


@hooks.register("register_admin_viewset")
def register_consultation_availability_viewset():
    return consultation_availability_viewset


@hooks.register("register_log_actions")
def register_calendar_feed_actions(actions):
    actions.register_action(
        NEW_LINK_ACTION,
        "New calendar feed link",
        "Made a new calendar feed link: the old one stopped working",
    )
