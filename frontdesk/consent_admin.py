"""The consent wording in the admin: read every version, add a new one, never change or delete one.

Registered from FrontdeskConfig.ready (register_snippet), beside the front desk's other admin screens.
"""

from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from leads.models import ConsentVersion


class AppendOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody, not even a superuser, may change or delete a version: leads point at its words."""

    FORBIDDEN = frozenset({"change", "delete", "publish", "lock", "unlock"})

    def user_has_permission(self, user, action):
        return action not in self.FORBIDDEN and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [action for action in actions if action not in self.FORBIDDEN]
        )


class ConsentVersionCreateView(CreateView):
    """A new version starts from the current words in the site's default language, the source a
    translation is made from, and records who wrote it."""

    def get_initial_form_instance(self):
        return ConsentVersion(text=ConsentVersion.objects.current().text)

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class ConsentVersionViewSet(SnippetViewSet):
    model = ConsentVersion
    icon = "lock"
    menu_label = "Consent wording"
    add_to_admin_menu = False
    list_display = ["number", "language", "first_words", "created_at", "created_by"]
    list_filter = ["language"]
    inspect_view_enabled = True
    inspect_view_fields = ["number", "language", "text", "created_at", "created_by"]
    add_view_class = ConsentVersionCreateView
    panels = [FieldPanel("language"), FieldPanel("text")]
