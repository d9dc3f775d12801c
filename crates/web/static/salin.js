// Copies a one-time sign-in link: a button beside each box marked
// data-salin shows itself and copies the box's text. Without this script
// the link stays in its box, to select and copy by hand.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-salin]"), function (tombol) {
    var kotak = document.getElementById(tombol.getAttribute("data-salin"));
    if (!kotak || !navigator.clipboard) return;
    tombol.hidden = false;
    var awal = tombol.textContent;
    tombol.addEventListener("click", function () {
      navigator.clipboard.writeText(kotak.value).then(function () {
        tombol.textContent = tombol.getAttribute("data-tersalin") || awal;
        setTimeout(function () { tombol.textContent = awal; }, 2000);
      });
    });
  });
  // A tap on the box selects the whole link.
  Array.prototype.forEach.call(document.querySelectorAll("input.tautan-masuk"), function (k) {
    k.addEventListener("focus", function () { k.select(); });
  });
})();
