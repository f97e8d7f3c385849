/* asn-portal learning, self-check quizzes (form.asn-quiz, from macros.j2): on submit, marks each
 * question right, wrong or unanswered, shows the right option and the explanations, and the score
 * "N/M", then moves focus to the result. Nothing is stored: a quiz is practice, not a record. Its
 * own file because it has nothing to do with the plan; without JavaScript the key stays readable in
 * its closed <details> (learning-print.js opens it for printing). Needs learning-core.js. */
(function (L) {
  "use strict";

  var all = L.all, el = L.el;

  function setupQuiz(form) {
    if (form.getAttribute("data-asn-ready")) return;
    form.setAttribute("data-asn-ready", "1");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var questions = all("fieldset.asn-quiz__q", form);
      var right = 0;
      questions.forEach(function (q) {
        var answer = q.getAttribute("data-answer");
        var radios = all('input[type="radio"]', q);
        var chosen = radios.filter(function (r) { return r.checked; })[0];
        var correct = radios.filter(function (r) { return r.value === answer; })[0];
        var ok = !!chosen && chosen.value === answer;
        if (ok) right += 1;
        radios.forEach(function (r) {
          var label = r.closest("label");
          if (label) label.classList.toggle("asn-quiz__option--answer", r === correct);
        });
        q.classList.toggle("asn-quiz__q--right", ok);
        q.classList.toggle("asn-quiz__q--wrong", !ok);
        q.classList.toggle("asn-quiz__q--unanswered", !chosen);
        var verdict = q.querySelector(".asn-quiz__verdict");
        if (!verdict) {
          verdict = el("p", "asn-quiz__verdict");
          var explanation = q.querySelector(".asn-quiz__explanation");
          q.insertBefore(verdict, explanation && explanation.parentNode === q ? explanation : null);
        }
        var optionText = correct && correct.closest("label") ? correct.closest("label").textContent.trim() : "";
        var solution = "jawaban: " + answer + (optionText ? " (" + optionText + ")" : "");
        verdict.textContent = ok ? "Benar" : (chosen ? "Salah, " : "Belum dijawab, ") + solution;
        all(".asn-quiz__explanation", q).forEach(function (x) { x.hidden = false; });
      });
      var result = form.querySelector(".asn-quiz__result");
      var score = form.querySelector("[data-asn-quiz-score]");
      if (score) score.textContent = right + "/" + questions.length;
      if (result) {
        result.hidden = false;
        result.setAttribute("tabindex", "-1");
        result.focus();
      }
    });
  }

  L.setupQuiz = setupQuiz;
})(window.asnLearning);
