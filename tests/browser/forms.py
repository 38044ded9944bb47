"""The consultation form filled in a browser the way a patient does: by its visible labels."""


def send_consultation_request(form, first_name, last_name, *, phone=None, email=None, clinic=None):
    """Fill `form` (a page, or the locator of a page's embedded form), agree and send.

    With an email and no phone the patient asks to be emailed; `clinic` names the clinic's radio
    button, which a practice with several clinics offering the treatment asks for.
    """
    form.get_by_label("First name").fill(first_name)
    form.get_by_label("Last name").fill(last_name)
    if email:
        form.get_by_role("textbox", name="Email").fill(email)
    if phone:
        form.get_by_label("Phone", exact=True).fill(phone)
    else:
        form.get_by_role("radio", name="Email").check()
    if clinic:
        form.get_by_label(clinic).check()
    form.get_by_label("I agree").check()
    form.get_by_role("button", name="Send my request").click()
