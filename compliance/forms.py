"""The page editor's form, which shows a blocking advertising-rule finding on the field it is about."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError

from .services import blocking_findings


class AdvertisingRulesPageForm(WagtailAdminPageForm):
    """Publishing content that breaks a blocking rule is a form error on the field, or on the
    StreamField block, that holds the words; the editor's text stays in the form to reword.

    Saving a draft is never refused (the rules apply to what the public reads), and warnings are
    still told as messages after saving (wagtail_hooks).
    """

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the edited values
        if self.is_publishing:
            for field, error in self.publishing_errors().items():
                self.add_error(field, error)

    @property
    def is_publishing(self):
        return bool(self.data.get("action-publish"))

    def publishing_errors(self):
        """{form field or None: ValidationError} for the blocking findings in the edited page."""
        messages, block_messages = {}, {}
        for finding in blocking_findings(self.instance):
            # Words in an inline child's field have no field of their own in this form.
            field = finding.field if finding.field in self.fields else None
            message = f"Cannot be published: {finding}"
            if field and finding.block is not None:
                block_messages.setdefault(field, {}).setdefault(finding.block, []).append(message)
            else:
                messages.setdefault(field, []).append(message)
        errors = {field: ValidationError(field_messages) for field, field_messages in messages.items()}
        for field, blocks in block_messages.items():
            # A StreamField shows one error, whose parts sit on the blocks they name.
            errors[field] = StreamBlockValidationError(
                block_errors={index: ValidationError(texts) for index, texts in blocks.items()}
            )
        return errors
