// The event door's QR scanner: a relawan's phone camera reads the QR on
// an invited person's phone and sends its code through the door's form
// (which queues it while offline, see posko.js). Where the browser has no
// BarcodeDetector or no camera, the button stays hidden and the code is
// typed: the page works without this script.
(function () {
  "use strict";
  var tombol = document.getElementById("pindai-qr");
  var form = document.querySelector("form[data-pintu]");
  if (!tombol || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var video = document.getElementById("kamera");
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  var aliran = null;
  var berhenti = function () {
    if (aliran) aliran.getTracks().forEach(function (t) { t.stop(); });
    aliran = null;
    video.hidden = true;
  };
  var baca = function () {
    if (!aliran) return;
    detector.detect(video).then(function (hasil) {
      if (hasil.length) {
        form.elements.kode.value = hasil[0].rawValue;
        berhenti();
        form.requestSubmit();
        return;
      }
      requestAnimationFrame(baca);
    }).catch(function () { requestAnimationFrame(baca); });
  };
  tombol.hidden = false;
  tombol.addEventListener("click", function () {
    if (aliran) { berhenti(); return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
      aliran = s;
      video.srcObject = s;
      video.hidden = false;
      video.play();
      requestAnimationFrame(baca);
    }).catch(function () { tombol.hidden = true; });
  });
})();
