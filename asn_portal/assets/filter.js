/* asn-portal: narrow an index list by select boxes and typed words.
 * Plain script, no dependencies: works online, from file:// and with Material's instant
 * navigation (document$ fires after every page swap). Without JavaScript the form stays hidden
 * and every entry stays listed. */
(function () {
  "use strict";

  function norm(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function setup(form) {
    if (form.getAttribute("data-asn-ready")) return;
    var list = document.getElementById(form.getAttribute("data-asn-filter"));
    if (!list) return;
    form.setAttribute("data-asn-ready", "1");
    var items = Array.prototype.slice.call(list.children);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector(".asn-filter__count");
    var none = form.nextElementSibling;
    var noun = form.getAttribute("data-noun") || "";

    function apply() {
      var words = norm(form.elements.q.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var text = norm(item.getAttribute("data-search"));
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        selects.forEach(function (select) {
          if (!ok || !select.value) return;
          var values = (item.getAttribute("data-" + select.name) || "").split(" ");
          ok = values.indexOf(select.value) >= 0;
        });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = "Menampilkan " + shown + " dari " + items.length + " " + noun + ".";
      if (none && none.classList.contains("asn-filter__none")) none.hidden = shown > 0;
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-asn-filter]"), setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
