/* curriculum quiz: self-check scoring, feedback and saved progress (no network, no dependencies). */
(function () {
  "use strict";
  var PREFIX = "curriculum:v1:quiz:", BAD = "curriculum:v1:quarantine:";

  function fnv(s) { /* 32-bit FNV-1a, mirrors curriculum.render.fnv1a */
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return ("0000000" + h.toString(16)).slice(-8);
  }
  function fmt(t, o) { return String(t).replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }

  function load(id) {
    var raw = null;
    try { raw = window.localStorage.getItem(PREFIX + id); } catch (e) { return null; }
    if (raw === null) return null;
    try {
      var d = JSON.parse(raw);
      if (d && d.v === 1 && d.answers && typeof d.answers === "object" && !Array.isArray(d.answers)) return d;
    } catch (e) { /* fall through: set the bad value aside */ }
    try { window.localStorage.setItem(BAD + id, raw); window.localStorage.removeItem(PREFIX + id); } catch (e) { /* ignore */ }
    return null;
  }
  function save(id, d) { try { window.localStorage.setItem(PREFIX + id, JSON.stringify(d)); } catch (e) { /* private mode */ } }
  function selection(fs) { return all(fs, "input").filter(function (i) { return i.checked; }).map(function (i) { return i.value; }).sort(); }

  function reset(root) {
    all(root, ".cur-q").forEach(function (fs) {
      fs.classList.remove("cur-ok", "cur-bad");
      all(fs, "input").forEach(function (i) { i.checked = false; i.disabled = false; });
      fs.querySelector(".cur-result").textContent = "";
      var after = fs.querySelector(".cur-after");
      if (!root.hasAttribute("data-facilitator")) after.hidden = true;
      all(fs, ".cur-fb").forEach(function (p) { p.hidden = true; });
    });
    root.querySelector(".cur-score").textContent = "";
    root.querySelector(".cur-retry").hidden = true;
  }

  function grade(root, strings, quiet) {
    var id = root.getAttribute("data-quiz"), qs = all(root, ".cur-q"), answers = {}, missing = 0, right = 0;
    var score = root.querySelector(".cur-score");
    qs.forEach(function (fs) { var s = selection(fs); answers[fs.getAttribute("data-q")] = s; if (!s.length) missing++; });
    if (missing) {
      if (!quiet) { score.textContent = fmt(strings.unanswered, { count: missing }); score.focus(); }
      return;
    }
    qs.forEach(function (fs) {
      var s = answers[fs.getAttribute("data-q")];
      var ok = fnv(id + "|" + fs.getAttribute("data-q") + "|" + s.join(",")) === fs.getAttribute("data-key");
      if (ok) right++;
      fs.classList.toggle("cur-ok", ok); fs.classList.toggle("cur-bad", !ok);
      fs.querySelector(".cur-result").textContent = ok ? strings.correct : strings.incorrect;
      all(fs, ".cur-fb").forEach(function (p) { p.hidden = s.indexOf(p.getAttribute("data-choice")) < 0; });
      fs.querySelector(".cur-after").hidden = false;
      all(fs, "input").forEach(function (i) { i.disabled = true; });
    });
    var pct = Math.round(100 * right / qs.length), passed = pct >= Number(root.getAttribute("data-pass"));
    /* the percent pattern ("{n}%") comes with the strings: the locale's, never written here */
    var percent = fmt(strings.percent || "{n}", { n: pct });
    score.textContent = fmt(strings.score, { score: right, total: qs.length, percent: percent }) + " " +
      (passed ? strings.passed : strings.not_passed);
    root.classList.toggle("cur-passed", passed);
    var retry = root.querySelector(".cur-retry");
    retry.hidden = false;
    var result = { v: 1, answers: answers, score: right, total: qs.length, percent: pct, passed: passed,
                   at: new Date().toISOString() };
    save(id, result);
    /* for embedders (SCORM runtime, course progress): one event per graded quiz */
    document.dispatchEvent(new CustomEvent("curriculum:graded", { detail: { quiz: id, result: result, restored: !!quiet } }));
    if (!quiet) score.focus();
  }

  function init(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var strings = {};
    try { strings = JSON.parse(root.getAttribute("data-strings")) || {}; } catch (e) { /* keep defaults */ }
    var form = root.querySelector("form");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); grade(root, strings, false); });
    root.querySelector(".cur-retry").addEventListener("click", function () {
      reset(root);
      try { window.localStorage.removeItem(PREFIX + root.getAttribute("data-quiz")); } catch (e) { /* ignore */ }
      var first = root.querySelector("input"); if (first) first.focus();
    });
    var saved = load(root.getAttribute("data-quiz"));
    if (!saved) return;
    all(root, ".cur-q").forEach(function (fs) {
      var picked = saved.answers[fs.getAttribute("data-q")];
      if (!Array.isArray(picked)) return;
      all(fs, "input").forEach(function (i) { i.checked = picked.indexOf(i.value) >= 0; });
    });
    grade(root, strings, true);
  }

  function start() { all(document, ".cur-quiz").forEach(init); }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
