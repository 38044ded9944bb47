// The two-factor page lists the account's passkeys: show a new one as soon as it is added.
// (django-otp-webauthn's own script, loaded beside this one, runs the ceremony and fires the event.)
document.addEventListener("otp_webauthn.register_complete", () => window.location.reload());
