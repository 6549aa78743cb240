/* curriculum SCORM runtime shim (SCORM 1.2 and SCORM 2004): reports the site's quizzes to the LMS.
 *
 * The same file plays two roles. In the launch page (_lms/launch.html, which loads _lms/config.js first)
 * it finds the LMS's API object, opens one session for the whole visit, shows the site in a frame and
 * reports location, the score of each quiz and of the track, pass/fail, completion, session time,
 * commit and finish. In every page of the site it hands the page's "curriculum:graded" events (sent by
 * quiz.js) to the launch page, and before quiz.js runs it puts the learner's saved answers from the LMS
 * into the page's storage. Without an LMS it does nothing: the launch page just opens the site.
 *
 * It reports only what it computed itself. A "curriculum:graded" event is a claim by a page, which any
 * script in the frame can send: of it the runtime takes only the learner's answers, checks that they fit
 * the quiz as the package knows it (config.js: each question's choices and the hash of its right answer,
 * the same hash the page itself holds), counts the right answers, and judges pass/fail with the quiz's
 * pass mark. The score, percent and verdict in the event are ignored; events for quizzes the track does
 * not have, and malformed ones, are dropped. Saved answers from cmi.suspend_data are rescored the same
 * way. Each answered question is also reported as a cmi.interactions record of its type (choice,
 * true-false, matching, sequencing) with the learner's response and whether it was right. A track without quizzes is "completed" once its first page was shown, and never "passed".
 */
