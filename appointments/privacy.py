"""A lead's consultation times in the export of one person's data (leads.privacy).

Neither holds anything that identifies the patient, so erasing the lead leaves them as they are:
what is left is a time slot, not personal data."""


def appointments_of(lead):
    return [
        {
            "starts_at": appointment.starts_at.isoformat(),
            "ends_at": appointment.ends_at.isoformat(),
            "state": appointment.get_state_display(),
            "booked_at": appointment.created_at.isoformat(),
        }
        for appointment in lead.appointments.all()
    ]


def proposed_times_of(lead):
    return [slot.starts_at.isoformat() for slot in lead.proposed_slots.all()]
