// PurgeCSS settings for scripts/build_css.sh, which runs from the repository root and passes
// CRISPY_TEMPLATES: crispy-bootstrap5's templates, through which the consultation form renders
// (form-control, is-invalid, invalid-feedback, form-check...).
module.exports = {
  // Left to right, and right to left for languages such as Arabic (templates/base.html picks one).
  css: ["assets/vendor/bootstrap/bootstrap.min.css", "assets/vendor/bootstrap/bootstrap.rtl.min.css"],
  // Where our classes come from: templates, Python that sets classes (crispy layouts and widget
  // attrs in forms, blocks, template tags) and our scripts. No class safelist: no Bootstrap class
  // is assembled from pieces at run time, so every one appears whole in these files.
  content: [
    "templates/**/*.html",
    "*/templates/**/*.html",
    `${process.env.CRISPY_TEMPLATES}/**/*.html`,
    "*/forms.py",
    "*/blocks.py",
    "*/templatetags/*.py",
    "static/**/*.js",
  ],
  // The front desk's screens live in the Wagtail admin, which never loads the site's Bootstrap:
  // their templates and forms would only keep rules no public page uses.
  skippedContentGlobs: ["frontdesk/**", "templates/frontdesk/**"],
  // An input's type (radio, email, file...) comes from Django's widget classes, not from any
  // template, so rules such as .form-check-input[type=radio] (round radio buttons) must stay.
  dynamicAttributes: ["type"],
};
