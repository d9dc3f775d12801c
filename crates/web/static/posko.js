// Posko's only script: pages work without it. It does two things (and
// copies a running DPT import's progress events into its page).
//
// 1. Live numbers. A page with data-langsung="URL" listens to that
//    server-sent-events URL; when its totals change the page's <main> is
//    refetched and swapped in (at most every two seconds), so templates
//    stay the one source of markup.
//
// 2. The saksi's form, offline (and the field room's forms: an event's
//    door, an APK installation, a task's proof). A form with data-antrean submits through
//    fetch; if the network is down the entry (fields and photos) is kept in
//    IndexedDB and sent when the network returns. Each entry carries the
//    client id the server uses to answer a resend with the first answer,
//    so a retry can never count a TPS twice. As the saksi types, the
//    form's arithmetic is checked and the fields that disagree are marked.
//
// 3. Canvassing visits, offline. A form with data-kunjungan (the walk
//    list) is not posted: the visit gets an id made here (a UUID), goes
//    into a queue in localStorage, and the queue is sent as one JSON batch
//    to /api/v1/kunjungan whenever the phone is online. The server stores
//    an id once, so sending the same batch again (a lost answer, two tabs)
//    never counts a visit twice; an id leaves the queue only once the
//    server has acknowledged it.
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

  var kunciBaru = function () {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  };

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

  // What to tell the saksi, in the page's language (from the page).
  var teks = function (k) { return (status && status.getAttribute("data-" + k)) || ""; };
  var masukLagi = function () {
    say(teks("masuk-lagi") + " ", "galat");
    if (!status) return;
    var a = document.createElement("a");
    a.href = "/masuk?lanjut=" + encodeURIComponent(location.pathname);
    a.textContent = teks("tautan-masuk");
    status.appendChild(a);
  };

  // An entry leaves the queue only when the server has it (2xx) or has
  // refused the form itself (422: the page says what to fix). A lost
  // connection, an outage (503) or any 5xx, a sign-in that expired (401,
  // or the sign-in redirect), a refused token (403) or a collision (409)
  // keep it; nothing is dropped silently.
  var send = function (entry) {
    var fd = new FormData();
    // The token of the session signed in now: an entry queued before the
    // saksi signed in again carries the old one.
    var kini = form.elements.csrf ? form.elements.csrf.value : "";
    entry.fields.forEach(function (kv) { fd.append(kv[0], kv[0] === "csrf" && kini ? kini : kv[1]); });
    entry.photos.forEach(function (p) { fd.append("foto", p.blob, p.name); });
    // Posted as the form itself would be: a form without files (the door,
    // an interview) is read by the server as urlencoded, not multipart.
    // Entries queued before this was recorded were all multipart.
    var body = fd;
    if (entry.enctype && entry.enctype !== "multipart/form-data") {
      body = new URLSearchParams();
      fd.forEach(function (v, k) { body.append(k, v); });
    }
    return fetch(entry.action, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
      .then(function (r) {
        if (r.type === "opaqueredirect") return { status: 401, html: "" };
        return r.text().then(function (html) {
          return { status: r.status, html: html, tunggu: parseInt(r.headers.get("Retry-After") || "", 10) };
        });
      });
  };

  // Retrying: after Retry-After when the server gives one, else doubling
  // from 2 s to a minute, with a little jitter so phones do not come back
  // all at once.
  var jeda = 2000, timer = null, sedang = false, lagi = false;
  var nanti = function (detik) {
    var ms = Math.max(isNaN(detik) ? 0 : detik * 1000, jeda);
    jeda = Math.min(jeda * 2, 60000);
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { timer = null; flush(); }, ms * (0.9 + Math.random() * 0.2));
  };
  var alasan = function (html) {
    try {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var el = doc.querySelector("main") || doc.body;
      return ((el && el.textContent) || html).replace(/\s+/g, " ").trim().slice(0, 300);
    } catch (e) { return ""; }
  };

  var flush = function () {
    // One round at a time; a call meanwhile (a new entry) runs after it.
    if (sedang) { lagi = true; return Promise.resolve(); }
    sedang = true;
    lagi = false;
    return entries().then(function (list) {
      if (!list || !list.length) return;
      say(list.length + " " + teks("menunggu"), "catatan");
      var kirim = function (e) {
        return send(e).then(function (res) {
          if (res.status === 415 && !e.enctype && !e.photos.length) {
            // Queued before the queue recorded its form's encoding (the
            // door, an interview: urlencoded forms): once more, as the
            // form itself would have posted it.
            e.enctype = "application/x-www-form-urlencoded";
            return tx("readwrite", function (s) { return s.put(e); }).then(function () { return send(e); });
          }
          return res;
        });
      };
      return list.reduce(function (p, e) {
        return p.then(function () {
          return kirim(e).then(function (res) {
            if ((res.status >= 200 && res.status < 300) || res.status === 422) {
              jeda = 2000;
              return tx("readwrite", function (s) { return s.delete(e.kunci); }).then(function () {
                document.open(); document.write(res.html); document.close();
              });
            }
            // Kept: stop here and say why; the rest wait their turn.
            var err = new Error("status " + res.status);
            err.res = res;
            throw err;
          });
        });
      }, Promise.resolve());
    }).catch(function (err) {
      var res = err && err.res;
      if (!res) { say(teks("tanpa-sinyal"), "catatan"); nanti(NaN); }
      else if (res.status === 401 || res.status === 403) { masukLagi(); nanti(NaN); }
      else if (res.status >= 500 || res.status === 409 || res.status === 408 || res.status === 429) {
        say(teks("gangguan"), "catatan");
        nanti(res.tunggu);
      } else {
        // Another refusal (a body too large, a page gone): kept, shown, and
        // tried again when the page opens or the signal returns.
        say(teks("ditolak") + " " + alasan(res.html), "galat");
      }
    }).then(function () {
      sedang = false;
      if (lagi && !timer) return flush();
    });
  };

  form.addEventListener("submit", function (ev) {
    if (!window.indexedDB || !window.fetch) return; // plain post
    ev.preventDefault();
    // A form used again and again (the door of an event, an installation
    // after another) gets a fresh key per entry and the phone's clock at
    // the moment it was filled, since it may reach the server hours later.
    form.querySelectorAll("input[data-waktu-kini]").forEach(function (el) {
      el.value = String(Math.floor(Date.now() / 1000));
    });
    var fd = new FormData(form);
    if (form.hasAttribute("data-kunci-baru")) fd.set("kunci_klien", kunciBaru());
    var entry = { kunci: fd.get("kunci_klien"), action: form.action, enctype: form.enctype, fields: [], photos: [] };
    fd.forEach(function (v, k) {
      if (v instanceof File) {
        if (v.size > 0) entry.photos.push({ name: v.name, blob: v });
      } else {
        entry.fields.push([k, v]);
      }
    });
    tx("readwrite", function (s) { return s.put(entry); })
      .then(function () {
        say(teks("tersimpan"), "catatan");
        if (form.hasAttribute("data-kunci-baru")) form.reset();
        jeda = 2000;
        return flush();
      })
      .catch(function () { form.submit(); });
  });

  window.addEventListener("online", flush);
  flush();
  check();
})();

