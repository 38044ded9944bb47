"""The Clinicians group and a 'Clinical review' workflow step they approve (assign it to pages to use it)."""

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
