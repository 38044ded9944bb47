from django import forms


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=32,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )
