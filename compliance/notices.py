"""How the admin tells an editor what the advertising rules found."""

from django.contrib import messages


def report_findings(request, findings):
    """One message per finding, blocking ones first (in red): they are the ones to act on."""
    for finding in sorted(findings, key=lambda finding: not finding.blocks):
        level = messages.ERROR if finding.blocks else messages.WARNING
        messages.add_message(request, level, f"Advertising rules: {finding}")