(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-kunjungan]");
  if (!forms.length || !window.fetch || !window.localStorage || !window.JSON) return;
  var KEY = "posko-kunjungan";
  var banner = document.getElementById("antrean-kunjungan");
  var load = function () {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  };
  var save = function (q) { localStorage.setItem(KEY, JSON.stringify(q)); };
  var show = function (text) {
    if (!banner) return;
    banner.textContent = text;
    banner.hidden = !text;
  };
  var uuid = function () {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // crypto.randomUUID needs HTTPS; a posko on a LAN may be plain HTTP.
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  };
  var teks = function (k) { return (banner && banner.getAttribute("data-" + k)) || ""; };
  // Refusals of visits the server will never take (shown, then dropped),
  // and why the queue is waiting (an outage, a session to renew).
  var refused = [];
  var tunda = "";
  var report = function () {
    var n = load().length;
    var parts = [];
    if (n) parts.push(n + " " + teks("menunggu"));
    if (n && tunda) parts.push(tunda);
    refused.forEach(function (r) { parts.push(teks("ditolak") + " " + r); });
    show(parts.join(" "));
  };
  // The session's CSRF token, from the form: the API refuses a cookie
  // without it (or without a same-origin JSON request).
  var csrfInput = forms[0].querySelector("input[name=csrf]");
  var csrf = csrfInput ? csrfInput.value : "";
  var post = function (batch) {
    return fetch("/api/v1/kunjungan", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ kunjungan: batch })
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (b) {
        return { status: r.status, body: b || {}, tunggu: parseInt(r.headers.get("Retry-After") || "", 10) };
      });
    });
  };
  var forget = function (ids) {
    save(load().filter(function (v) { return ids.indexOf(v.id) < 0; }));
  };
  // A visit leaves the queue once the server has it, or when the server
  // refuses that visit itself (400/422 naming it). An outage or any 5xx,
  // a lost connection, an expired session (401/403) or anything else keep
  // the queue: retried after Retry-After or a doubling pause.
  var ditolak = function (st) { return st === 400 || st === 422; };
  var jeda = 2000, berikut = 0, timer = null;
  var nanti = function (detik) {
    var ms = Math.max(isNaN(detik) ? 0 : detik * 1000, jeda);
    jeda = Math.min(jeda * 2, 60000);
    berikut = Date.now() + ms;
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { timer = null; flush(true); }, ms * (0.9 + Math.random() * 0.2));
  };
  var tahan = function (res) {
    if (res.status === 401 || res.status === 403) tunda = teks("masuk-lagi");
    else if (res.status >= 500) tunda = teks("gangguan");
    else tunda = teks("tertunda") + " " + ((res.body && res.body.error) || ("status " + res.status));
    nanti(res.tunggu);
  };
  var sending = false;
  var flush = function (paksa) {
    var q = load();
    if (sending || !q.length || (paksa !== true && Date.now() < berikut)) { report(); return Promise.resolve(); }
    sending = true;
    var batch = q.slice(0, 500);
    return post(batch).then(function (res) {
      if (res.status === 200) { forget(res.body.diterima || []); tunda = ""; jeda = 2000; berikut = 0; return; }
      if (!ditolak(res.status)) { tahan(res); return; }
      // Refused: the answer names the visit at fault when it can;
      // otherwise send one by one so only the bad visits stay behind.
      var bad = typeof res.body.indeks === "number" ? batch[res.body.indeks] : null;
      if (bad || batch.length === 1) {
        bad = bad || batch[0];
        refused.push(res.body.error || ("status " + res.status));
        forget([bad.id]);
        return;
      }
      return batch.reduce(function (p, v) {
        return p.then(function () {
          return post([v]).then(function (one) {
            if (one.status === 200) forget(one.body.diterima || []);
            else if (ditolak(one.status)) { refused.push(one.body.error || ("status " + one.status)); forget([v.id]); }
            else { tahan(one); throw one; }
          });
        });
      }, Promise.resolve());
    }).catch(function (e) {
      // No signal: keep the queue and try again.
      if (!(e && e.status)) { tunda = ""; nanti(NaN); }
    }).then(function () {
        sending = false;
        report();
        if (load().length && navigator.onLine !== false && batch.length === 500 && !timer) return flush(true);
      });
  };
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var f = form.elements;
      var pick = function (n) { var el = f[n]; return el ? (el.value || "").trim() : ""; };
      var jawaban = {};
      // The questions are the election's: each select names its code.
      Array.prototype.forEach.call(form.querySelectorAll("[data-soal]"), function (el) {
        var v = (el.value || "").trim();
        if (v) jawaban[el.getAttribute("data-soal")] = v;
      });
      var v = {
        id: uuid(),
        tps: form.getAttribute("data-kunjungan"),
        urut: parseInt(pick("urut"), 10),
        hasil: pick("hasil"),
        jawaban: jawaban,
        catatan: pick("catatan"),
        waktu: Math.floor(Date.now() / 1000)
      };
      if (pick("dukungan")) v.dukungan = pick("dukungan");
      var q = load();
      q.push(v);
      save(q);
      form.reset();
      var note = form.querySelector(".status-kunjungan");
      if (note) note.textContent = "Tersimpan di ponsel (" + new Date().toLocaleTimeString() + ").";
      var rumah = form.closest("details");
      if (rumah) rumah.classList.add("dikunjungi");
      flush();
    });
  });
  window.addEventListener("online", function () { flush(true); });
  setInterval(flush, 30000);
  flush(true);
})();
