"""Clinic teams in the admin's Settings: which clinics each staff member works at, for admins only."""

from wagtail.admin.viewsets.model import ModelViewSet

from .models import ClinicMembership


class ClinicTeamViewSet(ModelViewSet):
    """Add or remove a staff member from a clinic's team; the model's own permissions (superusers by
    default) decide who may, since a membership decides which patients someone sees."""

    model = ClinicMembership
    icon = "group"
    menu_label = "Clinic teams"
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["user", "clinic"]
    list_display = ["user", "clinic"]
    list_filter = ["clinic"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "clinic__title"]
    search_backend_name = None


clinic_team_viewset = ClinicTeamViewSet("clinic_teams", url_prefix="clinic-teams")
