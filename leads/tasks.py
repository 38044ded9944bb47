"""Background tasks of the leads app, run by `manage.py db_worker --backend leads --queue-name leads`."""

from django_tasks import task

from .delivery import lead_notify


@task(backend="leads", queue_name="leads")
def send_lead_notification(lead_id):
    """Email the practice about one lead; its only argument is the id, never personal data."""
    return lead_notify(lead_id=lead_id)
