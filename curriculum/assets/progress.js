/* curriculum course progress: reads saved quiz results (this browser only) and offers a printable certificate. */
(function () {
  "use strict";
  var PREFIX = "curriculum:v1:quiz:", LEARNER = "curriculum:v1:learner";

  function fmt(t, o) { return String(t).replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function result(quiz) {
    try {
      var d = JSON.parse(window.localStorage.getItem(PREFIX + quiz));
      return d && d.v === 1 && typeof d.passed === "boolean" ? d : null;
    } catch (e) { return null; }
  }
  /* Dates and percentages as the pages write them: the locale (BCP 47) and the percent pattern come from the
     page (data-strings: locale, percent), from the same CLDR data the generator formats with. */
  function day(iso, locale) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return "";
    try { return d.toLocaleDateString(locale, { year: "numeric", month: "long", day: "numeric" }); }
    catch (e) { return d.toISOString().slice(0, 10); }
  }

  function init(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var S = {};
    try { S = JSON.parse(root.getAttribute("data-strings")) || {}; } catch (e) { /* keep keys */ }
    var locale = S.locale || root.getAttribute("data-lang") || "en";
    function pct(n) { return fmt(S.percent || "{n}", { n: n }); }
    var passed = 0, items = all(root, ".cur-progress-list li"), last = "";
    items.forEach(function (li) {
      var r = result(li.getAttribute("data-quiz")), status = li.querySelector(".cur-status");
      var ok = !!(r && r.passed);
      status.textContent = !r ? S.status_not_started : ok ? S.status_passed + " (" + pct(r.percent) + ")" : S.status_not_passed;
      li.classList.toggle("cur-done", ok);
      if (ok) { passed++; if (String(r.at) > last) last = String(r.at); }
      var row = root.querySelector('.cur-cert-modules tr[data-quiz="' + li.getAttribute("data-quiz") + '"]');
      if (row && r) { row.querySelector(".cur-cert-score").textContent = pct(r.percent); row.querySelector(".cur-cert-date").textContent = day(r.at, locale); }
    });
    root.querySelector(".cur-progress-summary").textContent = fmt(S.progress_summary, { passed: passed, total: items.length });
    var complete = items.length > 0 && passed === items.length;
    root.querySelector(".cur-cert-locked").hidden = complete;
    var panel = root.querySelector(".cur-cert-panel");
    panel.hidden = !complete;
    if (!complete) return;
    root.querySelector(".cur-cert-completed").textContent = day(last, locale);
    var form = root.querySelector(".cur-cert-form"), saved = {};
    try { saved = JSON.parse(window.localStorage.getItem(LEARNER)) || {}; } catch (e) { saved = {}; }
    all(form, "input").forEach(function (input) {
      if (typeof saved[input.name] === "string") input.value = saved[input.name];
      input.addEventListener("input", fill);
    });
    function fill() {
      var v = {};
      all(form, "input").forEach(function (input) { v[input.name] = input.value.trim(); });
      try { window.localStorage.setItem(LEARNER, JSON.stringify(v)); } catch (e) { /* private mode */ }
      var track = root.querySelector(".cur-cert-facts dd").textContent;
      root.querySelector(".cur-cert-body").textContent = fmt(S.cert_body, { name: v.name || "________________", track: track });
      root.querySelector(".cur-cert-learner-id").textContent = v["learner-id"] || "—";
      root.querySelector(".cur-cert-org").textContent = v.org || "—";
      root.querySelector(".cur-cert-place").textContent = v.place || "—";
    }
    fill();
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!form.checkValidity()) { form.reportValidity(); return; }
      fill();
      document.documentElement.classList.add("cur-printing-certificate");
      window.print();
      document.documentElement.classList.remove("cur-printing-certificate");
    });
  }

  function start() { all(document, ".cur-progress").forEach(init); }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
