// Progressive enhancement of the preferred times: where the form asks which clinic, only the
// chosen clinic's times are shown, and the others' are disabled so that they are not sent.
// Without JavaScript every list is shown under its clinic's name and the server checks the times
// against the clinic chosen.
for (const times of document.querySelectorAll("[data-preferred-times]")) {
  const form = times.closest("form");
  const clinics = form ? form.querySelectorAll('input[name="clinic"]') : [];
  const show = () => {
    const chosen = form.querySelector('input[name="clinic"]:checked')?.value;
    let any = false;
    for (const list of times.querySelectorAll("[data-times-for]")) {
      const serves = list.dataset.timesFor.split(" ");
      const shown = !chosen || !list.dataset.timesFor || serves.includes(chosen);
      list.hidden = !shown;
      for (const input of list.querySelectorAll("input")) input.disabled = !shown;
      any ||= shown;
    }
    times.hidden = !any;
  };
  for (const clinic of clinics) clinic.addEventListener("change", show);
  if (clinics.length) show();
}
