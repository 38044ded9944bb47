from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_staff_urls():
    return [
        path("two-factor/", views.account, name="staff_two_factor"),
        path("two-factor/verify/", views.verify, name="staff_verify"),
        path("two-factor/enrol/", views.enrol, name="staff_enrol"),
        path("sign-in-locks/", views.sign_in_locks, name="staff_sign_in_locks"),
        path("sign-in-locks/<int:user_id>/unlock/", views.unlock, name="staff_unlock"),
        path(
            "sign-in-locks/<int:user_id>/reset-second-factor/",
            views.reset_second_factor,
            name="staff_reset_second_factor",
        ),
    ]


class UserAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("auth.change_user")


@hooks.register("register_settings_menu_item")
def register_sign_in_locks_menu_item():
    return UserAdminMenuItem("Sign-in locks", reverse("staff_sign_in_locks"), icon_name="lock", order=610)


@hooks.register("register_account_menu_item")
def register_two_factor_menu_item(request):
    return {
        "url": reverse("staff_two_factor"),
        "label": "Two-factor sign-in",
        "help_text": "Authenticator app and recovery codes",
    }
