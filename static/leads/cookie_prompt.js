// The attribution cookie prompt (templates/leads/includes/cookie_prompt.html). The markup is the
// same in every cached page; this shows it while the visitor has made no choice, and sends the
// choice with this page's address and referrer, so accepting on the landing page records it.
const prompt = document.querySelector("[data-cookie-prompt]");
const chosen = (name) => document.cookie.split("; ").some((cookie) => cookie.startsWith(`${name}=`));

// The prompt floats over the bottom of the page; the page keeps that much room free, so the
// control that has focus is always scrolled clear of it (WCAG 2.4.11) and the footer can be reached.
const reserveRoom = () => {
  const height = prompt.hidden ? 0 : prompt.offsetHeight;
  document.documentElement.style.setProperty("--cookie-prompt-height", `${height}px`);
};

if (prompt && !chosen(prompt.dataset.choiceCookie)) {
  const form = prompt.querySelector("form");
  prompt.hidden = false;
  reserveRoom();
  window.addEventListener("resize", reserveRoom);
  // Chromium scrolls a focused control only when it is off screen, ignoring the room kept free:
  // a tall one (the message box) could stay half under the prompt. Scroll it clear.
  document.addEventListener("focusin", (event) => {
    if (prompt.hidden || prompt.contains(event.target)) return;
    if (event.target.getBoundingClientRect().bottom > window.innerHeight - prompt.offsetHeight) {
      event.target.scrollIntoView({ block: "nearest" });
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = new URLSearchParams({
      choice: event.submitter?.value || "refused",
      landing: window.location.href,
      referrer: document.referrer,
    });
    // Focus would be lost with the hidden button: hand it to the page's main content.
    const hadFocus = prompt.contains(document.activeElement);
    prompt.hidden = true;
    reserveRoom();
    if (hadFocus) document.getElementById("main")?.focus();
    fetch(form.action, { method: "POST", body, credentials: "same-origin" });
  });
}
