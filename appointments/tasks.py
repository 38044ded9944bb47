"""Background tasks of the appointments app, run by the leads worker (`db_worker --backend leads
--queue-name leads`), so a deployment needs no new process."""

from django_tasks import task

from .delivery import appointment_email_send


@task(backend="leads", queue_name="leads")
def send_appointment_email(email_id):
    """Send one appointment email; its only argument is the email's id, never personal data."""
    return appointment_email_send(email_id=email_id)
