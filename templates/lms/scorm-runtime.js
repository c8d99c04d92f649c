/* coursepack SCORM run-time for one module page (one SCO).
 *
 * Finds the LMS API (SCORM 1.2 "API" or SCORM 2004 "API_1484_11") by walking
 * the parent frames, then the opener's; initializes; marks the module
 * completed once it has been read (the end of the module scrolled into view,
 * or enough time on the page); reports the knowledge-check score when the
 * page's quiz script dispatches "coursepack:quiz" (the best attempt counts);
 * commits with "" only settled statuses (see checkPending); and finishes on pagehide (browsers block synchronous work
 * in unload); in Moodle's SCORM 2004 player it commits there without
 * terminating (see sharesOneApi). The page links to no other SCO: moving between modules is the
 * LMS's navigation (its table of contents, its next and previous buttons),
 * which unloads this page, so each SCO reports only its own result.
 * Without an LMS it does nothing and the page stays usable.
 *
 * Settings come from the script element's data attributes: data-scorm
 * ("1.2" or "2004"), data-module, data-quiz (items in the check),
 * data-completion-seconds and data-passing (share of the check to pass).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) {
    return;
  }
  var data = script.dataset;
  var v12 = data.scorm === "1.2";
  var seconds = Number(data.completionSeconds || 60);
  var passing = Number(data.passing || 0.7);
  var started = Date.now();
  var api = null;
  var shared = false;
  var state = { read: false, score: null, max: null, best: null, finished: false };

  function findIn(win) {
    var name = v12 ? "API" : "API_1484_11";
    for (var hops = 0; win && hops < 10; hops += 1) {
      try {
        if (win[name]) {
          shared = !v12 && sharesOneApi(win);
          return win[name];
        }
      } catch (e) {
        return null; /* a frame of another origin: stop here */
      }
      if (win.parent === win) {
        break;
      }
      win = win.parent;
    }
    return null;
  }

  function sharesOneApi(win) {
    /* Moodle's SCORM 2004 player (mod/scorm/datamodels/scorm_13.js) makes
       one API object per player page for every SCO the student opens there,
       and once a SCO has called Terminate that object refuses Initialize for
       good: the next module could record nothing. With that player a SCO
       commits what it has when it leaves and does not terminate, and a SCO
       that finds the session still open (error 103) carries on in it; Moodle
       rebinds the object to the SCO now shown when Initialize is called. */
    return typeof win.mod_scorm_launch_next_sco === "function";
  }

  function findApi() {
    var found = findIn(window);
    if (!found && window.opener) {
      found = findIn(window.opener);
    }
    return found;
  }

  function call(name12, name2004) {
    var args = Array.prototype.slice.call(arguments, 2);
    var fn = api[v12 ? name12 : name2004];
    try {
      return String(fn.apply(api, args));
    } catch (e) {
      return "";
    }
  }

  function get(element12, element2004) {
    return call("LMSGetValue", "GetValue", v12 ? element12 : element2004);
  }

  function set(element12, element2004, value) {
    return call("LMSSetValue", "SetValue", v12 ? element12 : element2004, String(value));
  }

  function commit() {
    call("LMSCommit", "Commit", "");
  }

  function status12() {
    var scaled = state.max ? state.score / state.max : null;
    if (scaled !== null && scaled >= passingShare()) {
      return "passed";
    }
    return state.read ? "completed" : "incomplete";
  }

  function passingShare() {
    if (v12) {
      var mastery = parseFloat(get("cmi.student_data.mastery_score", ""));
      return isNaN(mastery) ? passing : mastery / 100;
    }
    var scaledPassing = parseFloat(get("", "cmi.scaled_passing_score"));
    return isNaN(scaledPassing) ? passing : scaledPassing;
  }

  function keep(previous) {
    /* a module once passed or completed stays so on a later visit */
    return previous === "passed" || previous === "completed";
  }

  function reportStatus() {
    if (v12) {
      var before = get("cmi.core.lesson_status", "");
      var now = status12();
      if (!(keep(before) && now === "incomplete") && !(before === "passed" && now !== "passed")) {
        set("cmi.core.lesson_status", "", now);
      }
      return;
    }
    var completion = get("", "cmi.completion_status");
    if (state.read) {
      set("", "cmi.completion_status", "completed");
    } else if (completion !== "completed") {
      set("", "cmi.completion_status", "incomplete");
    }
    if (state.max) {
      set("", "cmi.success_status", state.score / state.max >= passingShare() ? "passed" : "failed");
    }
  }

  function reportScore() {
    if (!state.max) {
      return;
    }
    if (v12) {
      set("cmi.core.score.min", "", 0);
      set("cmi.core.score.max", "", 100);
      set("cmi.core.score.raw", "", Math.round((100 * state.score) / state.max));
      return;
    }
    set("", "cmi.score.min", 0);
    set("", "cmi.score.max", state.max);
    set("", "cmi.score.raw", state.score);
    set("", "cmi.score.scaled", Math.round((10000 * state.score) / state.max) / 10000);
  }

  function markRead() {
    if (state.read || !api || state.finished) {
      return;
    }
    state.read = true;
    reportStatus();
    if (!checkPending()) {
      commit();
    }
  }

  function checkPending() {
    /* A module whose knowledge check is still unanswered commits its reading
       with the check's result or when the student leaves, not now. Once the
       student has moved between SCOs, Moodle's player sends every commit as
       a beacon (request.js, useBeaconAPI), and its server may store beacons
       sent a second apart in either order: a "completed" sent on reading and
       stored after the "passed" of the check left a passed module completed
       (SCORM 1.2, Next button). So each status is sent once it is settled. */
    return Number(data.quiz || 0) > 0 && state.max === null;
  }

  function onQuiz(event) {
    var detail = event.detail || {};
    if (!api || state.finished || (detail.module && detail.module !== data.module)) {
      return;
    }
    var max = Number(detail.max);
    var score = Number(detail.score);
    if (!(max > 0) || !(score >= 0) || score > max) {
      return;
    }
    if (state.best !== null && score / max < state.best) {
      return; /* the gradebook keeps the best attempt */
    }
    state.best = score / max;
    state.score = score;
    state.max = max;
    reportScore();
    reportStatus();
    commit();
  }

  function sessionTime() {
    var total = Math.max(0, Math.round((Date.now() - started) / 1000));
    if (!v12) {
      return "PT" + total + "S";
    }
    var h = Math.floor(total / 3600);
    var m = Math.floor((total % 3600) / 60);
    var s = total % 60;
    function two(n) {
      return (n < 10 ? "0" : "") + n;
    }
    return (h < 1000 ? ("000" + h).slice(-4) : String(h)) + ":" + two(m) + ":" + two(s);
  }

  function finish() {
    if (!api || state.finished) {
      return;
    }
    reportStatus();
    set("cmi.core.session_time", "cmi.session_time", sessionTime());
    var done = v12 ? status12() !== "incomplete" : state.read;
    set("cmi.core.exit", "cmi.exit", done ? (v12 ? "" : "normal") : "suspend");
    commit();
    state.finished = true;
    if (!shared) {
      call("LMSFinish", "Terminate", "");
    }
  }

  function watchEnd() {
    var end = document.getElementById("end-of-module");
    if (end && "IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i += 1) {
          if (entries[i].isIntersecting) {
            observer.disconnect();
            markRead();
          }
        }
      });
      observer.observe(end);
    }
    if (seconds >= 0) {
      window.setTimeout(markRead, seconds * 1000);
    }
  }

  function initialize() {
    if (call("LMSInitialize", "Initialize", "") === "true") {
      return true;
    }
    return shared && call("", "GetLastError") === "103"; /* already initialized */
  }

  function start() {
    api = findApi();
    if (!api || !initialize()) {
      api = null;
      return;
    }
    var stored = parseFloat(get("cmi.core.score.raw", "cmi.score.scaled"));
    if (!isNaN(stored)) {
      state.best = v12 ? stored / 100 : stored;
    }
    var before = get("cmi.core.lesson_status", "cmi.completion_status");
    if (before === "not attempted" || before === "unknown" || before === "") {
      reportStatus(); /* committed with the first settled status (see checkPending) */
    }
    document.addEventListener("coursepack:quiz", onQuiz);
    window.addEventListener("pagehide", finish);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && api && !state.finished) {
        commit();
      }
    });
    watchEnd();
  }

  start();
})();
