// Progressive enhancement of the treatment list: where the form asks which clinic, the list shows
// only what the chosen clinic offers, the treatments no clinic lists yet and the one already
// chosen, and says so when it changes. The server writes which clinics list each treatment
// (data-clinics) and hides what the clinic it knows of does not offer; this script only compares.
// Without JavaScript the server's list stands, and it refuses a treatment the clinic does not offer.
const offeredAt = (option, clinic) => !option.dataset.clinics || option.dataset.clinics.split(" ").includes(clinic);

for (const list of document.querySelectorAll("select[data-treatment-list]")) {
  const form = list.closest("form");
  const note = form.querySelector("[data-treatment-note]");
  const follow = (announce) => {
    const clinic = form.querySelector('input[name="clinic"]:checked');
    if (!clinic) return;
    for (const option of list.options) {
      const shown = option.selected || offeredAt(option, clinic.value);
      option.hidden = !shown;
      option.disabled = !shown;
    }
    for (const group of list.querySelectorAll("optgroup")) {
      group.hidden = Array.from(group.children).every((option) => option.hidden);
    }
    const chosen = list.selectedOptions[0];
    const words = (text) =>
      text.replace("{clinic}", clinic.labels[0].textContent.trim()).replace("{treatment}", chosen.text);
    if (chosen && !offeredAt(chosen, clinic.value)) note.textContent = words(note.dataset.notOffered);
    else note.textContent = announce ? words(note.dataset.listed) : "";
  };
  for (const clinic of form.querySelectorAll('input[name="clinic"]')) {
    clinic.addEventListener("change", () => follow(true));
  }
  list.addEventListener("change", () => follow(false));
  follow(false);
}
