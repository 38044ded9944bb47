"""The Clinicians group, a 'Clinical review' step they approve, and a workflow that uses it.

The workflow is not assigned to any page: the practice assigns it to its treatments and articles.
Clinicians approve the clinical content; the publishing step stays with Wagtail's Moderators, so
clinicians need no right to publish.
"""

from django.db import migrations

GROUP = "Clinicians"
TASK = "Clinical review"


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ClinicalReviewTask = apps.get_model("team", "ClinicalReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    group, _ = Group.objects.get_or_create(name=GROUP)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access:
        group.permissions.add(admin_access)

    if ClinicalReviewTask.objects.filter(name=TASK).exists():
        return
    # Historical models do not set Wagtail's polymorphic content type themselves.
    content_type, _ = ContentType.objects.get_or_create(app_label="team", model="clinicalreviewtask")
    task = ClinicalReviewTask.objects.create(name=TASK, content_type=content_type, active=True)
    task.groups.add(group)
    workflow = Workflow.objects.create(name=TASK, active=True)
    WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    moderators = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if moderators:
        WorkflowTask.objects.create(workflow=workflow, task_id=moderators.pk, sort_order=1)


def remove(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=TASK).delete()
    apps.get_model("team", "ClinicalReviewTask").objects.filter(name=TASK).delete()
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("team", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, remove)]
