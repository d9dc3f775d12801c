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
    return el && el.closest ? el.closest(".peta path[id^='w-']") : null;
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
