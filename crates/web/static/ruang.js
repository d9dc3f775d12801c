// Maps: hover or first tap on a region writes its figures (the shape's
// <title>) in the details line under the map; a second tap on the same
// region follows its link one level down. Delegated from the document, so
// it keeps working after posko.js swaps <main> on a live update.
(function () {
  "use strict";
  var dipilih = null;
  function tulis(path) {
    var r = document.getElementById("peta-rincian");
    var t = path.querySelector("title");
    if (r && t) r.textContent = t.textContent;
  }
  function bentuk(e) {
    var el = e.target;
    if (!el || !el.closest) return null;
    var p = el.closest(".peta path[id^='w-']");
    if (p) return p;
    // An island's tap box (rect.sentuh) stands for the shape it surrounds.
    var a = el.closest(".peta a");
    return a ? a.querySelector("path[id^='w-']") : null;
  }
  document.addEventListener("mouseover", function (e) {
    var p = bentuk(e);
    if (p) tulis(p);
  });
  document.addEventListener("click", function (e) {
    var p = bentuk(e);
    if (!p) return;
    // A mouse has shown the figures on hover already: follow the link.
    if (e.pointerType === "mouse") return;
    if (dipilih !== p.id) {
      // First tap: show the figures, do not navigate yet.
      e.preventDefault();
      var lama = dipilih && document.getElementById(dipilih);
      if (lama) lama.classList.remove("dipilih");
      p.classList.add("dipilih");
      dipilih = p.id;
      tulis(p);
    }
  });
})();
// TV mode's clock: the time in the election's zone (the page says which,
// as an offset from UTC), ticking every second; <main> is swapped on live
// updates, so the element is looked up each time.
(function () {
  "use strict";
  function dua(n) { return (n < 10 ? "0" : "") + n; }
  function detak() {
    var el = document.getElementById("jam");
    if (!el) return;
    var offset = parseInt(el.getAttribute("data-offset") || "0", 10);
    var t = new Date(Date.now() + offset * 60000);
    el.textContent = dua(t.getUTCHours()) + "." + dua(t.getUTCMinutes()) + "." + dua(t.getUTCSeconds());
  }
  if (document.getElementById("jam")) {
    detak();
    setInterval(detak, 1000);
  }
})();
