// Reading a C.Hasil photo on a phone: zoom, rotate, open full size.
//
// Contract (pages rely on exactly this):
//   <figure class="foto-periksa"><img src="…" alt="…"></figure>
//   <script src="/static/foto.js" defer></script>
// The <img> may sit inside a link to the full photo; without this script
// that link (or the bare image) is what people get, so pages work without
// it. Every such figure gets a toolbar: − and + (zoom), ↻ (rotate 90°) and
// ⤢ (open the full-size photo); tapping the photo toggles zoom. Zoomed in,
// the full-size photo replaces the preview (`?ukuran=pratinjau`) so small
// digits stay sharp; the frame scrolls to pan.
//
// Button labels come from the script tag's data-perkecil, data-perbesar,
// data-putar, data-asli (the page's message catalogue), else from the
// page's language (<html lang>).
(function () {
  "use strict";

  var LABEL = {
    id: { perkecil: "Perkecil", perbesar: "Perbesar", putar: "Putar 90°", asli: "Buka ukuran penuh" },
    en: { perkecil: "Zoom out", perbesar: "Zoom in", putar: "Rotate 90°", asli: "Open full size" }
  };
  var SKALA = [1, 1.5, 2, 3, 4];

  var skrip = document.currentScript;
  var bahasa = (document.documentElement.lang || "id").slice(0, 2);
  var bawaan = LABEL[bahasa] || LABEL.id;
  var label = function (k) {
    return (skrip && skrip.getAttribute("data-" + k)) || bawaan[k];
  };

  // The photo's own address: the link around it, else its source without
  // the preview size.
  var asli = function (img) {
    var a = img.closest("a[href]");
    if (a) return a.href;
    try {
      var u = new URL(img.getAttribute("src"), location.href);
      u.searchParams.delete("ukuran");
      return u.href;
    } catch (e) {
      return img.src;
    }
  };

  var tombol = function (teks, judul) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "tombol kecil sekunder";
    b.textContent = teks;
    b.title = judul;
    b.setAttribute("aria-label", judul);
    return b;
  };

  var siapkan = function (fig) {
    var img = fig.querySelector("img");
    if (!img || fig.classList.contains("foto-siap")) return;
    fig.classList.add("foto-siap");
    var penuh = asli(img);

    // The frame scrolls when the photo is bigger than it.
    var isi = img;
    while (isi.parentNode && isi.parentNode !== fig) isi = isi.parentNode;
    var bingkai = document.createElement("div");
    bingkai.className = "foto-bingkai";
    fig.insertBefore(bingkai, isi);
    bingkai.appendChild(isi);

    var tingkat = 0;
    var sudut = 0;
    var tajam = false;

    var terapkan = function () {
      var s = SKALA[tingkat];
      var tegak = sudut % 180 !== 0;
      var nw = img.naturalWidth || 1;
      var nh = img.naturalHeight || 1;
      // Turned a quarter, the photo's height becomes its width on screen:
      // size it so that this fits the frame at zoom 1.
      var lebar = tegak ? (s * 100 * nw) / nh : s * 100;
      img.style.width = lebar + "%";
      // Rotate about the top-left corner, then shift back into view, so
      // the frame's scroll area holds the whole turned photo.
      var geser = {
        0: "",
        90: " translateY(-100%)",
        180: " translate(-100%, -100%)",
        270: " translateX(-100%)"
      }[sudut];
      img.style.transform = sudut ? "rotate(" + sudut + "deg)" + geser : "";
      fig.classList.toggle("foto-besar", tingkat > 0);
      kecil.disabled = tingkat === 0;
      besar.disabled = tingkat === SKALA.length - 1;
      // Zoomed in: read from the full-size photo, once.
      if (s > 1 && !tajam && penuh && img.src !== penuh) {
        tajam = true;
        var pratinjau = img.src;
        img.addEventListener("error", function balik() {
          img.removeEventListener("error", balik);
          img.src = pratinjau;
        });
        img.src = penuh;
      }
    };

    var alat = document.createElement("div");
    alat.className = "foto-alat";
    var kecil = tombol("−", label("perkecil"));
    var besar = tombol("+", label("perbesar"));
    var putar = tombol("↻", label("putar"));
    var buka = document.createElement("a");
    buka.className = "tombol kecil sekunder";
    buka.href = penuh;
    buka.target = "_blank";
    buka.rel = "noopener";
    buka.textContent = "⤢ " + label("asli");
    alat.appendChild(kecil);
    alat.appendChild(besar);
    alat.appendChild(putar);
    alat.appendChild(buka);
    fig.appendChild(alat);

    kecil.addEventListener("click", function () {
      if (tingkat > 0) tingkat--;
      terapkan();
    });
    besar.addEventListener("click", function () {
      if (tingkat < SKALA.length - 1) tingkat++;
      terapkan();
    });
    putar.addEventListener("click", function () {
      sudut = (sudut + 90) % 360;
      terapkan();
    });
    // A tap toggles between the whole photo and 2×; the link around the
    // photo is for pages without this script.
    img.addEventListener("click", function (e) {
      e.preventDefault();
      tingkat = tingkat === 0 ? SKALA.indexOf(2) : 0;
      terapkan();
    });
    if (img.complete) terapkan();
    else img.addEventListener("load", terapkan, { once: true });
  };

  var semua = document.querySelectorAll("figure.foto-periksa");
  for (var i = 0; i < semua.length; i++) siapkan(semua[i]);
})();
