//! APK use cases on a real store of each backend: stock held per person,
//! installations refused where the rules say, a resend landing once,
//! racing installations for a quota's last unit, the take-down list.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use posko_domain::lapangan::{JenisApk, JenisTempat};
use posko_domain::{Cakupan, Jejak, JenisPemilihan, KodeWilayah, Penugasan, Peran};
use posko_storage::{JenisLapangan, Pemilihan, Pengguna, Store, Wilayah};
use time::OffsetDateTime;
use time::macros::{date, datetime};
use uuid::Uuid;

use super::super::KuotaApk;
use super::{PasangBaru, SerahBaru, TerimaBaru, TurunBaru};
use crate::uji_backend::dua_backend;
use crate::{AppError, Posko};

fn k(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn jejak() -> Jejak {
    Jejak::new("test", "uji", "uji", "1", "uji", b"x")
}

fn png(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(20, 10, |x, y| image::Rgb([x as u8, y as u8, seed]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

async fn orang(store: &Arc<dyn Store>, nama: &str, peran: Peran, c: Cakupan) -> Pengguna {
    let p = Pengguna {
        id: Uuid::now_v7(),
        username: nama.into(),
        nama: nama.into(),
        aktif: true,
        dibuat: OffsetDateTime::UNIX_EPOCH,
        penugasan: vec![Penugasan::new(peran, c).unwrap()],
        telepon: None,
    };
    store.simpan_pengguna(&p, None, &jejak()).await.unwrap();
    p
}

struct Uji {
    posko: Arc<Posko>,
    jam: Arc<AtomicI64>,
    id: Uuid,
    manajer: Pengguna,
    koord: Pengguna,
    relawan: Pengguna,
    relawan_lain: Pengguna,
}

const DESA: &str = "32.73.01.1001";

/// Kota Bandung, voting on 28 Nov 2029 (the 2024 pattern: campaign to 24 Nov); a
/// coordinator and a relawan of Sukasari, a relawan of Coblong.
async fn siapkan(store: Arc<dyn Store>) -> Uji {
    let w = |kode: &str, nama: &str| Wilayah {
        kode: k(kode),
        nama: nama.into(),
        jenis_desa: k(kode).jenis_desa(),
    };
    store
        .simpan_wilayah(
            &[
                w("32", "JAWA BARAT"),
                w("32.73", "KOTA BANDUNG"),
                w("32.73.01", "SUKASARI"),
                w(DESA, "SUKARASA"),
                w("32.73.02", "COBLONG"),
                w("32.73.02.1001", "DAGO"),
            ],
            &jejak(),
        )
        .await
        .unwrap();
    let p = Pemilihan {
        id: Uuid::now_v7(),
        jenis: JenisPemilihan::Walikota,
        wilayah: k("32.73"),
        nama: "Pemilihan Wali Kota Bandung".into(),
        tanggal: date!(2029 - 11 - 28),
        dibuat: datetime!(2029-01-01 00:00 UTC),
        aturan: None,
    };
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let manajer = orang(&store, "manajer", Peran::Manager, Cakupan::Semua).await;
    let koord = orang(
        &store,
        "koord",
        Peran::Koordinator,
        Cakupan::Wilayah(k("32.73.01")),
    )
    .await;
    let relawan = orang(
        &store,
        "relawan",
        Peran::Relawan,
        Cakupan::Wilayah(k("32.73.01")),
    )
    .await;
    let relawan_lain = orang(
        &store,
        "relawan2",
        Peran::Relawan,
        Cakupan::Wilayah(k("32.73.02")),
    )
    .await;
    let jam = Arc::new(AtomicI64::new(
        datetime!(2029-10-01 10:00 +7).unix_timestamp(),
    ));
    let j = jam.clone();
    let posko =
        Posko::new(store, Arc::new(crate::Brankas::generate())).with_jam(Arc::new(move || {
            OffsetDateTime::from_unix_timestamp(j.load(Ordering::SeqCst)).unwrap()
        }));
    Uji {
        posko: Arc::new(posko),
        jam,
        id: p.id,
        manajer,
        koord,
        relawan,
        relawan_lain,
    }
}

impl Uji {
    fn kini(&self) -> i64 {
        self.jam.load(Ordering::SeqCst)
    }

    async fn baliho(&self) -> Uuid {
        self.posko
            .terima_apk(
                &self.manajer,
                self.id,
                TerimaBaru {
                    barang: None,
                    jenis: JenisApk::Baliho,
                    nama: "Baliho 3x4".into(),
                    nilai_satuan: 750_000,
                    jumlah: 10,
                },
            )
            .await
            .unwrap()
    }

    fn pasang(&self, barang: Uuid, kunci: &str, tempat: JenisTempat) -> PasangBaru {
        PasangBaru {
            kunci_klien: kunci.into(),
            barang,
            desa: k(DESA),
            tempat,
            keterangan: "Jl. Setiabudi".into(),
            foto: Some(("apk.png".into(), png(kunci.len() as u8))),
            lokasi: Some((-6.87, 107.59)),
            waktu: Some(self.kini()),
        }
    }
}

fn invalid(r: Result<impl std::fmt::Debug, AppError>) -> String {
    match r {
        Err(AppError::Invalid(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn stok_per_orang(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = u.baliho().await;
    // More of the same item, received by the coordinator.
    u.posko
        .terima_apk(
            &u.koord,
            u.id,
            TerimaBaru {
                barang: Some(b),
                jenis: JenisApk::Baliho,
                nama: String::new(),
                nilai_satuan: 0,
                jumlah: 3,
            },
        )
        .await
        .unwrap();
    let serah = |dari: &Pengguna, kepada: Uuid, jumlah: u64| {
        let (posko, dari, id) = (u.posko.clone(), dari.clone(), u.id);
        async move {
            posko
                .serahkan_apk(
                    &dari,
                    id,
                    SerahBaru {
                        barang: b,
                        jumlah,
                        kepada,
                    },
                )
                .await
        }
    };
    serah(&u.manajer, u.koord.id, 4).await.unwrap();
    // The manager holds 6 now; the coordinator 3 + 4.
    let m = invalid(serah(&u.manajer, u.koord.id, 7).await);
    assert!(m.contains("6 unit"), "{m}");
    serah(&u.koord, u.relawan.id, 7).await.unwrap();
    invalid(serah(&u.koord, u.relawan.id, 1).await);
    // Outside the coordinator's area: not someone they may hand to.
    invalid(serah(&u.koord, u.relawan_lain.id, 1).await);
    // A relawan plans nothing.
    assert!(matches!(
        serah(&u.relawan, u.koord.id, 1).await,
        Err(AppError::Dilarang(_))
    ));
    let saya = u.posko.stok_apk_saya(&u.relawan, u.id).await.unwrap();
    assert_eq!(saya, vec![(b, 7)]);
    let r = u.posko.ruang_lapangan(&u.manajer, u.id, &[]).await.unwrap();
    assert_eq!(r.barang[0].isi.diterima, 13);
    assert_eq!(r.stok_dipegang(b, u.manajer.id), 6);
    assert_eq!(r.stok_dipegang(b, u.koord.id), 0);
    assert_eq!(r.serah.len(), 2);
}

async fn pasang_ditolak_dan_sekali(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = u.baliho().await;
    // A forbidden place, whatever the quota.
    for t in [
        JenisTempat::TempatIbadah,
        JenisTempat::FasilitasKesehatan,
        JenisTempat::Pendidikan,
        JenisTempat::GedungPemerintah,
    ] {
        let m = invalid(
            u.posko
                .pasang_apk(&u.relawan, u.id, u.pasang(b, "kunci-terlarang", t))
                .await,
        );
        assert!(m.contains("tidak boleh dipasang"), "{m}");
    }
    // Without GPS.
    let mut tanpa = u.pasang(b, "kunci-tanpa-gps", JenisTempat::Umum);
    tanpa.lokasi = None;
    assert!(invalid(u.posko.pasang_apk(&u.relawan, u.id, tanpa).await).contains("GPS"));
    // Stamped more than a week ago, or ahead of the server.
    for geser in [-8 * 24 * 3600, 3600] {
        let mut lama = u.pasang(b, "kunci-jam-salah", JenisTempat::Umum);
        lama.waktu = Some(u.kini() + geser);
        assert!(invalid(u.posko.pasang_apk(&u.relawan, u.id, lama).await).contains("jam ponsel"));
    }
    // Outside the relawan's area.
    assert!(matches!(
        u.posko
            .pasang_apk(
                &u.relawan_lain,
                u.id,
                u.pasang(b, "kunci-luar-1", JenisTempat::Umum)
            )
            .await,
        Err(AppError::Dilarang(_))
    ));
    // A quota of 2 baliho for Sukasari.
    u.posko
        .atur_kuota_apk(
            &u.koord,
            u.id,
            KuotaApk {
                wilayah: k("32.73.01"),
                jenis: JenisApk::Baliho,
                jumlah: 2,
            },
        )
        .await
        .unwrap();
    let (a, baru) = u
        .posko
        .pasang_apk(
            &u.relawan,
            u.id,
            u.pasang(b, "kunci-satu", JenisTempat::Umum),
        )
        .await
        .unwrap();
    assert!(baru);
    // The same entry again (the phone's queue resending): once.
    let (a2, baru) = u
        .posko
        .pasang_apk(
            &u.relawan,
            u.id,
            u.pasang(b, "kunci-satu", JenisTempat::Umum),
        )
        .await
        .unwrap();
    assert_eq!((a2, baru), (a, false));
    let sisa = u.posko.kuota_apk(&u.relawan, u.id).await.unwrap();
    assert_eq!((sisa[0].terpasang, sisa[0].sisa), (1, 1));
    u.posko
        .pasang_apk(
            &u.relawan,
            u.id,
            u.pasang(b, "kunci-dua", JenisTempat::Pribadi),
        )
        .await
        .unwrap();
    let m = invalid(
        u.posko
            .pasang_apk(
                &u.relawan,
                u.id,
                u.pasang(b, "kunci-tiga", JenisTempat::Umum),
            )
            .await,
    );
    assert!(m.contains("2 dari 2") && m.contains("sisa 0"), "{m}");
    // In the quiet period (the phone's date): refused.
    let mut tenang = u.pasang(b, "kunci-tenang", JenisTempat::Umum);
    tenang.waktu = Some(datetime!(2029-11-25 10:00 +7).unix_timestamp());
    u.jam.store(tenang.waktu.unwrap(), Ordering::SeqCst);
    assert!(invalid(u.posko.pasang_apk(&u.relawan, u.id, tenang).await).contains("masa"));
    let r = u
        .posko
        .ruang_lapangan(&u.manajer, u.id, &[JenisLapangan::Pasang])
        .await
        .unwrap();
    assert_eq!(r.pasang.len(), 2);
    // Another relawan's room leaves Sukasari's out.
    let r = u
        .posko
        .ruang_lapangan(&u.relawan_lain, u.id, &[JenisLapangan::Pasang])
        .await
        .unwrap();
    assert!(r.pasang.is_empty());
}

/// Eight phones sending installations at once against a quota of 3:
/// exactly three land.
async fn kuota_tidak_tertembus_serentak(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = u.baliho().await;
    u.posko
        .atur_kuota_apk(
            &u.manajer,
            u.id,
            KuotaApk {
                wilayah: k("32.73"),
                jenis: JenisApk::Baliho,
                jumlah: 3,
            },
        )
        .await
        .unwrap();
    let mut tugas = Vec::new();
    for i in 0..8 {
        let (posko, relawan, id) = (u.posko.clone(), u.relawan.clone(), u.id);
        let baru = u.pasang(b, &format!("serentak-{i:02}"), JenisTempat::Umum);
        tugas.push(tokio::spawn(async move {
            posko.pasang_apk(&relawan, id, baru).await
        }));
    }
    let mut lolos = 0;
    for t in tugas {
        match t.await.unwrap() {
            Ok(_) => lolos += 1,
            Err(AppError::Invalid(m)) => assert!(m.contains("sisa 0"), "{m}"),
            Err(AppError::Konflik(_)) => {}
            Err(e) => panic!("{e:?}"),
        }
    }
    assert!(lolos <= 3, "{lolos}");
    let sisa = u.posko.kuota_apk(&u.manajer, u.id).await.unwrap();
    assert_eq!(sisa[0].terpasang as usize, lolos);
    assert!(sisa[0].terpasang <= 3);
}

async fn daftar_turun_setelah_kampanye(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let b = u.baliho().await;
    let (a, _) = u
        .posko
        .pasang_apk(
            &u.relawan,
            u.id,
            u.pasang(b, "kunci-turun", JenisTempat::Umum),
        )
        .await
        .unwrap();
    let turun = |oleh: Pengguna| {
        let (posko, id, waktu) = (u.posko.clone(), u.id, u.kini());
        async move {
            posko
                .turunkan_apk(
                    &oleh,
                    id,
                    a,
                    TurunBaru {
                        foto: Some(("turun.png".into(), png(99))),
                        waktu: Some(waktu),
                    },
                )
                .await
        }
    };
    // During the campaign: nothing to take down yet.
    let r = u.posko.ruang_lapangan(&u.koord, u.id, &[]).await.unwrap();
    assert!(r.wajib_turun().is_empty());
    invalid(turun(u.relawan.clone()).await);
    // The day after the campaign's last day.
    u.jam.store(
        datetime!(2029-11-26 08:00 +7).unix_timestamp(),
        Ordering::SeqCst,
    );
    let r = u.posko.ruang_lapangan(&u.koord, u.id, &[]).await.unwrap();
    assert_eq!(r.wajib_turun().len(), 1);
    let r = u
        .posko
        .ruang_lapangan(&u.relawan_lain, u.id, &[])
        .await
        .unwrap();
    assert!(r.wajib_turun().is_empty());
    // Someone of another area cannot close it.
    assert!(matches!(
        turun(u.relawan_lain.clone()).await,
        Err(AppError::NotFound(_))
    ));
    assert!(turun(u.koord.clone()).await.unwrap());
    assert!(!turun(u.relawan.clone()).await.unwrap());
    let r = u.posko.ruang_lapangan(&u.koord, u.id, &[]).await.unwrap();
    assert!(r.wajib_turun().is_empty());
    let x = &r.pasang[0].isi;
    assert_eq!(x.turun.as_ref().unwrap().oleh, u.koord.id);
    // Both photos open for who may see it, not for others.
    let foto = x.turun.as_ref().unwrap().foto.clone();
    assert!(
        u.posko
            .foto_apk(&u.relawan, u.id, a, &foto)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        u.posko
            .foto_apk(&u.relawan_lain, u.id, a, &foto)
            .await
            .unwrap()
            .is_none()
    );
}

dua_backend!(
    stok_per_orang,
    pasang_ditolak_dan_sekali,
    kuota_tidak_tertembus_serentak,
    daftar_turun_setelah_kampanye
);
