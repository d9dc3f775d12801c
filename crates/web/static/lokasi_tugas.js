// A task's GPS proof: fills the form's latitude and longitude from the
// phone's location (once on opening, again on the button). The fields
// stay editable, and without this script (or without a location) the
// relawan types them: the page works without it. The form itself is
// queued while offline by posko.js.
(function () {
  "use strict";
  var form = document.querySelector("form[data-bukti=gps]");
  if (!form || !navigator.geolocation) return;
  var status = document.getElementById("lokasi-status");
  var tombol = document.getElementById("ambil-lokasi");
  var say = function (k) {
    if (status && status.getAttribute("data-" + k)) status.textContent = status.getAttribute("data-" + k);
  };
  var ambil = function () {
    say("mencari");
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.elements.lat.value = pos.coords.latitude.toFixed(6);
      form.elements.lng.value = pos.coords.longitude.toFixed(6);
      say("dapat");
    }, function () { say("gagal"); }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
  };
  if (tombol) {
    tombol.hidden = false;
    tombol.addEventListener("click", ambil);
  }
  if (!form.elements.lat.value) ambil();
})();
