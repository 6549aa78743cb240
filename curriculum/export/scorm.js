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
    document.addEventListener("curriculum:assessed", function (ev) { host.assessed(ev.detail); });
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
    if (assessed.exam) parts.push("x." + assessed.count + "." + assessed.exam.seed + "." + encodeForm(assessed.exam));
    if (assessed.pre) parts.push("p." + encodeForm(assessed.pre));
    if (assessed.post) parts.push("q." + encodeForm(assessed.post));
    return "1;" + parts.join(";");
  }
  function decode(text) {
    if (!text || text.slice(0, 2) !== "1;") return;
    text.slice(2).split(";").forEach(function (part) {
      var bits = part.split("."), q = /^\d+$/.test(bits[0]) ? quizzes[Number(bits[0])] : null;
      if (/^[xpq]$/.test(bits[0])) { decodeAssessment(bits); return; }
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

  /* -- the track's exam and pre/post test (config.assessments; curriculum.export.scorm.assessment_config) --
     items: [quiz id, question as above]; the exam's draws: [objective, count, pool as item indices]; pre and
     post: fixed item indices. An exam attempt is sent as its seed and answers: the runtime draws the attempt's
     questions again from the seed (curriculum.assessments.exam_draw, as assessment.js does), checks that every
     answer fits a drawn question, scores them, and applies the pass mark and the attempt limit itself. Only
     the first submission of each pre/post form counts; they are reported as objectives, never as the pass. */
  var A = config.assessments || null, exam = A && A.exam ? A.exam : null;
  var assessed = { exam: null, count: 0, pre: null, post: null };
  function order(ids, a, b, attempt, plain) {   /* mirrors display_order and quiz.js; plain: no rotation */
    var st = parseInt(fnv(a + "|" + b + "|" + (attempt || "")), 16);
    function rand() {
      st = (st + 0x6d2b79f5) >>> 0;
      var t = st;
      t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
      t = (t ^ (t + (Math.imul(t ^ (t >>> 7), t | 61) >>> 0))) >>> 0;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    var out = ids.slice();
    for (var i = out.length - 1; i > 0; i--) { var j = Math.floor(rand() * (i + 1)), x = out[i]; out[i] = out[j]; out[j] = x; }
    if (!plain && out.length > 1 && out.every(function (v, n) { return v === ids[n]; })) out = out.slice(1).concat(out.slice(0, 1));
    return out;
  }
  function itemId(i) { return A.items[i][0] + "--" + A.items[i][1][0]; }
  function examItems(seed) {   /* [item index, objective] of an attempt, in its order */
    var picked = {}, ids = [];
    exam.draws.forEach(function (d) {
      var by = {};
      d[2].forEach(function (i) { by[itemId(i)] = i; });
      order(d[2].map(itemId), "exam:" + config.track, d[0], seed, true).slice(0, d[1]).forEach(function (id) {
        picked[id] = [by[id], d[0]]; ids.push(id);
      });
    });
    return order(ids, "exam:" + config.track, "", seed, true).map(function (id) { return picked[id]; });
  }
  function formItems(name) { return A[name].items.map(function (i, n) { return [i, A[name].objectives[n]]; }); }
  function judgeForm(list, answers) {   /* answers to [item, objective]s: each fits its question (a missing one is wrong) */
    if (!answers || typeof answers !== "object" || Array.isArray(answers)) return null;
    var ids = {}, clean = {}, ok = {}, per = {}, right = 0;
    list.forEach(function (p) { ids[itemId(p[0])] = p; });
    for (var k in answers) {
      if (!has.call(answers, k)) continue;
      if (!has.call(ids, k) || !Array.isArray(answers[k])) return null;
      var item = A.items[ids[k][0]][1], c = kind(item).clean(item, answers[k]);
      if (!c) return null;
      clean[k] = c;
    }
    list.forEach(function (p) {
      var id = itemId(p[0]), item = A.items[p[0]][1];
      var good = has.call(clean, id) && fnv(A.items[p[0]][0] + "|" + item[0] + "|" + clean[id].join(",")) === item[2];
      ok[id] = good; if (good) right++;
      per[p[1]] = per[p[1]] || [0, 0]; per[p[1]][1]++; if (good) per[p[1]][0]++;
    });
    return { list: list, answers: clean, ok: ok, score: right, total: list.length,
             percent: list.length ? Math.round(100 * right / list.length) : 0, objectives: per };
  }
  function assess(detail) {   /* whether the submission counts (then it is in `assessed`) */
    if (!A || !detail || typeof detail !== "object" || detail.track !== config.track) return false;
    var att = detail.attempt;
    if (!att || typeof att !== "object") return false;
    if (detail.form === "exam" && exam) {
      if ((assessed.exam && assessed.exam.passed) || (exam.attempts && assessed.count >= exam.attempts)) return false;
      if (typeof att.seed !== "string" || !/^[0-9a-z]{1,16}$/.test(att.seed)) return false;
      var r = judgeForm(examItems(att.seed), att.answers);
      if (!r) return false;
      r.seed = att.seed; r.passed = r.percent >= exam.pass;
      assessed.exam = r; assessed.count++;
      return true;
    }
    if ((detail.form === "pre" || detail.form === "post") && A[detail.form] && !assessed[detail.form]) {
      var f = judgeForm(formItems(detail.form), att.answers);
      if (!f) return false;
      assessed[detail.form] = f;
      return true;
    }
    return false;
  }
  function zeros(n) { var z = ""; while (z.length < n) z += "0"; return z; }
  function encodeForm(r) {   /* a missing answer is zeros, which decode to no answer */
    return r.list.map(function (p) {
      var item = A.items[p[0]][1], id = itemId(p[0]);
      return has.call(r.answers, id) ? kind(item).encode(item, r.answers[id]) : zeros(kind(item).width(item));
    }).join("");
  }
  function decodeForm(list, hex) {
    var width = list.reduce(function (sum, p) { var it = A.items[p[0]][1]; return sum + kind(it).width(it); }, 0);
    if (hex.length !== width || !/^[0-9a-f]*$/.test(hex)) return null;
    var answers = {}, at = 0;
    list.forEach(function (p) {
      var it = A.items[p[0]][1], w = kind(it).width(it), a = kind(it).decode(it, hex.substr(at, w));
      at += w;
      var c = Array.isArray(a) && a.every(function (x) { return typeof x === "string"; }) ? kind(it).clean(it, a) : null;
      if (c) answers[itemId(p[0])] = c;
    });
    return judgeForm(list, answers);
  }
  function decodeAssessment(bits) {   /* x.<attempts>.<seed>.<hex>, p.<hex> (pre), q.<hex> (post) */
    if (!A) return;
    if (bits[0] === "x" && exam && bits.length === 4 && /^\d+$/.test(bits[1]) && /^[0-9a-z]{1,16}$/.test(bits[2])) {
      var r = decodeForm(examItems(bits[2]), bits[3]);
      if (!r) return;
      r.seed = bits[2]; r.passed = r.percent >= exam.pass;
      assessed.exam = r; assessed.count = Math.max(1, Math.min(Number(bits[1]), exam.attempts || 99));
    } else if ((bits[0] === "p" || bits[0] === "q") && bits.length === 2) {
      var name = bits[0] === "p" ? "pre" : "post";
      if (A[name]) assessed[name] = decodeForm(formItems(name), bits[1]);
    }
  }
  function journalForm(r, objective) {
    r.list.forEach(function (p) {
      var id = itemId(p[0]), item = A.items[p[0]][1], k = kind(item), i = "cmi.interactions." + interactions++ + ".";
      call.set(i + "id", id);
      call.set(i + "type", k.type(item));
      call.set(i + "objectives.0.id", objective);
      if (has.call(r.answers, id)) call.set(i + (v2004 ? "learner_response" : "student_response"), k.response(item, r.answers[id]));
      call.set(i + "result", r.ok[id] ? "correct" : (v2004 ? "incorrect" : "wrong"));
    });
  }
  function assessmentObjectives() {   /* [id, result, counts as a pass/fail] after the quizzes' objectives */
    var out = [];
    if (exam) out.push([exam.id, assessed.exam, true]);
    if (A && A.pre) out.push([A.pre.id, assessed.pre, false]);
    if (A && A.post) out.push([A.post.id, assessed.post, false]);
    return out;
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
    assessmentObjectives().forEach(function (entry, k) {   /* pre/post never pass or fail anything */
      var o = "cmi.objectives." + (quizzes.length + k) + ".", r = entry[1];
      call.set(o + "id", entry[0]);
      if (!r) return;
      call.set(o + "score.raw", r.percent); call.set(o + "score.min", 0); call.set(o + "score.max", 100);
      if (v2004) {
        call.set(o + "score.scaled", num(r.percent / 100));
        call.set(o + "success_status", entry[2] ? (r.passed ? "passed" : "failed") : "unknown");
        call.set(o + "completion_status", "completed");
      } else {
        call.set(o + "status", entry[2] ? (r.passed ? "passed" : "failed") : "completed");
      }
    });
    if (exam) {   /* a track with an exam: the exam is the package's result; the quizzes are objectives */
      var e = assessed.exam;
      if (e) {
        call.set(key.min, 0); call.set(key.max, 100); call.set(key.raw, e.percent);
        if (v2004) call.set("cmi.score.scaled", num(e.percent / 100));
      }
      if (v2004) {
        call.set("cmi.completion_status", e ? "completed" : "incomplete");
        call.set("cmi.success_status", e ? (e.passed ? "passed" : "failed") : "unknown");
      } else {
        call.set("cmi.core.lesson_status", e ? (e.passed ? "passed" : "failed") : "incomplete");
      }
      call.set(key.suspend, encode());
      call.commit();
      return !!e;
    }
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
      if (A) ["exam", "pre", "post"].forEach(function (form) {   /* what counted, as assessment.js stores it */
        var storeKey = "curriculum:v1:assessment:" + config.track + ":" + form, r = assessed[form];
        var count = form === "exam" ? assessed.count : (r ? 1 : 0), attempts = [], pending = [];
        try {
          var old = JSON.parse(win.localStorage.getItem(storeKey));
          if (old && Array.isArray(old.attempts)) pending = old.attempts.filter(function (a) { return a && !a.done; }).slice(-1);
        } catch (e) { pending = []; }
        for (var n = 1; n < count; n++) attempts.push({ n: n, seed: "", done: true, answers: {}, score: 0, total: 0, percent: 0, passed: false, objectives: {} });
        if (r) attempts.push({ n: count, seed: r.seed || "", done: true, answers: r.answers, order: r.list.map(function (p) { return itemId(p[0]); }),
          score: r.score, total: r.total, percent: r.percent, passed: form === "exam" ? r.passed : null, objectives: r.objectives });
        pending.forEach(function (a) { a.n = attempts.length + 1; attempts.push(a); });   /* an attempt under way goes on */
        try {
          if (attempts.length) win.localStorage.setItem(storeKey, JSON.stringify({ v: 1, attempts: attempts }));
          else win.localStorage.removeItem(storeKey);
        } catch (e) { /* storage blocked */ }
      });
    },
    assessed: function (detail) {
      if (!live || finished || !assess(detail)) return;   /* not a submission that counts: nothing to report */
      var r = assessed[detail.form], entry = assessmentObjectives().filter(function (o) { return o[1] === r; })[0];
      journalForm(r, entry ? entry[0] : detail.form);
      report();
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
    assessmentObjectives().forEach(function (o, k) { call.set("cmi.objectives." + (quizzes.length + k) + ".id", o[0]); });
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
