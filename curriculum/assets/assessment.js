/* curriculum assessments: a track's exam and its matched pre-test and post-test (no network, no dependencies).
 *
 * The exam: one submission per attempt, a pass mark, an optional attempt limit and time limit (a visible
 * countdown, announced politely at 10, 5 and 1 minutes; at zero the answers are submitted as they are), and
 * feedback and the correct answers only after submission, as the page's data-show says. Each attempt draws its
 * questions with its own seed (curriculum.assessments.exam_draw, mirrored here): from each objective's pool its
 * count, then all in one more seeded order; choices, responses and items are shuffled with the same seed. The
 * seed is stored with the attempt, so a reload shows the same attempt. window.CURRICULUM_SEED, if set before
 * this script runs, is the seed of the next attempt (tests; a learner gains nothing by it: the page is graded
 * here anyway). The pre-test and post-test are fixed forms, one submission each; the post-test shows the gain
 * per objective against the pre-test. Everything is stored in this browser (localStorage) under stable ids:
 * curriculum:v1:assessment:<track>:<exam|pre|post>, each answer under <quiz>--<question>. Each submission is
 * sent as a "curriculum:assessed" event (the SCORM runtime scores it again itself).
 */
(function () {
  "use strict";
  var Q = window.CurriculumQuiz;
  if (!Q) return;
  var PREFIX = "curriculum:v1:assessment:", all = Q.all, fmt = Q.fmt, fnv = Q.fnv;
  var WARN = [10, 5, 1];   /* minutes left at which the countdown is announced */

  function storeKey(track, form) { return PREFIX + track + ":" + form; }
  function load(track, form) {
    try {
      var d = JSON.parse(window.localStorage.getItem(storeKey(track, form)));
      if (d && d.v === 1 && Array.isArray(d.attempts)) return d;
    } catch (e) { /* a bad value: start afresh */ }
    return { v: 1, attempts: [] };
  }
  function save(track, form, d) {
    try { window.localStorage.setItem(storeKey(track, form), JSON.stringify(d)); } catch (e) { /* private mode */ }
  }
  function newSeed() {
    var hook = window.CURRICULUM_SEED;
    if (typeof hook === "string" && /^[0-9a-z]{1,16}$/.test(hook)) return hook;
    var b = new Uint32Array(1);
    window.crypto.getRandomValues(b);
    return ("0000000" + b[0].toString(16)).slice(-8);
  }
  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return (h ? h + ":" + two(m) : String(m)) + ":" + two(s % 60);
  }
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }

  /* the exam's questions for a seed: mirrors curriculum.assessments.exam_draw */
  function drawn(root, seed) {
    var track = root.getAttribute("data-track"), picked = [];
    JSON.parse(root.getAttribute("data-draw")).forEach(function (d) {
      var pool = all(root, ".cur-q").filter(function (fs) { return fs.getAttribute("data-objective") === d[0]; })
        .map(function (fs) { return fs.getAttribute("data-item"); });
      picked = picked.concat(Q.order(pool, "exam:" + track, d[0], seed, true).slice(0, d[1]));
    });
    return Q.order(picked, "exam:" + track, "", seed, true);
  }

  /* an attempt's own order of choices, responses and items (from the page's order, seeded by the attempt) */
  function shuffle(fs, seed) {
    var quiz = fs.getAttribute("data-quiz"), q = fs.getAttribute("data-q"), type = fs.getAttribute("data-type");
    function reorder(parent, nodes, idOf) {
      var by = {}, ids = nodes.map(function (n) { var id = idOf(n); by[id] = n; return id; });
      Q.order(ids, quiz, q, seed).forEach(function (id) { parent.appendChild(by[id]); });
    }
    if (type === "single" || type === "multiple") {
      var box = fs.querySelector(".cur-choices");
      reorder(box, all(box, ".cur-choice"), function (l) { return l.querySelector("input").value; });
    } else if (type === "matching") {
      all(fs, "select").forEach(function (s) {
        reorder(s, all(s, "option").filter(function (o) { return o.value; }), function (o) { return o.value; });
      });
    } else if (type === "ordering") {
      var list = fs.querySelector(".cur-order");
      reorder(list, all(list, ".cur-item"), function (li) { return li.getAttribute("data-item"); });
      var k = hasher(fs), items = all(list, ".cur-item");
      var solved = items.every(function (li, n) { return k(li.getAttribute("data-item") + "@" + (n + 1)) === li.getAttribute("data-k"); });
      if (solved && items.length > 1) list.appendChild(items[0]);   /* never start in the right order */
    }
  }
  function hasher(fs) {
    var prefix = fs.getAttribute("data-quiz") + "|" + fs.getAttribute("data-q") + "|";
    return function (token) { return fnv(prefix + token); };
  }

  /* the right answer of a question, worked out from the hashes the page holds (as anyone could) */
  function rightAnswer(fs) {
    var k = hasher(fs), type = fs.getAttribute("data-type"), key = fs.getAttribute("data-key");
    function label(input) { return input.parentNode.querySelector("span").textContent; }
    if (type === "multiple") {
      return all(fs, "input").filter(function (i) { return k(i.value + "|1") === i.getAttribute("data-k"); })
        .map(label).join("; ");
    }
    if (type === "single" || type === "true_false") {
      return all(fs, "input").filter(function (i) { return k(i.value) === key; }).map(label).join("; ");
    }
    if (type === "matching") {
      return all(fs, "select").map(function (s) {
        var premise = fs.querySelector('label[for="' + s.id + '"]').textContent;
        var o = all(s, "option").filter(function (opt) {
          return opt.value && k(s.getAttribute("data-premise") + "." + opt.value) === s.getAttribute("data-k");
        })[0];
        return premise + " → " + (o ? o.textContent : "");
      }).join("; ");
    }
    var items = all(fs, ".cur-item"), placed = [];
    items.forEach(function (li) {
      for (var n = 1; n <= items.length; n++) {
        if (k(li.getAttribute("data-item") + "@" + n) === li.getAttribute("data-k")) placed[n - 1] = li;
      }
    });
    return placed.map(function (li, n) { return (n + 1) + ". " + li.querySelector(".cur-item-text").textContent; }).join("; ");
  }

  function init(root) {
    if (root.getAttribute("data-ready") || root.hasAttribute("data-facilitator")) return;
    root.setAttribute("data-ready", "1");
    var S = {};
    try { S = JSON.parse(root.getAttribute("data-strings")) || {}; } catch (e) { /* keep keys */ }
    var track = root.getAttribute("data-track"), form = root.getAttribute("data-form"), exam = form === "exam";
    var limit = Number(root.getAttribute("data-attempts")) || 0, minutes = Number(root.getAttribute("data-time")) || 0;
    var pass = Number(root.getAttribute("data-pass")) || 0, show = root.getAttribute("data-show");
    var objectives = JSON.parse(root.getAttribute("data-objectives") || "{}");
    var state = load(track, form), formEl = root.querySelector(".cur-assess-form");
    var announce = root.querySelector(".cur-announce"), timer = root.querySelector(".cur-timer");
    var status = root.querySelector(".cur-score"), start = root.querySelector(".cur-start");
    var result = root.querySelector(".cur-assess-result"), retry = root.querySelector(".cur-retry");
    var current = null, ticking = null, confirmed = false, warned = {};

    function pct(n) { return fmt(S.percent || "{n}", { n: n }); }
    function shown() { return all(root, ".cur-q").filter(function (fs) { return !fs.hidden; }); }
    function last() { return state.attempts[state.attempts.length - 1] || null; }
    function submitted() { return state.attempts.filter(function (a) { return a.done; }); }
    function passedOnce() { return submitted().some(function (a) { return a.passed; }); }
    function attemptsLeft() { return !limit || submitted().length < limit; }
    function answersShown(att) {
      if (show === "never") return false;
      if (show === "after-submission") return true;
      if (exam) return att.passed || !attemptsLeft();
      return form === "post" || load(track, "post").attempts.some(function (a) { return a.done; });
    }
    function attemptsLine() {
      var used = submitted().length;
      return limit ? fmt(S.exam_attempts_used, { used: used, total: limit }) : fmt(S.exam_attempts_used_unlimited, { used: used });
    }

    /* show the attempt's questions, in its order, with its shuffle; put its answers back */
    function present(att) {
      var box = root.querySelector(".cur-questions"), byId = {};
      var ids = exam ? (att.order || drawn(root, att.seed)) : all(root, ".cur-q").map(function (fs) { return fs.getAttribute("data-item"); });
      all(root, ".cur-q").forEach(function (fs) { byId[fs.getAttribute("data-item")] = fs; fs.hidden = true; });
      ids.forEach(function (id, n) {
        var fs = byId[id];
        if (!fs) return;
        fs.hidden = false;
        box.appendChild(fs);
        fs.querySelector(".cur-q-num").textContent = S.question + " " + (n + 1) + ".";
        if (exam) shuffle(fs, att.seed);
        var k = Q.kind(fs);
        if (k.init) k.init(fs, S);
        var saved = att.answers[id];
        if (Array.isArray(saved)) k.restore(fs, saved);
      });
      formEl.hidden = false;
    }
    function answers() {
      var out = {}, missing = 0;
      shown().forEach(function (fs) {
        var a = Q.kind(fs).answer(fs);
        if (a === null) missing++; else out[fs.getAttribute("data-item")] = a;
      });
      return { answers: out, missing: missing };
    }
    function keep() {   /* answers in progress survive a reload (and the countdown goes on) */
      if (!current || current.done) return;
      current.answers = answers().answers;
      save(track, form, state);
    }

    function begin(att) {
      current = att;
      present(att);
      if (start) start.hidden = true;
      if (att.deadline) {
        timer.hidden = false;
        tick();
        ticking = window.setInterval(tick, 1000);
      }
      formEl.addEventListener("change", keep);
      formEl.addEventListener("click", function (ev) { if (ev.target.closest && ev.target.closest(".cur-moves")) keep(); });
    }
    function tick() {
      var left = current.deadline - Date.now();
      timer.textContent = fmt(S.exam_time_left, { time: clock(left) });
      WARN.forEach(function (m) {
        if (!warned[m] && minutes > m && left <= m * 60000 && left > 0) {
          warned[m] = true;
          announce.textContent = fmt(S.exam_time_warning, { minutes: m });
        }
      });
      if (left <= 0) finish(true);
    }

    function finish(timeUp) {
      if (!current || current.done) return;
      var got = answers();
      if (got.missing && !timeUp && !confirmed) {
        confirmed = true;
        status.textContent = fmt(S.exam_submit_anyway, { count: got.missing });
        status.focus();
        return;
      }
      if (ticking) { window.clearInterval(ticking); ticking = null; }
      var per = {}, right = 0, qs = shown();
      qs.forEach(function (fs) {
        var id = fs.getAttribute("data-item"), ref = fs.getAttribute("data-objective"), a = got.answers[id];
        var ok = !!a && fnv(fs.getAttribute("data-quiz") + "|" + fs.getAttribute("data-q") + "|" + a.join(",")) === fs.getAttribute("data-key");
        per[ref] = per[ref] || [0, 0];
        per[ref][1]++;
        if (ok) { right++; per[ref][0]++; }
      });
      var percent = qs.length ? Math.round(100 * right / qs.length) : 0;
      current.answers = got.answers;
      current.order = qs.map(function (fs) { return fs.getAttribute("data-item"); });
      current.done = true; current.timeUp = !!timeUp; current.at = new Date().toISOString();
      current.score = right; current.total = qs.length; current.percent = percent; current.objectives = per;
      current.passed = exam ? percent >= pass : null;
      save(track, form, state);
      timer.hidden = true;
      announce.textContent = timeUp ? S.exam_time_up : S.exam_submitted;
      status.textContent = "";
      var done = current;
      current = null;
      review(done);
      document.dispatchEvent(new CustomEvent("curriculum:assessed", { detail: {
        track: track, form: form, attempt: { n: done.n, seed: done.seed, answers: done.answers, timeUp: done.timeUp } } }));
      result.focus();
    }

    /* a submitted attempt: locked, its result per objective, and (when allowed) feedback and the right answers */
    function review(att) {
      var open = answersShown(att);
      shown().forEach(function (fs) {
        var k = Q.kind(fs), id = fs.getAttribute("data-item"), a = att.answers[id] || [];
        k.lock(fs, true);
        if (!open) return;
        var ok = !!att.answers[id] && fnv(fs.getAttribute("data-quiz") + "|" + fs.getAttribute("data-q") + "|" + a.join(",")) === fs.getAttribute("data-key");
        fs.classList.toggle("cur-ok", ok); fs.classList.toggle("cur-bad", !ok);
        var judged = k.judge(fs, a, hasher(fs), S, ok);
        judged.marks.forEach(function (m) { Q.mark(m[0], m[1], S); });
        fs.querySelector(".cur-result").textContent = ok ? S.correct : S.incorrect + (judged.detail ? " " + judged.detail : "");
        all(fs, ".cur-fb").forEach(function (p) {
          p.hidden = judged.shown.indexOf(p.getAttribute("data-choice") || p.getAttribute("data-item")) < 0;
        });
        var after = fs.querySelector(".cur-after");
        if (!after.querySelector(".cur-correct")) {
          var line = el("p"), strong = el("strong", S.correct_answer + ": ");
          line.className = "cur-correct";
          line.appendChild(strong);
          line.appendChild(document.createTextNode(rightAnswer(fs)));
          after.insertBefore(line, after.firstChild);
        }
        after.hidden = false;
      });
      root.querySelector(".cur-submit").hidden = true;
      if (start) start.hidden = true;
      fill(att, open);
    }

    function fill(att, open) {
      result.querySelector("#cur-result-title").textContent = exam ? fmt(S.exam_result, { n: att.n }) : S.pre_post_done;
      result.querySelector(".cur-result-score").textContent =
        fmt(S.score, { score: att.score, total: att.total, percent: pct(att.percent) }) +
        (exam ? " " + (att.passed ? S.passed : S.not_passed) : "");
      var body = result.querySelector(".cur-by-objective tbody");
      body.textContent = "";
      Object.keys(att.objectives).forEach(function (ref) {
        var row = el("tr"), r = att.objectives[ref];
        row.setAttribute("data-objective", ref);
        row.appendChild(el("td", objectives[ref] || ref));
        row.appendChild(el("td", r[0] + " / " + r[1]));
        body.appendChild(row);
      });
      result.querySelector(".cur-answers-note").textContent = open ? "" :
        (show === "never" ? S.exam_answers_hidden : S.exam_answers_later);
      result.querySelector(".cur-result-code").textContent = exam ? fmt(S.exam_seed, { code: att.seed }) : "";
      var left = result.querySelector(".cur-attempts-left");
      left.textContent = exam ? attemptsLine() + (!att.passed && !attemptsLeft() ? " " + S.exam_no_attempts_left : "") : "";
      retry.hidden = !exam || att.passed || !attemptsLeft();
      if (!exam) gain();
      result.hidden = false;
    }

    function gain() {   /* the learner's gain per objective: post-test minus pre-test, in percentage points */
      var pre = load(track, "pre").attempts.filter(function (a) { return a.done; })[0];
      var post = load(track, "post").attempts.filter(function (a) { return a.done; })[0];
      var table = result.querySelector(".cur-gain"), note = result.querySelector(".cur-gain-note");
      note.textContent = form === "post" && !pre ? S.pre_post_take_pre_first : "";
      table.hidden = !(pre && post);
      if (!(pre && post)) return;
      var body = table.querySelector("tbody");
      body.textContent = "";
      Object.keys(objectives).forEach(function (ref) {
        var a = pre.objectives[ref], b = post.objectives[ref];
        if (!a || !b) return;
        var before = Math.round(100 * a[0] / a[1]), after = Math.round(100 * b[0] / b[1]), d = after - before;
        var row = el("tr");
        row.setAttribute("data-objective", ref);
        row.appendChild(el("td", objectives[ref]));
        row.appendChild(el("td", pct(before)));
        row.appendChild(el("td", pct(after)));
        row.appendChild(el("td", (d > 0 ? "+" : d < 0 ? "−" : "") + Math.abs(d)));
        body.appendChild(row);
      });
    }

    formEl.addEventListener("submit", function (ev) { ev.preventDefault(); finish(false); });
    root.querySelector(".cur-attempts").textContent = exam ? attemptsLine() : "";
    function fresh() {
      var att = { n: state.attempts.length + 1, seed: exam ? newSeed() : "", started: Date.now(),
                  deadline: exam && minutes ? Date.now() + minutes * 60000 : 0, done: false, answers: {} };
      state.attempts.push(att);
      save(track, form, state);
      return att;
    }
    if (start) {
      start.addEventListener("click", function () {
        var att = fresh();
        begin(att);
        announce.textContent = fmt(S.exam_started, { n: att.n }) + (minutes ? " " + fmt(S.exam_time_warning, { minutes: minutes }) : "");
        var first = root.querySelector(".cur-q:not([hidden]) input, .cur-q:not([hidden]) select, .cur-q:not([hidden]) .cur-moves button");
        if (first) first.focus();
      });
    }
    retry.addEventListener("click", function () {
      if (!attemptsLeft() || passedOnce()) return;
      fresh();                    /* drawn with a new seed, shown by a fresh page */
      window.location.reload();
    });

    var latest = last();
    if (latest && !latest.done) {            /* an attempt under way: resume it (its time ran on) */
      begin(latest);
      if (latest.deadline && latest.deadline <= Date.now()) finish(true);
    } else if (latest && latest.done) {      /* the last submitted attempt, for review */
      present(latest);
      review(latest);
      if (start) start.hidden = true;
    } else if (!exam) {                      /* a pre-test or post-test: the form is the page */
      begin(fresh());
    }
    if (exam && start && (!attemptsLeft() || passedOnce())) start.hidden = true;
  }

  function go() { all(document, ".cur-assess").forEach(init); }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(go);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
  else go();
})();
