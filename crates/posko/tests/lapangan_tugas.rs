//! Tasks down the tree on the real server, on both backends: a task to
//! every relawan under a coordinator reaches exactly them (their homes
//! show it); a proof from the phone's queue lands once however often it
//! is sent; only an assignee completes, only with the proof asked (a
//! clear 422 otherwise); overdue tasks show on the leaderboard and in
//! the coordinator's completion per area; saksi, bendahara and anonymous
//! callers are refused; every route is in the authorization matrix.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use crate::common;

use common::{PASSWORD, client, client_with, csrf_of, serve, sign_in, sign_in_again, store};
use posko_app::{Aktor, Gabung, NewPemilihan, Posko};
use posko_domain::{Cakupan, Jejak, JenisPemilihan, KodeTps, KodeWilayah, Penugasan, Peran};
use posko_storage::{Pengguna, Wilayah};
use posko_web::{Kebijakan, Sasaran, route_table};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::datetime;

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

/// One signed-in person: their account, cookie and client.
struct Orang {
    p: Pengguna,
    cookie: String,
    c: reqwest::Client,
}

impl Orang {
    fn csrf(&self) -> String {
        csrf_of(&self.cookie).unwrap()
    }
}

struct Uji {
    s: common::TestServer,
    jam: Arc<AtomicI64>,
    id: uuid::Uuid,
    koor: Orang,
    /// Under the coordinator.
    rina: Orang,
    budi: Orang,
    /// A relawan of another kecamatan, in no one's tree.
    citra: Orang,
}

async fn akun(posko: &Posko, username: &str) -> Pengguna {
    posko
        .store()
        .daftar_pengguna()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.username == username)
        .unwrap()
}

async fn orang(posko: &Posko, username: &str, peran: Peran, c: Cakupan) -> Orang {
    let cookie = sign_in(posko, username, vec![Penugasan::new(peran, c).unwrap()]).await;
    Orang {
        p: akun(posko, username).await,
        c: client_with(&cookie),
        cookie,
    }
}

