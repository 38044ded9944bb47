// Progressive enhancement of the consultation form; the form works the same without it.
// A random key per page view: cached pages share their server-made token between visitors,
// this key keeps one visitor's double click one request without merging two visitors.
const randomKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");

for (const form of document.querySelectorAll("form[data-consultation-form]")) {
  const key = form.querySelector('input[name="client_key"]');
  if (key && !key.value) key.value = randomKey();
  form.addEventListener("submit", (event) => {
    if (form.dataset.sending) event.preventDefault();
    form.dataset.sending = "yes";
  });
  // Coming back with the Back button restores the page as it was: let it be sent again.
  window.addEventListener("pageshow", () => delete form.dataset.sending);
}

document.getElementById("consultation-errors")?.focus();