(function () {
  "use strict";
  var PREFIX = "curriculum:v1:quiz:";

  /* -- in a page of the site ------------------------------------------------------------------------ */
  var config = window.CURRICULUM_SCORM;
  if (!config) {
    var host = null;
    try { if (window.parent !== window && window.parent.CurriculumSCORM) host = window.parent.CurriculumSCORM; } catch (e) { host = null; }
    if (!host) return;                                  /* not in an LMS session: the static site as is */
    host.seed(window);
    document.addEventListener("curriculum:graded", function (ev) { host.graded(ev.detail); });
    return;
  }

  /* -- in the launch page --------------------------------------------------------------------------- */
  function scan(win, name) {
    for (var n = 0; win && n < 10; n++) {
      try { if (win[name]) return win[name]; } catch (e) { return null; }   /* another origin: stop */
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  function findAPI(name) {
    var found = scan(window.parent !== window ? window.parent : null, name);
    try { if (!found && window.opener) found = scan(window.opener, name); } catch (e) { /* closed */ }
    try { if (!found && window.top && window.top.opener) found = scan(window.top.opener, name); } catch (e) { /* closed */ }
    return found;
  }

  var want = config.version === "2004" ? ["API_1484_11", "API"] : ["API", "API_1484_11"];
  var api = findAPI(want[0]), v2004 = want[0] === "API_1484_11";
  if (!api) { api = findAPI(want[1]); v2004 = !v2004; }
  var root = new URL("../", window.location.href).href;

  if (!api) { window.location.replace(root + config.start); return; }   /* no LMS: the site, as it is */

  var call = v2004 ? {
    init: function () { return api.Initialize(""); }, get: function (k) { return api.GetValue(k); },
    set: function (k, v) { return api.SetValue(k, String(v)); }, commit: function () { return api.Commit(""); },
    finish: function () { return api.Terminate(""); }
  } : {
    init: function () { return api.LMSInitialize(""); }, get: function (k) { return api.LMSGetValue(k); },
    set: function (k, v) { return api.LMSSetValue(k, String(v)); }, commit: function () { return api.LMSCommit(""); },
    finish: function () { return api.LMSFinish(""); }
  };
  var key = v2004 ? {
    location: "cmi.location", suspend: "cmi.suspend_data", exit: "cmi.exit", time: "cmi.session_time",
    raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max"
  } : {
    location: "cmi.core.lesson_location", suspend: "cmi.suspend_data", exit: "cmi.core.exit",
    time: "cmi.core.session_time", raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max"
  };

  var live = String(call.init()) === "true", started = new Date().getTime(), finished = false;
  var quizzes = config.quizzes, byId = {}, state = {}, viewed = false, interactions = 0;
  quizzes.forEach(function (q, i) { q.index = i; byId[q.id] = q; });
  var has = Object.prototype.hasOwnProperty;

  function fnv(s) { /* 32-bit FNV-1a, as quiz.js and curriculum.render.fnv1a */
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  /* The question types as the package knows them (config.js, curriculum.questions.*.scorm): a choice question
     is [id, choices, hash], a matching one [id, premises, hash, "matching", responses], an ordering one
     [id, items, hash, "ordering"]. Each type checks a stored answer (clean: the canonical answer or null),
     writes it into suspend_data (width hex digits) and reads it back, and spells it as a SCORM interaction. */
  function letter(n) { return "abcdefghijklmnopqrstuvwxyz".charAt(n); }
  var CHOICE = {
    clean: function (item, picked) {
      if (!picked.length || picked.length > item[1].length) return null;
      var list = [];
      for (var c = 0; c < picked.length; c++) {
        if (typeof picked[c] !== "string" || item[1].indexOf(picked[c]) < 0 || list.indexOf(picked[c]) >= 0) return null;
        list.push(picked[c]);
      }
      return list.sort();
    },
    width: function () { return 2; },
    encode: function (item, answer) {
      var bits = 0;
      item[1].forEach(function (choice, c) { if (answer.indexOf(choice) >= 0) bits |= 1 << c; });
      return ("0" + bits.toString(16)).slice(-2);
    },
    decode: function (item, hex) {
      var mask = parseInt(hex, 16);
      return item[1].filter(function (choice, c) { return mask & (1 << c); });
    },
    type: function (item) { return item[1].length === 2 && item[1][0] === "true" && item[1][1] === "false" ? "true-false" : "choice"; },
    response: function (item, answer) {
      if (CHOICE.type(item) === "true-false") return v2004 ? answer[0] : answer[0].charAt(0);
      return v2004 ? answer.join("[,]") : answer.map(function (id) { return letter(item[1].indexOf(id)); }).join(",");
    }
  };
  var MATCHING = {
    clean: function (item, picked) {
      if (picked.length !== item[1].length) return null;
      var seen = {}, list = [];
      for (var n = 0; n < picked.length; n++) {
        var pair = typeof picked[n] === "string" ? picked[n].split(".") : [];
        if (pair.length !== 2 || item[1].indexOf(pair[0]) < 0 || item[4].indexOf(pair[1]) < 0 || has.call(seen, pair[0])) return null;
        seen[pair[0]] = true; list.push(picked[n]);
      }
      return list.sort();
    },
    width: function (item) { return item[1].length; },
    encode: function (item, answer) {   /* per premise: 1 + the index of its response */
      return item[1].map(function (premise) {
        var pick = answer.filter(function (t) { return t.split(".")[0] === premise; })[0];
        return (pick ? item[4].indexOf(pick.split(".")[1]) + 1 : 0).toString(16);
      }).join("");
    },
    decode: function (item, hex) {
      return item[1].map(function (premise, n) { return premise + "." + item[4][parseInt(hex.charAt(n), 16) - 1]; });
    },
    type: function () { return "matching"; },
    response: function (item, answer) {
      return answer.map(function (t) {
        var pair = t.split(".");
        return v2004 ? pair[0] + "[.]" + pair[1] : (item[1].indexOf(pair[0]) + 1) + "." + letter(item[4].indexOf(pair[1]));
      }).join(v2004 ? "[,]" : ",");
    }
  };
  var ORDERING = {
    clean: function (item, picked) {
      if (picked.length !== item[1].length) return null;
      for (var n = 0; n < picked.length; n++) {
        if (typeof picked[n] !== "string" || item[1].indexOf(picked[n]) < 0 || picked.indexOf(picked[n]) !== n) return null;
      }
      return picked.slice();   /* the order is the answer: not sorted */
    },
    width: function (item) { return item[1].length; },
    encode: function (item, answer) { return answer.map(function (id) { return item[1].indexOf(id).toString(16); }).join(""); },
    decode: function (item, hex) { return hex.split("").map(function (d) { return item[1][parseInt(d, 16)]; }); },
    type: function () { return "sequencing"; },
    response: function (item, answer) {
      return v2004 ? answer.join("[,]") : answer.map(function (id) { return letter(item[1].indexOf(id)); }).join(",");
    }
  };
  function kind(item) { return item[3] === "matching" ? MATCHING : item[3] === "ordering" ? ORDERING : CHOICE; }

  /* The learner's answers to quiz q, checked against the package's copy of the quiz: an answer that fits its
     question (its type says what fits) to every question and to nothing else; else null. */
  function valid(q, answers) {
    if (!answers || typeof answers !== "object" || Array.isArray(answers)) return null;
    var clean = {}, count = 0;
    for (var k in answers) if (has.call(answers, k)) count++;
    if (count !== q.questions.length) return null;
    for (var n = 0; n < q.questions.length; n++) {
      var item = q.questions[n], picked = has.call(answers, item[0]) ? answers[item[0]] : null;
      var answer = Array.isArray(picked) ? kind(item).clean(item, picked) : null;
      if (!answer) return null;
      clean[item[0]] = answer;
    }
    return clean;
  }

  /* The result of quiz q for valid answers, computed here: right answers, percent and pass as quiz.js does. */
  function scored(q, answers) {
    var total = q.questions.length, right = 0, ok = {};
    q.questions.forEach(function (item) {
      ok[item[0]] = fnv(q.id + "|" + item[0] + "|" + answers[item[0]].join(",")) === item[2];
      if (ok[item[0]]) right++;
    });
    var percent = Math.round(100 * right / total);
    return { answers: answers, score: right, total: total, percent: percent, passed: percent >= q.pass, ok: ok };
  }

  /* suspend_data: "1;" then per graded quiz "<index>.<right>.<hex digits of each answer, as its type writes it>" */
  function encode() {
    var parts = [];
    quizzes.forEach(function (q) {
      var s = state[q.id]; if (!s) return;
      var hex = q.questions.map(function (item) { return kind(item).encode(item, s.answers[item[0]]); }).join("");
      parts.push(q.index + "." + s.score + "." + hex);
    });
    return "1;" + parts.join(";");
  }
  function decode(text) {
    if (!text || text.slice(0, 2) !== "1;") return;
    text.slice(2).split(";").forEach(function (part) {
      var bits = part.split("."), q = /^\d+$/.test(bits[0]) ? quizzes[Number(bits[0])] : null;
      if (!q || bits.length !== 3 || !/^[0-9a-f]*$/.test(bits[2])) return;
      var width = q.questions.reduce(function (sum, item) { return sum + kind(item).width(item); }, 0);
      if (bits[2].length !== width) return;
      var answers = {}, at = 0;
      q.questions.forEach(function (item) {
        var w = kind(item).width(item);
        answers[item[0]] = kind(item).decode(item, bits[2].substr(at, w));
        at += w;
      });
      answers = valid(q, answers);            /* the saved score (bits[1]) is not believed: rescored here */
      if (answers) state[q.id] = scored(q, answers);
    });
  }

  /* Each question of a graded quiz as one interaction, appended (SCORM 1.2 interactions are a journal; 2004
     keeps one record per answer too): its id (<quiz>--<question>), type, the learner's response in the
     version's own format, the result, and the quiz as its objective. No correct_responses: the package
     carries only the answer's hash, as the site does. */
  function journal(q) {
    var s = state[q.id];
    q.questions.forEach(function (item) {
      var i = "cmi.interactions." + interactions++ + ".", k = kind(item);
      call.set(i + "id", q.id + "--" + item[0]);
      call.set(i + "type", k.type(item));
      call.set(i + "objectives.0.id", q.id);
      call.set(i + (v2004 ? "learner_response" : "student_response"), k.response(item, s.answers[item[0]]));
      call.set(i + "result", s.ok[item[0]] ? "correct" : (v2004 ? "incorrect" : "wrong"));
    });
  }

  function duration(ms) {
    var s = ms / 1000, h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s - 3600 * h - 60 * m;
    if (v2004) return "PT" + h + "H" + m + "M" + sec.toFixed(2) + "S";
    function pad(n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; }
    return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(sec.toFixed(2), 5);
  }

  function num(x) { return String(Math.round(x * 10000) / 10000); }   /* 0.33, 1: real(10,7) as LMSs expect */

  function report() {
    var right = 0, total = 0, graded = 0, passed = 0;
    quizzes.forEach(function (q, n) {
      var s = state[q.id];
      total += q.questions.length;
      if (!s) return;
      graded++; right += s.score; if (s.passed) passed++;
      var o = "cmi.objectives." + n + ".";
      call.set(o + "id", q.id);
      if (v2004) {
        call.set(o + "score.scaled", num(s.percent / 100));
        call.set(o + "score.raw", s.percent); call.set(o + "score.min", 0); call.set(o + "score.max", 100);
        call.set(o + "success_status", s.passed ? "passed" : "failed");
        call.set(o + "completion_status", "completed");
      } else {
        call.set(o + "score.raw", s.percent); call.set(o + "score.min", 0); call.set(o + "score.max", 100);
        call.set(o + "status", s.passed ? "passed" : "failed");
      }
    });
    /* without quizzes: completed once a page was shown, and neither passed nor failed */
    var none = !quizzes.length, done = none ? viewed : graded === quizzes.length;
    var ok = !none && done && passed === quizzes.length;
    if (graded) {
      var percent = total ? Math.round(100 * right / total) : 100;
      call.set(key.min, 0); call.set(key.max, 100); call.set(key.raw, percent);
      if (v2004) call.set("cmi.score.scaled", num(percent / 100));
    }
    if (v2004) {
      call.set("cmi.completion_status", done ? "completed" : "incomplete");
      call.set("cmi.success_status", done && !none ? (ok ? "passed" : "failed") : "unknown");
      if (quizzes.length) call.set("cmi.progress_measure", num(graded / quizzes.length));
    } else {
      call.set("cmi.core.lesson_status", done ? (none ? "completed" : (ok ? "passed" : "failed")) : "incomplete");
    }
    call.set(key.suspend, encode());
    call.commit();
    return done;
  }

  function finish() {
    if (finished || !live) return;
    finished = true;
    var done = report();
    call.set(key.time, duration(new Date().getTime() - started));
    call.set(key.exit, done ? (v2004 ? "normal" : "") : "suspend");
    call.commit();
    call.finish();
  }

  if (live) decode(String(call.get(key.suspend) || ""));
  if (live) interactions = Number(call.get("cmi.interactions._count")) || 0;
  if (live && !quizzes.length) {   /* a return visit to a track without quizzes: it was completed before */
    viewed = /^(completed|passed)$/.test(String(call.get(v2004 ? "cmi.completion_status" : "cmi.core.lesson_status")));
  }
  var resume = live ? String(call.get(key.location) || "") : "";
  if (!/^[A-Za-z0-9_\-]+(\/[A-Za-z0-9_\-.]+)*\.html$/.test(resume) || resume.indexOf("..") >= 0) resume = "";

  window.CurriculumSCORM = {
    /* before quiz.js runs in a page: the LMS's saved answers are the learner's, not this browser's */
    seed: function (win) {
      quizzes.forEach(function (q) {
        var s = state[q.id];
        try {
          if (s) win.localStorage.setItem(PREFIX + q.id, JSON.stringify({ v: 1, answers: s.answers, score: s.score,
            total: s.total, percent: s.percent, passed: s.passed, at: new Date().toISOString() }));
          else win.localStorage.removeItem(PREFIX + q.id);
        } catch (e) { /* storage blocked: quiz.js starts empty */ }
      });
    },
    graded: function (detail) {
      if (!detail || typeof detail !== "object" || typeof detail.quiz !== "string" || !has.call(byId, detail.quiz)) return;
      var q = byId[detail.quiz], r = detail.result;
      if (!r || typeof r !== "object" || finished || !live) return;
      var answers = valid(q, r.answers);
      if (!answers) return;                     /* not an answer to this quiz: nothing to report */
      state[q.id] = scored(q, answers);         /* r.score, r.percent and r.passed are not believed */
      if (!detail.restored) journal(q);         /* a page restoring saved answers answered nothing new */
      report();
    },
    page: function (path) {
      if (!live || finished || !path) return;
      call.set(key.location, path);
      if (!viewed) { viewed = true; if (!quizzes.length) { report(); return; } }   /* report() commits */
      call.commit();
    },
    finish: finish
  };

  if (live) {
    /* objectives are numbered in track order and must be created in that order, before any is graded;
       then the status: incomplete until every quiz is graded (or, on a return visit, what suspend_data says) */
    quizzes.forEach(function (q, n) { call.set("cmi.objectives." + n + ".id", q.id); });
    report();
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);

  function start() {
    var frame = document.getElementById("curriculum-frame");
    frame.addEventListener("load", function () {
      var here = "";
      try { here = frame.contentWindow.location.href.split("#")[0].split("?")[0]; } catch (e) { here = ""; }
      if (here.indexOf(root) === 0) window.CurriculumSCORM.page(here.slice(root.length));
    });
    frame.src = root + (resume || config.start);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
