// Posko's only script: pages work without it. It does two things (and
// copies a running DPT import's progress events into its page).
//
// 1. Live numbers. A page with data-langsung="URL" listens to that
//    server-sent-events URL; when its totals change the page's <main> is
//    refetched and swapped in (at most every two seconds), so templates
//    stay the one source of markup.
//
// 2. The saksi's form, offline. A form with data-antrean submits through
//    fetch; if the network is down the entry (fields and photos) is kept in
//    IndexedDB and sent when the network returns. Each entry carries the
//    client id the server uses to answer a resend with the first answer,
//    so a retry can never count a TPS twice. As the saksi types, the
//    form's arithmetic is checked and the fields that disagree are marked.
(function () {
  "use strict";

  // ---------------------------------------------------------------- live
  var main = document.querySelector("main");
  var live = main && main.getAttribute("data-langsung");
  if (live && window.EventSource) {
    var pending = false;
    var last = 0;
    var refresh = function () {
      if (pending) return;
      var wait = Math.max(0, 2000 - (Date.now() - last));
      pending = true;
      setTimeout(function () {
        fetch(location.href, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) {
            if (!html) return;
            var doc = new DOMParser().parseFromString(html, "text/html");
            var fresh = doc.querySelector("main");
            if (fresh) main.innerHTML = fresh.innerHTML;
          })
          .finally(function () { pending = false; last = Date.now(); });
      }, wait);
    };
    var es = new EventSource(live);
    es.addEventListener("rekap", refresh);
  }

  // ------------------------------------------------ a DPT import's progress
  // The server renders the figures; the script only copies the event's
  // texts in, and reloads once the import is over to show the report.
  var impor = document.getElementById("impor-dpt");
  if (impor && impor.getAttribute("data-selesai") === "false" && window.EventSource) {
    var set = function (id, text) {
      var el = document.getElementById(id);
      if (el) el.textContent = text;
    };
    var src = new EventSource(impor.getAttribute("data-kemajuan"));
    src.addEventListener("kemajuan", function (e) {
      var k = JSON.parse(e.data);
      set("impor-baris", k.baris_teks);
      set("impor-masalah", String(k.masalah));
      set("impor-laju", k.laju);
      if (k.selesai) {
        src.close();
        location.reload();
      }
    });
  }

  // ------------------------------------------------------- the saksi form
  var form = document.querySelector("form[data-antrean]");
  if (!form) return;
  var status = document.getElementById("status-kirim");
  var say = function (text, kind) {
    if (!status) return;
    status.textContent = text;
    status.className = kind || "";
  };

  // Arithmetic as the saksi types (the server checks again; this only
  // helps catch a copying slip before sending).
  var num = function (name) {
    var el = form.elements[name];
    if (!el || el.value.trim() === "") return null;
    var v = el.value.replace(/\./g, "").trim();
    return /^\d+$/.test(v) ? parseInt(v, 10) : NaN;
  };
  var mark = function (names, bad) {
    names.forEach(function (n) {
      var el = form.elements[n];
      if (el) el.classList.toggle("tidak-cocok", bad);
    });
  };
  var check = function () {
    var paslon = [];
    for (var i = 0; form.elements["suara_paslon." + i]; i++) paslon.push("suara_paslon." + i);
    var notes = [];
    form.querySelectorAll("input").forEach(function (el) { el.classList.remove("tidak-cocok"); });
    form.querySelectorAll("input[inputmode=numeric]").forEach(function (el) {
      if (el.value.trim() !== "" && !/^[\d.]+$/.test(el.value.trim())) {
        el.classList.add("tidak-cocok");
        notes.push("'" + el.value + "' bukan angka");
      }
    });
    var sum = 0, all = true;
    paslon.forEach(function (n) { var v = num(n); if (v === null || isNaN(v)) all = false; else sum += v; });
    var sah = num("suara_sah"), tsah = num("suara_tidak_sah"), total = num("suara_total");
    if (all && sah !== null && !isNaN(sah) && sum !== sah) {
      mark(paslon.concat(["suara_sah"]), true);
      notes.push("jumlah suara paslon " + sum + " ≠ suara sah " + sah);
    }
    if (sah !== null && tsah !== null && total !== null && sah + tsah !== total) {
      mark(["suara_sah", "suara_tidak_sah", "suara_total"], true);
      notes.push("V.A + V.B = " + (sah + tsah) + " ≠ V.C " + total);
    }
    var note = document.getElementById("cek-hitung");
    if (note) note.textContent = notes.length ? "Periksa lagi: " + notes.join("; ") + ". (Tetap bisa dikirim bila formulirnya memang begitu.)" : "";
  };
  form.addEventListener("input", check);

  // ------------------------------------------------- the offline queue
  var DB = "posko-antrean", STORE = "kiriman";
  var open = function () {
    return new Promise(function (ok, fail) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(STORE, { keyPath: "kunci" }); };
      req.onsuccess = function () { ok(req.result); };
      req.onerror = function () { fail(req.error); };
    });
  };
  var tx = function (mode, fn) {
    return open().then(function (db) {
      return new Promise(function (ok, fail) {
        var t = db.transaction(STORE, mode);
        var out = fn(t.objectStore(STORE));
        t.oncomplete = function () { ok(out && out.result); };
        t.onerror = function () { fail(t.error); };
      });
    });
  };
  var entries = function () { return tx("readonly", function (s) { return s.getAll(); }); };

  var send = function (entry) {
    var fd = new FormData();
    entry.fields.forEach(function (kv) { fd.append(kv[0], kv[1]); });
    entry.photos.forEach(function (p) { fd.append("foto", p.blob, p.name); });
    return fetch(entry.action, { method: "POST", body: fd, credentials: "same-origin" })
      .then(function (r) {
        // A 4xx is an answer (the server refused it): keep the page's
        // message; only a lost connection or a 5xx is worth a retry.
        if (r.status >= 500) throw new Error("server " + r.status);
        return r.text().then(function (html) { return { status: r.status, html: html }; });
      });
  };

  var flush = function () {
    return entries().then(function (list) {
      if (!list || !list.length) return;
      say(list.length + " kiriman menunggu sinyal; mengirim…", "catatan");
      return list.reduce(function (p, e) {
        return p.then(function () {
          return send(e).then(function (res) {
            return tx("readwrite", function (s) { return s.delete(e.kunci); }).then(function () {
              document.open(); document.write(res.html); document.close();
            });
          });
        });
      }, Promise.resolve()).catch(function () {
        say("Belum ada sinyal. Kiriman tersimpan di ponsel dan dikirim otomatis saat sinyal kembali.", "catatan");
      });
    });
  };

  form.addEventListener("submit", function (ev) {
    if (!window.indexedDB || !window.fetch) return; // plain post
    ev.preventDefault();
    var fd = new FormData(form);
    var entry = { kunci: fd.get("kunci_klien"), action: form.action, fields: [], photos: [] };
    fd.forEach(function (v, k) {
      if (v instanceof File) {
        if (v.size > 0) entry.photos.push({ name: v.name, blob: v });
      } else {
        entry.fields.push([k, v]);
      }
    });
    tx("readwrite", function (s) { return s.put(entry); })
      .then(function () { say("Tersimpan di ponsel; mengirim…", "catatan"); return flush(); })
      .catch(function () { form.submit(); });
  });

  window.addEventListener("online", flush);
  flush();
  check();
})();
