// The region picker: people choose kab/kota → kecamatan → desa → TPS by
// name instead of typing a Kemendagri or KPU code. Pages work without it:
// the code box underneath stays the form's field and is what is posted.
//
// Markup: <div class="pilih-wilayah" data-sampai="tps|desa|kecamatan|kabkota"
//   data-label="Provinsi|Kab/Kota|Kecamatan|Desa/Kelurahan|TPS"
//   data-kosong="— pilih —"> … <input name="…"> … </div>
// The chain starts at the person's own area (data-akar on <body>), and a
// value already in the box is shown chosen.
(function () {
  "use strict";
  var TINGKAT = ["provinsi", "kabkota", "kecamatan", "desa", "tps"];

  function anak(kode) {
    var url = "/api/v1/wilayah" + (kode ? "/" + encodeURIComponent(kode) : "");
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.json() : null;
    });
  }

  // The codes from the root down to `nilai`: "31.71.01.1001-001" gives
  // 31, 31.71, 31.71.01, 31.71.01.1001, then the TPS.
  function rantai(nilai) {
    var out = [];
    var m = /^(\d{2})(\d{2})(\d{2})(\d{4})(\d{3})$/.exec(nilai);
    if (m) nilai = m[1] + "." + m[2] + "." + m[3] + "." + m[4] + "-" + m[5];
    var tps = nilai.split("-");
    var bagian = tps[0].split(".");
    for (var i = 1; i <= bagian.length; i++) out.push(bagian.slice(0, i).join("."));
    if (tps.length === 2) out.push(nilai);
    return out;
  }

  function pasang(box) {
    var input = box.querySelector("input");
    if (!input) return;
    var sampai = TINGKAT.indexOf(box.getAttribute("data-sampai") || "tps");
    var label = (box.getAttribute("data-label") || "").split("|");
    var kosong = box.getAttribute("data-kosong") || "—";
    var akar = document.body.getAttribute("data-akar") || "";
    var deret = document.createElement("div");
    deret.className = "pilih-deret";
    box.insertBefore(deret, box.firstChild);
    var awal = rantai(input.value.trim());

    // Adds the select of the level under `kode` (whose own level is
    // `tingkat`, -1 for the top), choosing `pilih` if given.
    function muat(kode, tingkat, pilih) {
      if (tingkat >= sampai) return;
      anak(kode).then(function (d) {
        if (!d) return;
        var daftar = d.anak.map(function (a) {
          return { kode: a.wilayah.kode, nama: a.wilayah.nama };
        });
        if (!daftar.length && tingkat + 1 === 4) {
          daftar = d.tps.map(function (t) {
            return { kode: t.kode, nama: "TPS " + ("00" + t.nomor).slice(-3) };
          });
        }
        if (!daftar.length) return;
        var sel = document.createElement("select");
        sel.setAttribute("aria-label", label[tingkat + 1] || "");
        sel.setAttribute("data-tingkat", String(tingkat + 1));
        var o = document.createElement("option");
        o.value = "";
        o.textContent = (label[tingkat + 1] ? label[tingkat + 1] + ": " : "") + kosong;
        sel.appendChild(o);
        daftar.forEach(function (w) {
          var o = document.createElement("option");
          o.value = w.kode;
          o.textContent = w.nama;
          if (w.kode === pilih) o.selected = true;
          sel.appendChild(o);
        });
        sel.addEventListener("change", function () {
          while (sel.nextSibling) deret.removeChild(sel.nextSibling);
          input.value = sel.value || kode;
          input.dispatchEvent(new Event("change", { bubbles: true }));
          if (sel.value) muat(sel.value, tingkat + 1, null);
        });
        deret.appendChild(sel);
        if (sel.value) {
          var lanjut = awal[awal.indexOf(sel.value) + 1] || null;
          muat(sel.value, tingkat + 1, lanjut);
        }
      });
    }

    // Start at the person's own area: its parent's list with it chosen,
    // so they can see where they are yet cannot wander outside.
    var mulai = akar ? rantai(akar) : [];
    var tingkatAkar = mulai.length - 1;
    if (tingkatAkar >= 0 && (awal.length === 0 || awal.indexOf(akar) === -1)) {
      awal = mulai;
    }
    if (tingkatAkar < 0) {
      muat("", -1, awal[0] || null);
    } else {
      muat(akar, tingkatAkar, awal[tingkatAkar + 1] || null);
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".pilih-wilayah"), pasang);
})();
