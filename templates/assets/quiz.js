/* Knowledge checks: choose, "Check answers", feedback per item and a score.
   Plain JavaScript, no dependencies. Without it the questions still show and
   each answer waits in a collapsed <details>. After a check the page fires
   document "coursepack:quiz" with {module, score, max} (the LMS runtime listens). */
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  // What a teacher would not mark wrong: case, spaces, curly quotes, a final
  // full stop (or other closing punctuation) and a leading article.
  function normalize(text, articles) {
    var plain = (text.normalize ? text.normalize("NFKC") : text).toLowerCase()
      .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
      .replace(/[\s\u00a0]+/g, " ")
      .replace(/^[\s"'«»]+|[\s"'«».,;:!?]+$/g, "");
    var bare = articles ? plain.replace(articles, "") : plain;
    return bare || plain;
  }

  function articlesOf(form) {
    var words = (form.dataset.articles || "").split(" ").filter(Boolean);
    // "l'" is written joined to its noun; other articles are followed by a space
    var alternatives = words.map(function (word) {
      var plain = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return /'$/.test(word) ? plain : plain + " +";
    });
    return words.length ? new RegExp("^(?:" + alternatives.join("|") + ")") : null;
  }

  function rightAnswers(item) {
    var accepted = [];
    try {
      accepted = JSON.parse(item.dataset.accept || "[]");
    } catch (error) {
      accepted = [];
    }
    return [item.dataset.answer].concat(accepted);
  }

  function given(item) {
    if (item.dataset.kind === "fill_blank") {
      var input = item.querySelector("input[type=text]");
      return input && input.value.trim() ? input.value : null;
    }
    var chosen = item.querySelector("input[type=radio]:checked");
    return chosen ? chosen.value : null;
  }

  function isCorrect(form, item, answer) {
    if (item.dataset.kind === "fill_blank") {
      var articles = articlesOf(form);
      var given = normalize(answer, articles);
      return rightAnswers(item).some(function (right) {
        return normalize(String(right), articles) === given;
      });
    }
    return answer === item.dataset.answer;
  }

  function checkItem(form, item) {
    var answer = given(item);
    var ok = answer !== null && isCorrect(form, item, answer);
    var box = item.querySelector(".quiz__feedback");
    var parts = [];
    if (answer === null) {
      parts.push(form.dataset.unanswered);
    } else {
      parts.push(ok ? form.dataset.correct : form.dataset.incorrect);
    }
    if (!ok) {
      parts.push(fill(form.dataset.correctAnswer, { answer: item.dataset.answerText }));
    }
    if (item.dataset.feedback) {
      parts.push(item.dataset.feedback);
    }
    box.textContent = parts.join(" ");
    box.hidden = false;
    item.classList.remove("is-correct", "is-incorrect");
    item.classList.add(ok ? "is-correct" : "is-incorrect");
    return ok;
  }

  function check(form) {
    var items = form.querySelectorAll(".quiz__item");
    var score = 0;
    for (var i = 0; i < items.length; i++) {
      if (checkItem(form, items[i])) { score += 1; }
    }
    var max = items.length;
    form.querySelector(".quiz__score").textContent = fill(form.dataset.score, { score: score, max: max });
    document.dispatchEvent(new CustomEvent("coursepack:quiz", {
      detail: { module: form.dataset.module, score: score, max: max }
    }));
  }

  function setUp(form) {
    var answers = form.querySelectorAll(".quiz__answer");
    for (var i = 0; i < answers.length; i++) { answers[i].hidden = true; }
    var button = form.querySelector(".quiz__check");
    button.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check(form);
    });
  }

  function start() {
    var forms = document.querySelectorAll("form.quiz__form");
    for (var i = 0; i < forms.length; i++) { setUp(forms[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
