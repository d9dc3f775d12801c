//! Verification as the verifier and the supervisor live it (issue 19):
//! the queue says how many forms wait, names the desa and kecamatan, how
//! long each waited, and puts forms with arithmetic findings first; a
//! photo nobody can read takes its form out of the queue until a new one
//! comes (audited); saving a reading goes straight to the next form; a
//! supervisor settles a dispute with one click on a reading; and the
//! discrepancy page shows every figure it compares.

use crate::common;

use common::{serve, shared_data, store_dki};
use posko_app::{Aktor, ImportRequest, IsianHasil, NewPengguna, Posko};
use posko_domain::{Cakupan, FormulirHasil, KodeTps, KodeWilayah, Penugasan, Peran};
use posko_storage::{Angka, Pengguna, StatusHasil};
use reqwest::StatusCode;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

/// A small but real JPEG-looking upload; `n` makes each photo its own.
fn jpeg(n: u8) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0];
    v.extend_from_slice(&[n; 2048]);
    v
}

async fn pengirim(posko: &Posko) -> Pengguna {
    posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: "pengirim.uji".into(),
                nama: "Pengirim Uji".into(),
                password: None,
                penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
                telepon: None,
            },
        )
        .await
        .unwrap()
        .0
}

/// Sends a C.Hasil with one photo: paslon votes, V.A and V.B as given
/// (a V.A that is not the paslon sum is an arithmetic finding).
#[allow(clippy::too_many_arguments)]
async fn kirim(
    posko: &Posko,
    oleh: &Pengguna,
    id: uuid::Uuid,
    tps: KodeTps,
    kunci: &str,
    suara: [u32; 2],
    sah: u32,
    tidak_sah: u32,
    foto: u8,
) {
    let hash = posko.simpan_foto(oleh, &jpeg(foto)).await.unwrap();
    posko
        .kirim_hasil(
            oleh,
            IsianHasil {
                pemilihan_id: id,
                tps,
                kunci_klien: format!("uji-alur-{kunci}"),
                formulir: FormulirHasil {
                    suara_paslon: vec![Some(suara[0]), Some(suara[1])],
                    suara_sah: Some(sah),
                    suara_tidak_sah: Some(tidak_sah),
                    suara_total: Some(sah + tidak_sah),
                    ..Default::default()
                },
                alasan: Some("uji".into()),
                foto: vec![hash],
                sumber: "uji",
            },
        )
        .await
        .unwrap();
}

async fn teks(c: &reqwest::Client, url: String) -> (StatusCode, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

fn lokasi(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

/// The part of a page between `awal` and the next `akhir`.
fn potong<'a>(html: &'a str, awal: &str, akhir: &str) -> &'a str {
    let i = html
        .find(awal)
        .unwrap_or_else(|| panic!("{awal} not on the page: {html}"));
    let rest = &html[i..];
    &rest[..rest.find(akhir).unwrap_or(rest.len())]
}

/// Reads a form as a verifier does on the page; returns the response.
async fn baca(
    s: &common::TestServer,
    c: &reqwest::Client,
    id: uuid::Uuid,
    tps: KodeTps,
    angka: [u32; 4],
) -> reqwest::Response {
    let url = s.url(&format!("/verifikasi/{id}/tps/{}", tps.undotted()));
    let (st, html) = teks(c, url.clone()).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    let csrf = common::nilai_input(&html, "csrf");
    let kiriman = common::nilai_input(&html, "kiriman_id");
    c.post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("kiriman_id", kiriman.as_str()),
            ("suara_paslon.0", &angka[0].to_string()),
            ("suara_paslon.1", &angka[1].to_string()),
            ("suara_sah", &angka[2].to_string()),
            ("suara_tidak_sah", &angka[3].to_string()),
        ])
        .send()
        .await
        .unwrap()
}

