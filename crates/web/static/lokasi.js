// The APK installation form's GPS: fills the hidden lat/lng from the
// phone's location and says whether it has one. Without a location the
// form is not queued (the server would refuse it: an installation needs
// its place); without this script the form still posts and the server
// answers that GPS is required.
(function () {
  "use strict";
  var form = document.querySelector("form[data-gps]");
  var status = document.getElementById("status-gps");
  if (!form || !status) return;
  var teks = function (k) { return status.getAttribute("data-" + k) || ""; };
  var wajib = status.textContent;
  var ada = function () { return form.elements.lat.value !== "" && form.elements.lng.value !== ""; };
  var tampil = function (pesan, galat) {
    status.textContent = pesan;
    status.className = galat ? "galat" : "catatan";
  };
  if (!navigator.geolocation) return;
  tampil(teks("tunggu"), true);
  navigator.geolocation.watchPosition(function (pos) {
    form.elements.lat.value = pos.coords.latitude.toFixed(6);
    form.elements.lng.value = pos.coords.longitude.toFixed(6);
    tampil(teks("ada") + " (±" + Math.round(pos.coords.accuracy) + " m)", false);
  }, function () {
    form.elements.lat.value = "";
    form.elements.lng.value = "";
    tampil(wajib, true);
  }, { enableHighAccuracy: true, maximumAge: 60000, timeout: 30000 });
  // Runs before the offline queue's own handler (capture on the document).
  document.addEventListener("submit", function (ev) {
    if (ev.target !== form || ada()) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    tampil(wajib, true);
  }, true);
  // posko.js resets the form after queuing it: keep the location.
  form.addEventListener("reset", function () {
    var lat = form.elements.lat.value, lng = form.elements.lng.value;
    setTimeout(function () { form.elements.lat.value = lat; form.elements.lng.value = lng; }, 0);
  });
})();
