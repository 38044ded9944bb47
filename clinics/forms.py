"""The clinic page editor's form: a clinic's weekly hours may not overlap on any day."""

from django.core.exceptions import ValidationError

from compliance.forms import AdvertisingRulesPageForm
from practice.hours import overlapping_days


class ClinicPageForm(AdvertisingRulesPageForm):
    """Each row of hours is checked on its own (ClinicOpeningHours.clean); rows of the same day
    can only be compared once every row is valid, after the inline forms are cleaned."""

    def is_valid(self):
        valid = super().is_valid()
        if valid:
            clashes = overlapping_days(
                (row["weekday"], row["opens"], row["closes"])
                for row in self.formsets["opening_hours"].cleaned_data
                if row and not row.get("DELETE")
            )
            if clashes:
                self.add_error(None, ValidationError(f"The opening hours overlap on {', '.join(clashes)}."))
                return False
        return valid