per_backend!(queue_orders_findings_first_and_an_unreadable_photo_waits_for_a_new_one);
async fn queue_orders_findings_first_and_an_unreadable_photo_waits_for_a_new_one(
    backend: &'static str,
) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let p = pengirim(&posko).await;
    let tps: Vec<KodeTps> = posko
        .store()
        .daftar_tps_di(kw("31.71.01.1001"), None, 3)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.kode)
        .collect();
    let (a, b, c) = (tps[0], tps[1], tps[2]);
    kirim(&posko, &p, id, a, "a-1", [100, 50], 150, 3, 1).await;
    // B arrived later, but its V.A is not the paslon sum: read it first.
    kirim(&posko, &p, id, b, "b-1", [100, 50], 151, 3, 2).await;
    kirim(&posko, &p, id, c, "c-1", [80, 70], 150, 2, 3).await;
    let desa = posko
        .wilayah(kw("31.71.01.1001"))
        .await
        .unwrap()
        .unwrap()
        .nama;
    let kec = posko.wilayah(kw("31.71.01")).await.unwrap().unwrap().nama;
    let s = serve(posko, dir).await;
    let verif = Penugasan::new(Peran::Verifier, Cakupan::Wilayah(kw("31.71"))).unwrap();
    let v = s.client_as("verif.pusat", vec![verif]).await;
    let luar = Penugasan::new(Peran::Verifier, Cakupan::Wilayah(kw("31.72"))).unwrap();
    let v_luar = s.client_as("verif.utara", vec![luar]).await;

    // The queue: the count, names, age, findings first, the TPS page.
    let antrean = s.url(&format!("/verifikasi/{id}"));
    let (st, q) = teks(&v, antrean.clone()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(
        q.contains("3 formulir menunggu verifikasi"),
        "{backend}: {q}"
    );
    assert!(q.contains(&desa) && q.contains(&kec), "{backend}: names");
    assert!(
        q.contains("menunggu baru saja"),
        "{backend}: each form's age"
    );
    assert!(q.contains("diperbarui "), "{backend}: says when");
    assert!(
        q.contains("data-segarkan=") && q.contains("/static/segarkan.js"),
        "{backend}: refreshes itself"
    );
    assert!(q.contains("1 temuan"), "{backend}: the finding is shown");
    let tabel = potong(&q, "<ol class=\"antrean\"", "</ol>");
    let posisi = |t: KodeTps| {
        tabel
            .find(&format!("/verifikasi/{id}/tps/{}\"", t.undotted()))
            .unwrap_or_else(|| panic!("{backend}: {t} not queued: {tabel}"))
    };
    assert!(
        posisi(b) < posisi(a) && posisi(a) < posisi(c),
        "{backend}: findings first, then oldest: {tabel}"
    );
    // The reading is blind: the TPS page (which shows the figures) is
    // not linked for a verifier; it is for a supervisor (below).
    assert!(
        !tabel.contains(&format!("/pemilihan/{id}/tps/{}\"", a.undotted())),
        "{backend}: the TPS page is not linked for a blind reader"
    );
    let js = v.get(s.url("/static/segarkan.js")).send().await.unwrap();
    assert_eq!(js.status(), StatusCode::OK, "{backend}");
    assert!(
        js.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript")
    );

    // Reading B (the first) goes straight on to the next form, A,
    // saying what was saved.
    let r = baca(&s, &v, id, b, [100, 50, 151, 3]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let ke = lokasi(&r);
    assert!(
        ke.starts_with(&format!("/verifikasi/{id}/tps/{}?", a.undotted()))
            && ke.contains("pesan=menunggu"),
        "{backend}: {ke}"
    );
    let (st, halaman) = teks(&v, s.url(&ke)).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(
        halaman.contains(&format!("TPS {b}: Bacaan tersimpan")),
        "{backend}: {halaman}"
    );
    // The photo in the markup the zoom/rotate script works on.
    assert!(
        halaman.contains("<figure class=\"foto-periksa\"><a href=")
            && halaman.contains("<script src=\"/static/foto.js\" defer></script>"),
        "{backend}: {halaman}"
    );
    let csrf = common::nilai_input(&halaman, "csrf");
    let kiriman = common::nilai_input(&halaman, "kiriman_id");
    let tidak_terbaca = s.url(&format!(
        "/verifikasi/{id}/tps/{}/foto-tidak-terbaca",
        a.undotted()
    ));
    assert!(halaman.contains(&format!(
        "/verifikasi/{id}/tps/{}/foto-tidak-terbaca",
        a.undotted()
    )));

    // A verifier of another area may not mark it.
    let r = v_luar
        .post(&tidak_terbaca)
        .form(&[("csrf", "x"), ("kiriman_id", kiriman.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");

    // A's photo cannot be read: out of the queue, waiting for a photo.
    let r = v
        .post(&tidak_terbaca)
        .form(&[
            ("csrf", csrf.as_str()),
            ("kiriman_id", kiriman.as_str()),
            ("catatan", "buram, angka paslon 2 terpotong"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    let ke = lokasi(&r);
    assert!(
        ke.starts_with(&format!("/verifikasi/{id}/tps/{}?", c.undotted()))
            && ke.contains("pesan=perlu_foto"),
        "{backend}: on to the next form: {ke}"
    );
    let h = s.posko.ambil_hasil_tps(id, a).await.unwrap().unwrap();
    assert_eq!(h.status, StatusHasil::PerluFoto, "{backend}");
    let log = s.posko.store().daftar_audit(0, 10_000).await.unwrap();
    let e = log
        .iter()
        .find(|e| e.aksi == "hasil.foto_tidak_terbaca")
        .unwrap_or_else(|| panic!("{backend}: not audited"));
    assert_eq!(e.entitas_id, a.to_string(), "{backend}");
    assert!(
        e.ringkasan.contains("terpotong"),
        "{backend}: {}",
        e.ringkasan
    );
    assert!(e.aktor.contains(':'), "{backend}: by the verifier");

    let (_, q) = teks(&v, antrean.clone()).await;
    assert!(
        q.contains("2 formulir menunggu verifikasi"),
        "{backend}: {q}"
    );
    let tabel = potong(&q, "<ol class=\"antrean\"", "</ol>");
    assert!(
        !tabel.contains(&a.undotted()),
        "{backend}: A left the queue: {tabel}"
    );
    let perlu = potong(&q, "id=\"perlu-foto\"", "</table>");
    assert!(
        perlu.contains(&a.to_string()) && perlu.contains("perlu foto baru"),
        "{backend}: A waits for a new photo: {perlu}"
    );
    // The TPS's saksi is told on their form to send a new photo.
    let saksi = s
        .client_as(
            "saksi.a",
            vec![Penugasan::new(Peran::Saksi, Cakupan::Tps(a)).unwrap()],
        )
        .await;
    let (st, form) = teks(
        &saksi,
        s.url(&format!("/pemilihan/{id}/tps/{}/kirim", a.undotted())),
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(
        form.contains("tidak terbaca oleh verifikator"),
        "{backend}: {form}"
    );
    // Reading it now is refused: it needs a new photo first.
    let r = baca(&s, &v, id, a, [100, 50, 150, 3]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");

    // The saksi sends the form again with a new photo: back in the queue.
    kirim(&s.posko, &p, id, a, "a-2", [100, 50], 150, 3, 4).await;
    let h = s.posko.ambil_hasil_tps(id, a).await.unwrap().unwrap();
    assert_eq!(h.status, StatusHasil::Masuk, "{backend}");
    let (_, q) = teks(&v, antrean.clone()).await;
    assert!(
        q.contains("3 formulir menunggu verifikasi") && !q.contains("id=\"perlu-foto\""),
        "{backend}: {q}"
    );

    // The last form read: back to the queue, with the message.
    let r = baca(&s, &v, id, c, [80, 70, 150, 2]).await;
    let ke = lokasi(&r);
    assert!(
        ke.starts_with(&format!("/verifikasi/{id}/tps/{}?", a.undotted())),
        "{backend}: {ke}"
    );
    let r = baca(&s, &v, id, a, [100, 50, 150, 3]).await;
    let ke = lokasi(&r);
    assert!(
        ke.starts_with(&format!("/verifikasi/{id}?")) && ke.contains("pesan=menunggu"),
        "{backend}: nothing left to read: {ke}"
    );
}

fn lembar(bytes: &[u8]) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let nama = wb.sheet_names()[0].clone();
    let r = wb.worksheet_range(&nama).unwrap();
    r.rows().map(|b| b.to_vec()).collect()
}

fn sel(d: &calamine::Data) -> String {
    match d {
        calamine::Data::String(s) => s.clone(),
        calamine::Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The data rows under the header row that starts with `kepala`.
fn baris_di_bawah(rows: &[Vec<calamine::Data>], kepala: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let h = rows
        .iter()
        .position(|r| r.first().map(sel).as_deref() == Some(kepala))
        .unwrap_or_else(|| panic!("no header {kepala}: {rows:?}"));
    let judul = rows[h].iter().map(sel).collect();
    let isi = rows[h + 1..]
        .iter()
        .map(|r| r.iter().map(sel).collect::<Vec<_>>())
        .take_while(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
        .collect();
    (judul, isi)
}

/// The number a "N TPS bermasalah" text starts with, after `penanda`.
fn jumlah_setelah(html: &str, penanda: &str) -> usize {
    let i = html
        .find(penanda)
        .unwrap_or_else(|| panic!("{penanda} not on the page: {html}"));
    let rest = &html[i + penanda.len()..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    rest.split(' ').next().unwrap().parse().unwrap()
}

per_backend!(a_dispute_is_settled_with_one_click_on_a_reading_and_listed_by_area);
async fn a_dispute_is_settled_with_one_click_on_a_reading_and_listed_by_area(
    backend: &'static str,
) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let p = pengirim(&posko).await;
    let pertama = |w: &'static str| {
        let posko = posko.clone();
        async move {
            posko
                .store()
                .daftar_tps_di(kw(w), None, 1)
                .await
                .unwrap()
                .pop()
                .unwrap()
                .kode
        }
    };
    let (x, y) = (pertama("31.71").await, pertama("31.72").await);
    // X: the saksi typed 25 where the photo says 52 (or 51).
    kirim(&posko, &p, id, x, "x-1", [100, 25], 125, 3, 1).await;
    // Y: only the invalid votes differ.
    kirim(&posko, &p, id, y, "y-1", [60, 40], 100, 1, 2).await;
    let s = serve(posko, dir).await;
    let semua = |n: &str| {
        let role = Penugasan::new(Peran::Verifier, Cakupan::Wilayah(kw("31"))).unwrap();
        (n.to_string(), vec![role])
    };
    let (n, r) = semua("verif.ani");
    let ani = s.client_as(&n, r).await;
    let (n, r) = semua("verif.budi");
    let budi = s.client_as(&n, r).await;
    baca(&s, &ani, id, x, [100, 52, 152, 3]).await;
    let r = baca(&s, &budi, id, x, [100, 51, 151, 3]).await;
    assert!(lokasi(&r).contains("pesan=bermasalah"), "{backend}");
    baca(&s, &ani, id, y, [60, 40, 100, 2]).await;
    let r = baca(&s, &budi, id, y, [60, 40, 100, 2]).await;
    assert!(lokasi(&r).contains("pesan=bermasalah"), "{backend}");
    let m = s.client();
    // A supervisor who also opens the verification page.
    let pengawas = s
        .client_as(
            "pengawas",
            vec![
                Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap(),
                Penugasan::new(Peran::Verifier, Cakupan::Semua).unwrap(),
            ],
        )
        .await;

    // The count at the top of the verification page opens the list, and
    // both say the same number.
    let (st, q) = teks(&pengawas, s.url(&format!("/verifikasi/{id}"))).await;
    assert_eq!(st, StatusCode::OK, "{backend}: {q}");
    let atas = jumlah_setelah(&q, &format!("<a href=\"/verifikasi/{id}/sengketa\""));
    assert_eq!(atas, 2, "{backend}: {q}");
    assert!(
        q.find(&format!("/verifikasi/{id}/sengketa\"")).unwrap() < q.find("<h2").unwrap_or(q.len()),
        "{backend}: the count is at the top"
    );
    let daftar = s.url(&format!("/verifikasi/{id}/sengketa"));
    let (st, l) = teks(&m, daftar.clone()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert_eq!(
        jumlah_setelah(&l, "<strong class=\"jumlah-sengketa\""),
        atas,
        "{backend}"
    );
    let tbody = potong(&l, "<tbody>", "</tbody>");
    assert_eq!(tbody.matches("<tr").count(), atas, "{backend}: {tbody}");
    // Filtered by area, on the page and in its downloads.
    let (_, l) = teks(&m, format!("{daftar}?wilayah=31.71")).await;
    assert_eq!(
        jumlah_setelah(&l, "<strong class=\"jumlah-sengketa\""),
        1,
        "{backend}"
    );
    assert!(
        l.contains(&x.to_string()) && !l.contains(&y.to_string()),
        "{backend}"
    );
    assert!(
        l.contains(&format!("href=\"/pemilihan/{id}/tps/{}\"", x.undotted())),
        "{backend}: the TPS page is linked for a supervisor"
    );
    assert!(l.contains(&format!("/verifikasi/{id}/sengketa/xlsx?wilayah=31.71")));
    let r = m
        .get(format!("{daftar}/xlsx?wilayah=31.71"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let (_, rows) = baris_di_bawah(&lembar(&r.bytes().await.unwrap()), "TPS");
    assert_eq!(rows.len(), 1, "{backend}: {rows:?}");
    assert_eq!(rows[0][0], x.to_string(), "{backend}");
    let r = m.get(format!("{daftar}/pdf")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF-"));
    let (st, _) = teks(&ani, daftar.clone()).await;
    assert_eq!(
        st,
        StatusCode::FORBIDDEN,
        "{backend}: verifiers do not settle"
    );

    // The dispute: names, no table repeated as text, differing cells
    // marked, a button per reading.
    let halaman = s.url(&format!("/verifikasi/{id}/tps/{}/sengketa", x.undotted()));
    let (st, d) = teks(&m, halaman.clone()).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    assert!(
        d.contains("Uji verif.ani") && d.contains("Uji verif.budi") && d.contains("Pengirim Uji"),
        "{backend}: people's names: {d}"
    );
    assert!(!d.contains("suara paslon 2: saksi"), "{backend}: {d}");
    let tabel = potong(&d, "<tbody>", "</tbody>");
    assert_eq!(
        tabel.matches("class=\"num beda\"").count(),
        4,
        "{backend}: 52/152 and 51/151 differ from the saksi: {tabel}"
    );
    assert_eq!(tabel.matches("≠").count(), 4, "{backend}: not only colour");
    let h = s.posko.ambil_hasil_tps(id, x).await.unwrap().unwrap();
    let bacaan = s
        .posko
        .store()
        .daftar_bacaan_kiriman(h.kiriman_id)
        .await
        .unwrap();
    let b = bacaan.iter().find(|b| b.verifier == "verif.budi").unwrap();
    assert!(
        d.contains(&format!("name=\"sumber\" value=\"{}\"", b.id)),
        "{backend}"
    );
    let csrf = common::nilai_input(&d, "csrf");
    let kiriman = common::nilai_input(&d, "kiriman_id");
    let pakai = format!("{halaman}/pakai");
    let form = [
        ("csrf", csrf.clone()),
        ("kiriman_id", kiriman.clone()),
        ("sumber", b.id.to_string()),
    ];

    // Nobody but a supervisor may use it: a verifier of the area, one of
    // another area, the TPS's saksi.
    let luar = Penugasan::new(Peran::Verifier, Cakupan::Wilayah(kw("31.72"))).unwrap();
    let v_luar = s.client_as("verif.utara", vec![luar]).await;
    let saksi = s
        .client_as(
            "saksi.x",
            vec![Penugasan::new(Peran::Saksi, Cakupan::Tps(x)).unwrap()],
        )
        .await;
    for (siapa, c) in [
        ("verifier", &ani),
        ("verifier luar", &v_luar),
        ("saksi", &saksi),
    ] {
        let r = c.post(&pakai).form(&form).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}: {siapa}");
    }
    let h = s.posko.ambil_hasil_tps(id, x).await.unwrap().unwrap();
    assert_eq!(h.status, StatusHasil::Bermasalah, "{backend}");

    // One click: decided with exactly budi's figures, audited.
    let r = m.post(&pakai).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{backend}");
    assert!(
        lokasi(&r).contains("pesan=diputus"),
        "{backend}: {}",
        lokasi(&r)
    );
    let h = s.posko.ambil_hasil_tps(id, x).await.unwrap().unwrap();
    assert_eq!(h.status, StatusHasil::Terverifikasi, "{backend}");
    assert_eq!(
        h.terverifikasi,
        Some(Angka {
            suara: vec![100, 51],
            sah: 151,
            tidak_sah: 3
        }),
        "{backend}"
    );
    let log = s.posko.store().daftar_audit(0, 10_000).await.unwrap();
    assert!(
        log.iter().any(|e| e.aksi == "hasil.putusan"
            && e.entitas_id == x.to_string()
            && e.ringkasan.contains("memakai bacaan Uji verif.budi")),
        "{backend}"
    );
    // Once decided, it can be used no more, and the counts follow.
    let r = m.post(&pakai).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let (_, q) = teks(&pengawas, s.url(&format!("/verifikasi/{id}"))).await;
    let atas = jumlah_setelah(&q, &format!("<a href=\"/verifikasi/{id}/sengketa\""));
    let (_, l) = teks(&m, daftar).await;
    assert_eq!(
        (
            atas,
            jumlah_setelah(&l, "<strong class=\"jumlah-sengketa\"")
        ),
        (1, 1),
        "{backend}"
    );
}

per_backend!(the_discrepancy_page_shows_a_tps_that_differs_only_in_invalid_votes);
async fn the_discrepancy_page_shows_a_tps_that_differs_only_in_invalid_votes(
    backend: &'static str,
) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let p = pengirim(&posko).await;
    let z = posko
        .store()
        .daftar_tps_di(kw("31.71.01.1001"), None, 1)
        .await
        .unwrap()
        .pop()
        .unwrap()
        .kode;
    kirim(&posko, &p, id, z, "z-1", [100, 50], 150, 3, 1).await;
    let csv = dir.path().join("kpu.csv");
    std::fs::write(
        &csv,
        format!(
            "kode_desa,tps_no,kpu_pas1,kpu_pas2,kpu_sah,kpu_tidak_sah\n{},{},100,50,150,5\n",
            z.desa(),
            z.nomor()
        ),
    )
    .unwrap();
    let r = posko
        .import_resmi(&Aktor::system(), id, &csv, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{backend}: {:?}", r.problems);
    let desa = posko.wilayah(z.desa()).await.unwrap().unwrap().nama;
    let s = serve(posko, dir).await;
    let m = s.client();

    let (st, page) = teks(&m, s.url(&format!("/pemilihan/{id}/selisih/31.71?semua=1"))).await;
    assert_eq!(st, StatusCode::OK, "{backend}");
    let tbody = potong(&page, "<tbody>", "</tbody>");
    let baris = potong(tbody, "<tr", "</tr>");
    assert!(
        baris.contains(&format!("href=\"/pemilihan/{id}/tps/{}\"", z.undotted())),
        "{backend}: the row links to the TPS page: {baris}"
    );
    assert!(baris.contains(&desa), "{backend}: the desa's name");
    let sel: Vec<&str> = baris.split("<td").skip(1).collect();
    // TPS, status, paslon 01, 02, sah, tidak sah, …
    assert!(sel.len() >= 6, "{backend}: {baris}");
    for (i, c) in sel[2..5].iter().enumerate() {
        assert!(!c.contains("beda"), "{backend}: column {i} equal: {c}");
    }
    assert!(
        sel[5].contains("class=\"num beda\"")
            && sel[5].contains("3 → 5 (+2)")
            && sel[5].contains("≠"),
        "{backend}: tidak sah marked: {}",
        sel[5]
    );
    let kepala = potong(&page, "<thead>", "</thead>");
    assert!(kepala.contains("Tidak sah"), "{backend}: {kepala}");

    let r = m
        .get(s.url(&format!("/pemilihan/{id}/selisih/31.71/xlsx?semua=1")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let (judul, rows) = baris_di_bawah(&lembar(&r.bytes().await.unwrap()), "TPS");
    assert_eq!(rows.len(), 1, "{backend}: {rows:?}");
    let c = |j: &str| {
        judul
            .iter()
            .position(|h| h == j)
            .unwrap_or_else(|| panic!("{backend}: no column {j}: {judul:?}"))
    };
    let row = &rows[0];
    assert_eq!(row[c("Tidak sah (kita)")], "3", "{backend}");
    assert_eq!(row[c("Tidak sah (resmi)")], "5", "{backend}");
    assert_eq!(row[c("Sah (kita)")], row[c("Sah (resmi)")], "{backend}");
    assert_eq!(row[c("Berbeda di")], "Tidak sah", "{backend}: {row:?}");
    assert_eq!(row[c("Desa/kelurahan")], desa, "{backend}");
}

/// A signed-in session of a new account with `roles`, for acting through
/// the application directly.
async fn masuk_sebagai(posko: &Posko, username: &str, roles: Vec<Penugasan>) -> posko_app::Masuk {
    posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: username.into(),
                nama: format!("Uji {username}"),
                password: Some(common::PASSWORD.into()),
                penugasan: roles,
                telepon: None,
            },
        )
        .await
        .unwrap();
    posko
        .sign_in(username, common::PASSWORD, &common::klien())
        .await
        .unwrap()
        .unwrap()
        .1
}

/// Every verification page at 360 px, in both languages, is no wider than
/// the phone; the queue refreshes itself in place, keeping the scroll.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_pages_fit_a_phone_and_the_queue_refreshes_in_place() {
    let bin = std::path::Path::new("/usr/bin/chromium");
    if !bin.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run browser tests"
        );
        eprintln!("SKIPPED: chromium not found");
        return;
    }
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki("sqlite", &data, dir.path()).await;
    let id = common::pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let p = pengirim(&posko).await;
    let tps: Vec<KodeTps> = posko
        .store()
        .daftar_tps_di(kw("31.71.01"), None, 6)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.kode)
        .collect();
    for (i, t) in tps[..5].iter().enumerate() {
        let sah = if i == 1 { 151 } else { 150 };
        kirim(
            &posko,
            &p,
            id,
            *t,
            &format!("hp-{i}"),
            [100, 50],
            sah,
            3,
            i as u8 + 1,
        )
        .await;
    }
    // TPS 5 is disputed: two readers saw 52 where the saksi typed 50.
    let x = tps[4];
    for u in ["baca.satu", "baca.dua"] {
        let role = Penugasan::new(Peran::Verifier, Cakupan::Wilayah(kw("31.71.01"))).unwrap();
        let m = masuk_sebagai(&posko, u, vec![role]).await;
        let t = posko.tugas_verifikasi(&m, id, x).await.unwrap();
        posko
            .baca(
                &m,
                id,
                x,
                t.kiriman_id,
                Angka {
                    suara: vec![100, 52],
                    sah: 152,
                    tidak_sah: 3,
                },
            )
            .await
            .unwrap();
    }
    // TPS 4's official count differs only in invalid votes.
    let csv = dir.path().join("kpu.csv");
    std::fs::write(
        &csv,
        format!(
            "kode_desa,tps_no,kpu_pas1,kpu_pas2,kpu_sah,kpu_tidak_sah\n{},{},100,50,150,5\n",
            tps[3].desa(),
            tps[3].nomor()
        ),
    )
    .unwrap();
    let r = posko
        .import_resmi(&Aktor::system(), id, &csv, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let verif = Penugasan::new(Peran::Verifier, Cakupan::Wilayah(kw("31.71"))).unwrap();
    posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: "verif.hp".into(),
                nama: "Verifikator Ponsel".into(),
                password: None,
                penugasan: vec![verif],
                telepon: None,
            },
        )
        .await
        .unwrap();
    posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: "pengawas.hp".into(),
                nama: "Pengawas Ponsel".into(),
                password: None,
                penugasan: vec![
                    Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap(),
                    Penugasan::new(Peran::Verifier, Cakupan::Semua).unwrap(),
                ],
                telepon: None,
            },
        )
        .await
        .unwrap();
    let s = serve(posko, dir).await;
    let work = tempfile::tempdir().unwrap();
    let mut b =
        crate::cdp::Cdp::start(bin, &work.path().join("profil"), &["--window-size=360,800"]).await;
    b.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 360, "height": 800, "deviceScaleFactor": 2, "mobile": true}),
    )
    .await;
    let masuk = |user: &'static str, ke: String| {
        let posko = s.posko.clone();
        async move {
            let code = posko
                .issue_login_code(&Aktor::system(), user)
                .await
                .unwrap();
            format!("/masuk/kode/{code}?lanjut={ke}")
        }
    };
    let mut diukur = Vec::new();

    // The verifier: the queue and a form.
    let antrean = format!("/verifikasi/{id}");
    b.goto(&s.url(&masuk("verif.hp", antrean.clone()).await))
        .await;
    b.wait_text("formulir menunggu verifikasi", 10).await;
    let baca = format!("/verifikasi/{id}/tps/{}", tps[0].undotted());
    for (path, teks) in [
        (antrean.clone(), "formulir menunggu verifikasi"),
        (baca.clone(), "Foto tidak terbaca?"),
        (
            format!("{antrean}?bahasa=en"),
            "forms awaiting verification",
        ),
        (format!("{baca}?bahasa=en"), "Photo unreadable?"),
        (
            format!("{antrean}?bahasa=id"),
            "formulir menunggu verifikasi",
        ),
    ] {
        b.goto(&s.url(&path)).await;
        b.wait_text(teks, 10).await;
        let w = b
            .eval("[document.documentElement.scrollWidth, window.innerWidth]")
            .await;
        diukur.push((path.clone(), w.clone()));
        // POSKO_UJI_LAYAR=folder keeps a screenshot of each page to look at.
        if let Some(d) = std::env::var_os("POSKO_UJI_LAYAR") {
            use base64::Engine;
            let png = b
                .call(
                    "Page.captureScreenshot",
                    serde_json::json!({"captureBeyondViewport": true}),
                )
                .await;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(png["data"].as_str().unwrap())
                .unwrap();
            std::fs::write(
                std::path::Path::new(&d).join(format!("{}.png", diukur.len())),
                bytes,
            )
            .unwrap();
        }
        assert!(
            w[0].as_i64().unwrap() <= w[1].as_i64().unwrap(),
            "{path} is wider than the phone: {w}"
        );
    }
    // The queue refreshes in place: a new form appears without a reload
    // and the scroll stays where the reader left it.
    b.eval("window.__tetap = 1; window.scrollTo(0, 120); true")
        .await;
    let y0 = b.eval("window.scrollY").await;
    kirim(&s.posko, &p, id, tps[5], "hp-baru", [10, 20], 30, 0, 9).await;
    b.eval("document.dispatchEvent(new Event('visibilitychange')); true")
        .await;
    b.wait_text("5 formulir menunggu verifikasi", 10).await;
    assert_eq!(
        b.eval("window.__tetap").await,
        serde_json::json!(1),
        "refreshed in place, not reloaded"
    );
    assert_eq!(b.eval("window.scrollY").await, y0, "the scroll is kept");

    // The supervisor: the disputes, one dispute, the discrepancy page.
    let daftar = format!("/verifikasi/{id}/sengketa");
    b.goto(&s.url(&masuk("pengawas.hp", daftar.clone()).await))
        .await;
    b.wait_text("TPS bermasalah", 10).await;
    let sengketa = format!("/verifikasi/{id}/tps/{}/sengketa", x.undotted());
    let selisih = format!("/pemilihan/{id}/selisih/31.71?semua=1");
    for (path, teks) in [
        (daftar.clone(), "1 TPS bermasalah"),
        (sengketa.clone(), "Pakai bacaan ini"),
        (selisih.clone(), "Tidak sah"),
        (format!("{daftar}?bahasa=en"), "1 disputed TPS"),
        (format!("{sengketa}?bahasa=en"), "Use this reading"),
        (format!("{selisih}&bahasa=en"), "ours"),
        (antrean.clone(), "1 disputed TPS"),
    ] {
        b.goto(&s.url(&path)).await;
        b.wait_text(teks, 10).await;
        let w = b
            .eval("[document.documentElement.scrollWidth, window.innerWidth]")
            .await;
        diukur.push((path.clone(), w.clone()));
        // POSKO_UJI_LAYAR=folder keeps a screenshot of each page to look at.
        if let Some(d) = std::env::var_os("POSKO_UJI_LAYAR") {
            use base64::Engine;
            let png = b
                .call(
                    "Page.captureScreenshot",
                    serde_json::json!({"captureBeyondViewport": true}),
                )
                .await;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(png["data"].as_str().unwrap())
                .unwrap();
            std::fs::write(
                std::path::Path::new(&d).join(format!("{}.png", diukur.len())),
                bytes,
            )
            .unwrap();
        }
        assert!(
            w[0].as_i64().unwrap() <= w[1].as_i64().unwrap(),
            "{path} is wider than the phone: {w}"
        );
    }
    eprintln!("widths at 360 px: {diukur:?}");
}
