// A live list refreshes itself. An element with an id and
// data-segarkan="SECONDS" is refetched from the same URL every SECONDS
// and its contents swapped in place, so the reader keeps their scroll
// position (nothing above it changes height unexpectedly, and the page
// is not reloaded). It waits while the tab is hidden or a field inside
// is being typed in, and refreshes at once when the tab comes back.
(function () {
  "use strict";
  var el = document.querySelector("[data-segarkan][id]");
  if (!el || !window.fetch || !window.DOMParser) return;
  var detik = parseInt(el.getAttribute("data-segarkan"), 10);
  if (!(detik >= 10)) detik = 60;
  var id = el.id;
  var sibuk = false;
  var segarkan = function () {
    if (sibuk || document.hidden) return;
    var aktif = document.activeElement;
    if (aktif && el.contains(aktif) && /^(INPUT|TEXTAREA|SELECT)$/.test(aktif.tagName)) return;
    sibuk = true;
    fetch(location.pathname, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var baru = new DOMParser().parseFromString(html, "text/html").getElementById(id);
        if (!baru) return;
        var x = window.scrollX, y = window.scrollY;
        el.innerHTML = baru.innerHTML;
        window.scrollTo(x, y);
      })
      .catch(function () {})
      .then(function () { sibuk = false; });
  };
  setInterval(segarkan, detik * 1000);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) segarkan();
  });
})();
