"""Editors write pages and submit them; Moderators approve and publish them through a workflow.

Wagtail's own initial data creates similar groups, but its defaults have changed between releases
and an installation may have edited them; this migration states what this site relies on.
"""

from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW = "Moderators approval"

PAGE_PERMISSIONS = {
    EDITORS: ["add", "change"],
    MODERATORS: ["add", "change", "publish", "lock", "unlock", "bulk_delete"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: ["add", "change", "choose"],
    MODERATORS: ["add", "change", "choose", "delete"],
}
MODEL_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "admin", "access_admin")],
    MODERATORS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtailredirects", "redirect", "add_redirect"),
        ("wagtailredirects", "redirect", "change_redirect"),
        ("wagtailredirects", "redirect", "delete_redirect"),
    ],
}


def permission(apps, app_label, model, codename):
    # Django creates permissions after all migrations; on a fresh database they may not exist yet.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.removesuffix(f"_{model}").replace("_", " ")
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )
    return perm


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, MODERATORS)}
    # Permissions on the tree root reach every page of every site, including ones created later.
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name, group in groups.items():
        for app_label, model, codename in MODEL_PERMISSIONS[name]:
            group.permissions.add(permission(apps, app_label, model, codename))
        if root_page:
            for action in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=permission(apps, "wagtailcore", "page", f"{action}_page"),
                )
        if root_collection:
            for action in COLLECTION_PERMISSIONS[name]:
                for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=permission(apps, app_label, model, f"{action}_{model}"),
                    )
    # Editors submit for moderation instead of publishing.
    GroupPagePermission.objects.filter(
        group=groups[EDITORS], permission__codename__in=["publish_page", "bulk_delete_page", "unlock_page"]
    ).delete()

    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=WORKFLOW, content_type=content_type, active=True)
    task.groups.set([groups[MODERATORS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0002_treatment_details_articles_and_indexes"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, migrations.RunPython.noop)]
