/* curriculum quiz: self-check scoring, per-item feedback and saved progress (no network, no dependencies). */
(function () {
  "use strict";
  var PREFIX = "curriculum:v1:quiz:", BAD = "curriculum:v1:quarantine:";

  function fnv(s) { /* 32-bit FNV-1a, mirrors curriculum.questions.base.fnv1a (ids are ASCII) */
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

  /* One handler per question type (the fieldset's data-type), as curriculum/questions/ has one module each.
     answer: the learner's answer as stored (ids; null while unanswered); restore: put a saved answer back
     (false if it does not fit the question); judge: which parts are right ({shown: ids whose feedback shows,
     marks: [element, right], detail: a sentence}); clear and lock. k(token) is the hash of a right part. */
  var CHOICE = {
    answer: function (fs) {
      var s = all(fs, "input").filter(function (i) { return i.checked; }).map(function (i) { return i.value; }).sort();
      return s.length ? s : null;
    },
    restore: function (fs, tokens) {
      var inputs = all(fs, "input"), values = inputs.map(function (i) { return i.value; });
      inputs.forEach(function (i) { i.checked = tokens.indexOf(i.value) >= 0; });
      return tokens.length > 0 && tokens.every(function (t) { return values.indexOf(t) >= 0; });
    },
    judge: function (fs, tokens, k, S, ok) {
      /* the chosen choices are marked; a multiple-answer question also says how many right ones were found */
      var marks = [], found = 0, right = 0, wrong = 0, multiple = fs.getAttribute("data-type") === "multiple";
      all(fs, "input").forEach(function (i) {
        var good = multiple ? k(i.value + "|1") === i.getAttribute("data-k") : ok;
        if (multiple && good) right++;
        if (!i.checked) return;
        if (good) found++; else wrong++;
        marks.push([i.parentNode.querySelector(".cur-mark"), good]);
      });
      return { shown: tokens, marks: marks,
               detail: multiple ? fmt(S.count_choices, { found: found, right: right, wrong: wrong }) : "" };
    },
    clear: function (fs) { all(fs, "input").forEach(function (i) { i.checked = false; }); },
    lock: function (fs, on) { all(fs, "input").forEach(function (i) { i.disabled = on; }); }
  };

  var MATCHING = {
    answer: function (fs) {
      var out = [];
      for (var n = 0, s = all(fs, "select"); n < s.length; n++) {
        if (!s[n].value) return null;
        out.push(s[n].getAttribute("data-premise") + "." + s[n].value);
      }
      return out.sort();
    },
    restore: function (fs, tokens) {
      var chosen = {}, ok = true;
      tokens.forEach(function (t) { var p = String(t).split("."); if (p.length === 2) chosen[p[0]] = p[1]; });
      all(fs, "select").forEach(function (s) {
        var want = chosen[s.getAttribute("data-premise")];
        var known = all(s, "option").some(function (o) { return o.value && o.value === want; });
        s.value = known ? want : "";
        if (!known) ok = false;
      });
      return ok && tokens.length === all(fs, "select").length;
    },
    judge: function (fs, tokens, k, S) {
      var shown = [], marks = [], right = 0, selects = all(fs, "select");
      selects.forEach(function (s) {
        var premise = s.getAttribute("data-premise"), ok = k(premise + "." + s.value) === s.getAttribute("data-k");
        if (ok) { right++; shown.push(premise); }
        marks.push([fs.querySelector("#mark-" + s.id.replace(/([^\w-])/g, "\\$1")), ok]);
      });
      return { shown: shown, marks: marks, detail: fmt(S.count_pairs, { right: right, total: selects.length }) };
    },
    clear: function (fs) { all(fs, "select").forEach(function (s) { s.value = ""; }); },
    lock: function (fs, on) { all(fs, "select").forEach(function (s) { s.disabled = on; }); }
  };

  function items(fs) { return all(fs, ".cur-item"); }
  function ids(fs) { return items(fs).map(function (li) { return li.getAttribute("data-item"); }); }
  function arrange(fs, order) {   /* put the items in `order` (ids); false unless it is a permutation of them */
    var list = fs.querySelector(".cur-order"), byId = {};
    items(fs).forEach(function (li) { byId[li.getAttribute("data-item")] = li; });
    var known = ids(fs);
    if (order.length !== known.length || order.some(function (id, n) { return !byId[id] || order.indexOf(id) !== n; })) return false;
    order.forEach(function (id) { list.appendChild(byId[id]); });
    edges(fs);
    return true;
  }
  function edges(fs) {   /* the first item cannot move up, the last not down: said, not hidden (focus stays) */
    var li = items(fs);
    li.forEach(function (item, n) {
      item.querySelector(".cur-up").setAttribute("aria-disabled", n === 0 ? "true" : "false");
      item.querySelector(".cur-down").setAttribute("aria-disabled", n === li.length - 1 ? "true" : "false");
    });
  }
  var ORDERING = {
    answer: function (fs) { return ids(fs); },     /* the order shown is always an answer */
    restore: function (fs, tokens) { return arrange(fs, tokens.map(String)); },
    judge: function (fs, tokens, k, S) {
      var shown = [], marks = [], right = 0, li = items(fs);
      li.forEach(function (item, n) {
        var id = item.getAttribute("data-item"), ok = k(id + "@" + (n + 1)) === item.getAttribute("data-k");
        if (ok) { right++; shown.push(id); }
        marks.push([item.querySelector(".cur-mark"), ok]);
      });
      return { shown: shown, marks: marks, detail: fmt(S.count_positions, { right: right, total: li.length }) };
    },
    clear: function (fs) {
      var initial = fs.querySelector(".cur-order").getAttribute("data-initial");
      if (initial) arrange(fs, initial.split(","));
      fs.querySelector(".cur-live").textContent = "";
    },
    lock: function (fs, on) { all(fs, ".cur-moves button").forEach(function (b) { b.disabled = on; }); },
    init: function (fs, S) {
      fs.querySelector(".cur-order").setAttribute("data-initial", ids(fs).join(","));
      edges(fs);
      all(fs, ".cur-moves button").forEach(function (button) {
        button.addEventListener("click", function () {
          if (button.getAttribute("aria-disabled") === "true" || button.disabled) return;
          var item = button.closest(".cur-item"), list = item.parentNode, li = items(fs), n = li.indexOf(item);
          var to = button.classList.contains("cur-up") ? n - 1 : n + 1;
          if (to < 0 || to >= li.length) return;
          list.insertBefore(item, to < n ? li[to] : li[to].nextSibling);
          edges(fs);
          button.focus();
          fs.querySelector(".cur-live").textContent = fmt(S.moved, {
            item: item.querySelector(".cur-item-text").textContent, position: to + 1, total: li.length });
        });
      });
    }
  };
  var KINDS = { single: CHOICE, multiple: CHOICE, true_false: CHOICE, matching: MATCHING, ordering: ORDERING };
  function kind(fs) { return KINDS[fs.getAttribute("data-type")] || CHOICE; }

  function mark(el, ok, S) {
    if (!el) return;
    el.classList.remove("cur-right", "cur-wrong");
    if (ok === null) { el.textContent = ""; return; }
    el.classList.add(ok ? "cur-right" : "cur-wrong");
    el.textContent = ok ? "✓ " + S.item_right : "✗ " + S.item_wrong;
  }

  function reset(root) {
    all(root, ".cur-q").forEach(function (fs) {
      var k = kind(fs);
      fs.classList.remove("cur-ok", "cur-bad");
      k.clear(fs); k.lock(fs, false);
      all(fs, ".cur-mark").forEach(function (m) { mark(m, null); });
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
    qs.forEach(function (fs) {
      var a = kind(fs).answer(fs);
      if (a === null) missing++; else answers[fs.getAttribute("data-q")] = a;
    });
    if (missing) {
      if (!quiet) { score.textContent = fmt(strings.unanswered, { count: missing }); score.focus(); }
      return;
    }
    qs.forEach(function (fs) {
      var q = fs.getAttribute("data-q"), s = answers[q], k = kind(fs);
      var ok = fnv(id + "|" + q + "|" + s.join(",")) === fs.getAttribute("data-key");
      if (ok) right++;
      fs.classList.toggle("cur-ok", ok); fs.classList.toggle("cur-bad", !ok);
      var judged = k.judge(fs, s, function (token) { return fnv(id + "|" + q + "|" + token); }, strings, ok);
      judged.marks.forEach(function (m) { mark(m[0], m[1], strings); });
      fs.querySelector(".cur-result").textContent = ok ? strings.correct :
        strings.incorrect + (judged.detail ? " " + judged.detail : "");
      all(fs, ".cur-fb").forEach(function (p) {
        p.hidden = judged.shown.indexOf(p.getAttribute("data-choice") || p.getAttribute("data-item")) < 0;
      });
      fs.querySelector(".cur-after").hidden = false;
      k.lock(fs, true);
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
    all(root, ".cur-q").forEach(function (fs) { var k = kind(fs); if (k.init) k.init(fs, strings); });
    var form = root.querySelector("form");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); grade(root, strings, false); });
    root.querySelector(".cur-retry").addEventListener("click", function () {
      reset(root);
      try { window.localStorage.removeItem(PREFIX + root.getAttribute("data-quiz")); } catch (e) { /* ignore */ }
      var first = root.querySelector("input, select, .cur-moves button"); if (first) first.focus();
    });
    var saved = load(root.getAttribute("data-quiz"));
    if (!saved) return;
    var complete = true;   /* a saved answer that no longer fits its question (the quiz was edited): not graded */
    all(root, ".cur-q").forEach(function (fs) {
      var picked = saved.answers[fs.getAttribute("data-q")];
      if (!Array.isArray(picked) || !kind(fs).restore(fs, picked)) complete = false;
    });
    if (complete) grade(root, strings, true);
  }

  /* `ids` in a shuffled order seeded by (a, b, attempt): mirrors curriculum.questions.base.display_order
     (Fisher–Yates over mulberry32 seeded with FNV-1a; a shuffle that gives `ids` back is rotated by one). */
  function order(ids, a, b, attempt, plain) {   /* plain: no rotation (a draw from a pool) */
    var state = parseInt(fnv(a + "|" + b + "|" + (attempt || "")), 16);
    function rand() {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
      t = (t ^ (t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0))) >>> 0;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    var out = ids.slice();
    for (var i = out.length - 1; i > 0; i--) { var j = Math.floor(rand() * (i + 1)), x = out[i]; out[i] = out[j]; out[j] = x; }
    if (!plain && out.length > 1 && out.every(function (v, n) { return v === ids[n]; })) out = out.slice(1).concat(out.slice(0, 1));
    return out;
  }
  /* for assessment.js: the same answer handlers, hashes and marks on the exam and pre/post pages */
  window.CurriculumQuiz = { kinds: KINDS, kind: kind, fnv: fnv, fmt: fmt, all: all, mark: mark, order: order };

  function start() { all(document, ".cur-quiz").forEach(init); }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
