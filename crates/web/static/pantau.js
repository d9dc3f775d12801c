// Live pages without server-sent events: a page whose <main> carries
// data-segar="N" fetches itself again every N seconds and swaps its
// <main> in, keeping the scroll position. It waits while the reader is
// typing in one of the page's fields or the tab is hidden. Pages work
// without it (they are plain HTML).
(function () {
  "use strict";
  var main = document.querySelector("main[data-segar]");
  if (!main || !window.fetch || !window.DOMParser) return;
  var detik = parseInt(main.getAttribute("data-segar"), 10);
  if (!(detik >= 10)) return;
  var sibuk = false;
  setInterval(function () {
    if (sibuk || document.hidden) return;
    var aktif = document.activeElement;
    if (aktif && main.contains(aktif) && /^(INPUT|SELECT|TEXTAREA)$/.test(aktif.tagName)) return;
    sibuk = true;
    fetch(location.href, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var baru = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        if (!baru) return;
        var x = window.scrollX, y = window.scrollY;
        main.innerHTML = baru.innerHTML;
        window.scrollTo(x, y);
      })
      .catch(function () {})
      .then(function () { sibuk = false; });
  }, detik * 1000);
})();
