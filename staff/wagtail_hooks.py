from django.urls import include, path, reverse
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn.views import BeginCredentialAuthenticationView
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .viewsets import clinic_team_viewset

# django-otp-webauthn's scripts find these by their names in its own namespace.
passkey_urls = [
    path(
        "registration/begin/", views.BeginPasskeyRegistration.as_view(), name="credential-registration-begin"
    ),
    path(
        "registration/complete/",
        views.CompletePasskeyRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        views.CompletePasskeyVerification.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]


@hooks.register("register_admin_urls")
def register_staff_urls():
    return [
        path("two-factor/", views.account, name="staff_two_factor"),
        path("two-factor/verify/", views.verify, name="staff_verify"),
        path("two-factor/enrol/", views.enrol, name="staff_enrol"),
        path(
            "two-factor/passkeys/<int:passkey_id>/remove/", views.remove_passkey, name="staff_remove_passkey"
        ),
        path("two-factor/passkeys/", include((passkey_urls, "otp_webauthn"))),
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
        "help_text": "Authenticator app, recovery codes and passkeys",
    }


@hooks.register("register_admin_viewset")
def register_clinic_team_viewset():
    return clinic_team_viewset
