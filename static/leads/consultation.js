// Progressive enhancement of the consultation form; the form works the same without it.
// A random key per page view: cached pages share their server-made token between visitors,
// this key keeps one visitor's double click one request without merging two visitors.
const randomKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");

// The page a visitor landed on (arriving from another site, or from nowhere: a bookmark, an
// email app) reports its own address and referrer with the form, so a lead shows its campaign
// even when no attribution cookie may be kept. The server classifies and checks both.
const referrerIsOurs = document.referrer && new URL(document.referrer).origin === window.location.origin;

for (const form of document.querySelectorAll("form[data-consultation-form]")) {
  const key = form.querySelector('input[name="client_key"]');
  if (key && !key.value) key.value = randomKey();
  const landing = form.querySelector('input[name="landing_url"]');
  const referrer = form.querySelector('input[name="landing_referrer"]');
  if (landing && referrer && !landing.value && !referrerIsOurs) {
    landing.value = window.location.pathname + window.location.search;
    referrer.value = document.referrer;
  }
  form.addEventListener("submit", (event) => {
    if (form.dataset.sending) event.preventDefault();
    form.dataset.sending = "yes";
  });
  // Coming back with the Back button restores the page as it was: let it be sent again.
  window.addEventListener("pageshow", () => delete form.dataset.sending);
}

document.getElementById("consultation-errors")?.focus();