/// Kota Bandung, a walikota election, a coordinator at the top of a
/// tree with two relawan recruited into Sukasari, and a relawan of
/// Coblong outside it; the clock at 1 October 2029.
async fn siapkan(backend: &'static str) -> Uji {
    let dir = tempfile::tempdir().unwrap();
    let jam = Arc::new(AtomicI64::new(
        datetime!(2029-10-01 03:00 UTC).unix_timestamp(),
    ));
    let j = jam.clone();
    let posko = store(backend, dir.path()).await.with_jam(Arc::new(move || {
        OffsetDateTime::from_unix_timestamp(j.load(Ordering::SeqCst)).unwrap()
    }));
    let jejak = Jejak::new("system", "uji", "uji", "1", "uji", b"x");
    let w = |k: &str, n: &str| Wilayah {
        kode: kw(k),
        nama: n.into(),
        jenis_desa: kw(k).jenis_desa(),
    };
    posko
        .store()
        .simpan_wilayah(
            &[
                w("32", "Jawa Barat"),
                w("32.73", "Kota Bandung"),
                w("32.73.01", "Sukasari"),
                w("32.73.01.1001", "Sukarasa"),
                w("32.73.02", "Coblong"),
            ],
            &jejak,
        )
        .await
        .unwrap();
    let id = posko
        .simpan_pemilihan(
            &Aktor::system(),
            NewPemilihan {
                jenis: JenisPemilihan::Walikota,
                wilayah: kw("32.73"),
                nama: Some("Pilwalkot Bandung".into()),
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await
        .unwrap()
        .id;
    let s = serve(posko, dir).await;
    let manajer = akun(&s.posko, "uji.manajer").await;
    let kota = Cakupan::Wilayah(kw("32.73"));
    let koor = orang(&s.posko, "koor", Peran::Koordinator, kota).await;
    s.posko
        .tambah_relawan(&manajer, "Koor Bandung", kota, Some(koor.p.id))
        .await
        .unwrap();
    let mut bawah = Vec::new();
    for (u, nama) in [("rina", "Rina Relawan"), ("budi", "Budi Relawan")] {
        let kode = s
            .posko
            .buat_undangan(&koor.p, Cakupan::Wilayah(kw("32.73.01")))
            .await
            .unwrap();
        let (p, _) = s
            .posko
            .gabung_relawan(Gabung {
                kode,
                username: u.into(),
                nama: nama.into(),
                password: PASSWORD.into(),
            })
            .await
            .unwrap();
        let cookie = sign_in_again(&s.posko, u).await;
        bawah.push(Orang {
            p,
            c: client_with(&cookie),
            cookie,
        });
    }
    let coblong = Cakupan::Wilayah(kw("32.73.02"));
    let citra = orang(&s.posko, "citra", Peran::Relawan, coblong).await;
    let budi = bawah.pop().unwrap();
    let rina = bawah.pop().unwrap();
    Uji {
        s,
        jam,
        id,
        koor,
        rina,
        budi,
        citra,
    }
}

impl Uji {
    fn url(&self, rest: &str) -> String {
        self.s
            .url(&format!("/pemilihan/{}/lapangan/tugas{rest}", self.id))
    }

    fn api(&self, rest: &str) -> String {
        self.s.url(&format!(
            "/api/v1/pemilihan/{}/lapangan/tugas{rest}",
            self.id
        ))
    }

    /// The coordinator sends a task through the form; its id.
    async fn kirim(&self, judul: &str, kepada: String, bukti: &str) -> uuid::Uuid {
        let r = self
            .koor
            .c
            .post(self.url(""))
            .form(&[
                ("csrf", self.koor.csrf().as_str()),
                ("judul", judul),
                ("uraian", "Di setiap RW"),
                ("wilayah", "32.73.01"),
                ("kepada", kepada.as_str()),
                ("batas", "2029-10-05"),
                ("bukti", bukti),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "{}",
            r.text().await.unwrap()
        );
        let loc = r.headers()["location"].to_str().unwrap().to_string();
        loc.rsplit('/').next().unwrap().parse().unwrap()
    }

    /// A proof through the task's form, as the phone's queue sends it.
    async fn bukti(
        &self,
        o: &Orang,
        tugas: uuid::Uuid,
        isian: &[(&str, &str)],
    ) -> (StatusCode, String) {
        let mut f = Form::new()
            .text("csrf", o.csrf())
            .text("kunci_klien", uuid::Uuid::now_v7().simple().to_string())
            .text("waktu", "");
        for (k, v) in isian {
            f = f.text(k.to_string(), v.to_string());
        }
        let r =
            o.c.post(self.url(&format!("/{tugas}/selesai")))
                .multipart(f)
                .send()
                .await
                .unwrap();
        (r.status(), r.text().await.unwrap())
    }

    async fn json(&self, c: &reqwest::Client, url: String) -> (StatusCode, Value) {
        let r = c.get(url).send().await.unwrap();
        let st = r.status();
        (st, r.json().await.unwrap_or(Value::Null))
    }
}

per_backend!(tugas_sampai_ke_bawahan_dan_bukti_sekali);
async fn tugas_sampai_ke_bawahan_dan_bukti_sekali(backend: &'static str) {
    let u = siapkan(backend).await;
    // The form offers the coordinator's own downline.
    let r = u.koor.c.get(u.url("/baru")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(&format!("bawahan:{}", u.koor.p.id))
    );
    let tid = u
        .kirim(
            "Pasang stiker di pos ronda",
            format!("bawahan:{}", u.koor.p.id),
            "angka",
        )
        .await;

    // Exactly the two relawan under the coordinator.
    let (st, v) = u.json(&u.koor.c, u.api("")).await;
    assert_eq!(st, StatusCode::OK);
    let mut penerima: Vec<String> = v[0]["penerima"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["orang"].as_str().unwrap().to_string())
        .collect();
    penerima.sort();
    let mut harap = vec![u.rina.p.id.to_string(), u.budi.p.id.to_string()];
    harap.sort();
    assert_eq!(penerima, harap);
    for o in [&u.rina, &u.budi] {
        let (_, v) = u.json(&o.c, u.api("?lihat=saya")).await;
        assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
        // On their field room's home and on the main home page.
        for path in [format!("/pemilihan/{}/lapangan", u.id), "/".to_string()] {
            let html =
                o.c.get(u.s.url(&path))
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
            assert!(html.contains("Pasang stiker di pos ronda"), "{path}");
            assert!(html.contains(&format!("/lapangan/tugas/{tid}")), "{path}");
        }
    }
    let (_, v) = u.json(&u.citra.c, u.api("")).await;
    assert_eq!(v.as_array().unwrap().len(), 0, "{v}");
    let html = u
        .citra
        .c
        .get(u.s.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Pasang stiker"));

    // The task's page carries the offline proof form.
    let html = u
        .rina
        .c
        .get(u.url(&format!("/{tid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("data-antrean") && html.contains("name=\"angka\""));

    // Sent, then sent again by the queue (a lost answer): once, the first.
    let (st, html) = u.bukti(&u.rina, tid, &[("angka", "12")]).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    assert!(html.contains("id=\"pesan-tugas\""));
    let (st, html) = u.bukti(&u.rina, tid, &[("angka", "99")]).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    let r =
        u.s.posko
            .ruang_lapangan(&u.koor.p, u.id, &[])
            .await
            .unwrap();
    let punya: Vec<_> = r
        .selesai
        .iter()
        .filter(|s| s.isi.oleh == u.rina.p.id)
        .collect();
    assert_eq!(punya.len(), 1);
    assert_eq!(punya[0].isi.bukti, posko_domain::lapangan::Bukti::Angka(12));

    // The wrong kind of proof: 422 naming what the task asks.
    let (st, html) = u.bukti(&u.budi, tid, &[("ya_tidak", "ya")]).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("bukti: tugas ini meminta bukti angka"),
        "{html}"
    );
    // A number that is not one: 422 naming the field.
    let (st, html) = u.bukti(&u.budi, tid, &[("angka", "dua belas")]).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("dua belas") && html.contains("bukan bilangan bulat"),
        "{html}"
    );
    // Not an assignee: outside the area 404, the coordinator (sees it) 403.
    let (st, _) = u.bukti(&u.citra, tid, &[("angka", "1")]).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = u.bukti(&u.koor, tid, &[("angka", "1")]).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // No token: 400, nothing recorded.
    let r = u
        .budi
        .c
        .post(u.url(&format!("/{tid}/selesai")))
        .multipart(Form::new().text("angka", "5"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // The API: once, then `baru: false`; a photo is not a JSON value.
    for baru in [true, false] {
        let r = u
            .budi
            .c
            .post(u.api(&format!("/{tid}/selesai")))
            .json(&serde_json::json!({ "angka": 3 }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.json::<Value>().await.unwrap()["baru"], baru);
    }
    let (_, v) = u.json(&u.koor.c, u.api("")).await;
    assert!(
        v[0]["penerima"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["status"] == "selesai"),
        "{v}"
    );

    // Saksi, bendahara and anonymous callers are refused everywhere.
    let saksi = orang(
        &u.s.posko,
        "saksi",
        Peran::Saksi,
        Cakupan::Tps(KodeTps::parse("3273011001001").unwrap()),
    )
    .await;
    let bendahara = orang(
        &u.s.posko,
        "bendahara",
        Peran::Bendahara,
        Cakupan::Wilayah(kw("32.73")),
    )
    .await;
    for o in [&saksi, &bendahara] {
        for path in [
            u.url(""),
            u.url(&format!("/{tid}")),
            u.url("/rekap"),
            u.api(""),
        ] {
            let r = o.c.get(&path).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
        }
        let (st, _) = u.bukti(o, tid, &[("angka", "1")]).await;
        assert_eq!(st, StatusCode::FORBIDDEN);
    }
    let anonim = client();
    let r = anonim.get(u.url("")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/masuk")
    );
    let r = anonim
        .post(u.api(&format!("/{tid}/selesai")))
        .json(&serde_json::json!({ "angka": 3 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // A relawan may not send tasks.
    let r = u
        .rina
        .c
        .post(u.api(""))
        .json(&serde_json::json!({
            "judul": "x", "wilayah": "32.73.01", "kepada": format!("orang:{}", u.budi.p.id),
            "batas": "2029-10-05", "bukti": "angka"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

/// A small JPEG-looking upload.
fn jpeg() -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0];
    v.extend_from_slice(&[9; 2048]);
    v
}

per_backend!(terlambat_di_papan_dan_per_wilayah);
async fn terlambat_di_papan_dan_per_wilayah(backend: &'static str) {
    let u = siapkan(backend).await;
    let tid = u
        .kirim(
            "Lapor posko RW",
            format!("bawahan:{}", u.koor.p.id),
            "ya_tidak",
        )
        .await;
    let (st, html) = u.bukti(&u.rina, tid, &[("ya_tidak", "ya")]).await;
    assert_eq!(st, StatusCode::OK, "{html}");
    // A photo proof, to one person.
    let foto = u
        .kirim("Foto baliho", format!("orang:{}", u.rina.p.id), "foto")
        .await;
    let f = Form::new()
        .text("csrf", u.rina.csrf())
        .text("waktu", "")
        .part(
            "foto",
            Part::bytes(jpeg())
                .file_name("baliho.jpg")
                .mime_str("image/jpeg")
                .unwrap(),
        );
    let r = u
        .rina
        .c
        .post(u.url(&format!("/{foto}/selesai")))
        .multipart(f)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let bukti = u.url(&format!("/{foto}/bukti/{}", u.rina.p.id));
    let r = u.koor.c.get(&bukti).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(r.bytes().await.unwrap().to_vec(), jpeg());
    assert_eq!(
        u.citra.c.get(&bukti).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    let terlambat = |html: &str, nama: &str| -> String {
        let baris = html
            .split("<tr>")
            .find(|b| b.contains(nama))
            .unwrap_or_else(|| panic!("{nama} not on the leaderboard"));
        baris
            .split("data-tugas-terlambat>")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_string()
    };
    let papan = || async {
        u.s.client()
            .get(u.s.url("/relawan?wilayah=32.73"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    // Due on the 5th (WIB): not late that evening, late the next day.
    u.jam.store(
        datetime!(2029-10-05 16:59 UTC).unix_timestamp(),
        Ordering::SeqCst,
    );
    assert_eq!(terlambat(&papan().await, "Budi Relawan"), "0");
    u.jam.store(
        datetime!(2029-10-05 17:00 UTC).unix_timestamp(),
        Ordering::SeqCst,
    );
    let html = papan().await;
    assert_eq!(terlambat(&html, "Budi Relawan"), "1");
    assert_eq!(terlambat(&html, "Rina Relawan"), "0");
    // The leaderboard's file carries the same column.
    let xlsx =
        u.s.client()
            .get(u.s.url("/relawan/xlsx?wilayah=32.73"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
    let mut buku: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let lembar = calamine::Reader::worksheet_range_at(&mut buku, 0)
        .unwrap()
        .unwrap();
    let baris: Vec<Vec<String>> = lembar
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let kepala = baris.iter().find(|r| r[0] == "#").expect("a header row");
    assert_eq!(kepala[5], "Tugas terlambat", "{kepala:?}");
    for (nama, n) in [("Budi Relawan", "1"), ("Rina Relawan", "0")] {
        let r = baris.iter().find(|r| r[1] == nama).unwrap();
        assert_eq!(r[5], n, "{nama}: {r:?}");
    }

    // The coordinator's completion per area: Sukasari 3 assigned
    // (two assignees, one photo task), 2 done, 1 late.
    let (st, v) = u.json(&u.koor.c, u.api("/rekap")).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["wilayah"], "32.73");
    assert_eq!(v["baris"][0]["wilayah"], "32.73.01");
    assert_eq!(v["baris"][0]["nama"], "Sukasari");
    assert_eq!(v["jumlah"]["ditugaskan"], 3);
    assert_eq!(v["jumlah"]["selesai"], 2);
    assert_eq!(v["jumlah"]["terlambat"], 1);
    let html = u
        .koor
        .c
        .get(u.url("/rekap"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Sukasari") && html.contains("rekap?wilayah=32.73.01"));
    // A relawan does not see the completion table.
    let r = u.rina.c.get(u.url("/rekap")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // On the relawan's home the late task is marked.
    let html = u
        .budi
        .c
        .get(u.s.url(&format!("/pemilihan/{}/lapangan", u.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Lapor posko RW"));
}

/// Every route of the tasks with its policy: working on one's tasks is
/// `KerjaLapangan`, sending and completion per area `KelolaLapangan`,
/// over any scope touching the election's region (the app checks each
/// task's area); none escapes the list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn field_task_routes_are_in_the_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let posko = store("sqlite", dir.path()).await;
    let table = route_table(posko);
    let kerja = Kebijakan::Izin(posko_domain::Izin::KerjaLapangan, Sasaran::Pemilihan);
    let kelola = Kebijakan::Izin(posko_domain::Izin::KelolaLapangan, Sasaran::Pemilihan);
    let daftar = [
        ("GET", "/pemilihan/{id}/lapangan/tugas", kerja),
        ("POST", "/pemilihan/{id}/lapangan/tugas", kelola),
        ("GET", "/pemilihan/{id}/lapangan/tugas/baru", kelola),
        ("GET", "/pemilihan/{id}/lapangan/tugas/rekap", kelola),
        ("GET", "/pemilihan/{id}/lapangan/tugas/{tugas}", kerja),
        (
            "POST",
            "/pemilihan/{id}/lapangan/tugas/{tugas}/selesai",
            kerja,
        ),
        (
            "GET",
            "/pemilihan/{id}/lapangan/tugas/{tugas}/bukti/{orang}",
            kerja,
        ),
        ("GET", "/api/v1/pemilihan/{id}/lapangan/tugas", kerja),
        ("POST", "/api/v1/pemilihan/{id}/lapangan/tugas", kelola),
        ("GET", "/api/v1/pemilihan/{id}/lapangan/tugas/rekap", kelola),
        (
            "POST",
            "/api/v1/pemilihan/{id}/lapangan/tugas/{tugas}/selesai",
            kerja,
        ),
    ];
    for (metode, path, kebijakan) in daftar {
        let r = table
            .iter()
            .find(|r| r.path == path && r.metode == metode)
            .unwrap_or_else(|| panic!("{metode} {path} missing from the route table"));
        assert_eq!(r.kebijakan, kebijakan, "{metode} {path}");
    }
    let semua: Vec<String> = table
        .iter()
        .filter(|r| r.path.contains("/lapangan/tugas"))
        .map(|r| format!("{} {}", r.metode, r.path))
        .collect();
    assert_eq!(semua.len(), daftar.len(), "{semua:#?}");
}
