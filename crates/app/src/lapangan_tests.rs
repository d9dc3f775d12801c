//! The field room's use cases on a real store: SQLite always, and
//! PostgreSQL (a fresh schema per test) when POSKO_TEST_POSTGRES_URL is
//! set. What the HTTP tests cannot make happen on purpose: twelve phones
//! sending one check-in at once, and a survey drawn, interviewed and
//! weighted end to end.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::acara::{AcaraBaru, Kedatangan};
use super::survei::{HasilWawancara, Wawancara};
use super::*;
use posko_domain::lapangan::JenisAcara;
use posko_domain::{
    Cakupan, Dpt, Jejak, JenisKelamin, JenisPemilihan, KodeTps, NamaCalon, NomorUrut, Pemilih,
    Penugasan, Peran,
};
use posko_storage::{Paslon, Store, Tps, Wilayah};
use time::macros::{date, datetime, time};
use time::{Duration, OffsetDateTime};

fn k(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn jejak() -> Jejak {
    Jejak::new("test", "uji", "uji", "1", "uji", b"x")
}

async fn orang(store: &Arc<dyn Store>, nama: &str, peran: Peran, cakupan: Cakupan) -> Pengguna {
    let p = Pengguna {
        id: Uuid::now_v7(),
        username: nama.into(),
        nama: nama.into(),
        aktif: true,
        dibuat: OffsetDateTime::UNIX_EPOCH,
        penugasan: vec![Penugasan::new(peran, cakupan).unwrap()],
        telepon: None,
    };
    store.simpan_pengguna(&p, None, &jejak()).await.unwrap();
    p
}

struct Uji {
    posko: Posko,
    pemilihan: Uuid,
    manajer: Pengguna,
    koordinator: Pengguna,
    relawan: Pengguna,
    /// A coordinator of the other kecamatan.
    tetangga: Pengguna,
    store: Arc<dyn Store>,
}

/// Kota Bandung with two kecamatan of one desa each; voting on
/// 2029-11-28, so the 2024 pattern's campaign runs 2029-09-26 to
/// 2029-11-24; the clock at 2029-10-01 20:00 WIB.
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
                w("32.73.01.1001", "SARIJADI"),
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
    for n in 1..=2u8 {
        store
            .simpan_paslon(
                &Paslon {
                    pemilihan_id: p.id,
                    nomor_urut: NomorUrut::new(n).unwrap(),
                    calon_kepala: NamaCalon::parse_field(&format!("Calon {n}"), "kepala").unwrap(),
                    calon_wakil: NamaCalon::parse_field(&format!("Wakil {n}"), "wakil").unwrap(),
                },
                &jejak(),
            )
            .await
            .unwrap();
    }
    let manajer = orang(&store, "manajer", Peran::Manager, Cakupan::Semua).await;
    let koordinator = orang(
        &store,
        "koordinator",
        Peran::Koordinator,
        Cakupan::Wilayah(k("32.73.01")),
    )
    .await;
    let relawan = orang(
        &store,
        "relawan",
        Peran::Relawan,
        Cakupan::Wilayah(k("32.73.01.1001")),
    )
    .await;
    let tetangga = orang(
        &store,
        "tetangga",
        Peran::Koordinator,
        Cakupan::Wilayah(k("32.73.02")),
    )
    .await;
    let jam: crate::hitung_cepat::Jam = Arc::new(|| datetime!(2029-10-01 13:00 UTC));
    Uji {
        posko: Posko::new(store.clone(), Arc::new(crate::Brankas::generate())).with_jam(jam),
        pemilihan: p.id,
        manajer,
        koordinator,
        relawan,
        tetangga,
        store,
    }
}

fn acara(u: &Uji, tanggal: time::Date) -> AcaraBaru {
    AcaraBaru {
        jenis: JenisAcara::TatapMuka,
        judul: "Tatap muka Sarijadi".into(),
        desa: k("32.73.01.1001"),
        alamat: "Balai RW 05".into(),
        lokasi: Some((-6.88, 107.58)),
        tanggal,
        jam: time!(19:00),
        penanggung_jawab: u.koordinator.id,
        perkiraan_hadir: 80,
    }
}

async fn acara_dalam_masa_dan_hadir_sekali(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let (p, pos) = (u.pemilihan, &u.posko);
    // Only within the campaign period: not before, not in the quiet days.
    for tanggal in [
        date!(2029 - 09 - 20),
        date!(2029 - 11 - 25),
        date!(2029 - 11 - 28),
    ] {
        let e = pos
            .buat_acara(&u.koordinator, p, acara(&u, tanggal))
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Invalid(_)), "{tanggal}: {e:?}");
    }
    // Not in another coordinator's area, nor by a relawan.
    let e = pos
        .buat_acara(&u.tetangga, p, acara(&u, date!(2029 - 10 - 01)))
        .await
        .unwrap_err();
    assert!(matches!(e, AppError::Dilarang(_)), "{e:?}");
    let e = pos
        .buat_acara(&u.relawan, p, acara(&u, date!(2029 - 10 - 01)))
        .await
        .unwrap_err();
    assert!(matches!(e, AppError::Dilarang(_)), "{e:?}");
    // The organiser must answer for that area.
    let mut luar = acara(&u, date!(2029 - 10 - 01));
    luar.penanggung_jawab = u.tetangga.id;
    assert!(matches!(
        pos.buat_acara(&u.koordinator, p, luar).await.unwrap_err(),
        AppError::Invalid(_)
    ));
    let id = pos
        .buat_acara(&u.koordinator, p, acara(&u, date!(2029 - 10 - 01)))
        .await
        .unwrap();

    // Twelve phones send the same guest at once, and three others once.
    let waktu = datetime!(2029-10-01 12:30 UTC).unix_timestamp();
    let datang = |nama: &str| Kedatangan {
        kode: None,
        nama: Some(nama.into()),
        waktu,
    };
    let mut serentak = tokio::task::JoinSet::new();
    for i in 0..15 {
        let (posko, relawan) = (pos.clone(), u.relawan.clone());
        let nama = if i < 12 {
            "Bu Ani".to_string()
        } else {
            format!("Tamu {i}")
        };
        serentak.spawn(async move {
            posko
                .catat_hadir(
                    &relawan,
                    p,
                    id,
                    Kedatangan {
                        kode: None,
                        nama: Some(nama),
                        waktu,
                    },
                )
                .await
        });
    }
    let mut baru = 0;
    while let Some(r) = serentak.join_next().await {
        if r.unwrap().unwrap().baru {
            baru += 1;
        }
    }
    assert_eq!(baru, 4, "Bu Ani once, and three guests");
    let r = pos.ruang_lapangan(&u.koordinator, p, &[]).await.unwrap();
    assert_eq!(r.hadir_di(id).len(), 4);
    // Names are compared as people write them: "bu ani" is Bu Ani.
    assert!(
        !pos.catat_hadir(&u.relawan, p, id, datang("bu ani"))
            .await
            .unwrap()
            .baru
    );
    // A scan from another day, or from the future, is refused.
    let mut kemarin = datang("Pak Budi");
    kemarin.waktu -= 86_400;
    assert!(matches!(
        pos.catat_hadir(&u.relawan, p, id, kemarin)
            .await
            .unwrap_err(),
        AppError::Invalid(_)
    ));
    let mut nanti = datang("Pak Budi");
    nanti.waktu = datetime!(2029-10-01 13:00 UTC).unix_timestamp() + 3_600;
    assert!(matches!(
        pos.catat_hadir(&u.relawan, p, id, nanti).await.unwrap_err(),
        AppError::Invalid(_)
    ));
    // A code that is no invitation of this event is refused, naming it.
    let salah = Kedatangan {
        kode: Some("ZZZZZ99999".into()),
        nama: None,
        waktu,
    };
    let e = pos.catat_hadir(&u.relawan, p, id, salah).await.unwrap_err();
    assert!(e.to_string().contains("ZZZZZ99999"), "{e}");
    // The other kecamatan's coordinator neither sees nor checks in.
    let r = pos.ruang_lapangan(&u.tetangga, p, &[]).await.unwrap();
    assert!(r.acara.is_empty() && r.hadir.is_empty());
    assert!(matches!(
        pos.catat_hadir(&u.tetangga, p, id, datang("X"))
            .await
            .unwrap_err(),
        AppError::NotFound(_)
    ));
    // Called off: no more check-ins.
    pos.batalkan_acara(&u.koordinator, p, id, "hujan deras")
        .await
        .unwrap();
    assert!(matches!(
        pos.catat_hadir(&u.relawan, p, id, datang("Pak Budi"))
            .await
            .unwrap_err(),
        AppError::Invalid(_)
    ));
}

/// 300 voters in each of the two kecamatan, ages 17 to 76, half women.
async fn muat_dpt(u: &Uji) -> Vec<KodeTps> {
    let tps: Vec<KodeTps> = ["32.73.01.1001-001", "32.73.02.1001-001"]
        .iter()
        .map(|t| KodeTps::parse(t).unwrap())
        .collect();
    u.store
        .simpan_tps(
            &tps.iter()
                .map(|t| Tps {
                    kode: *t,
                    dpt: Dpt::new(Some(150), Some(150), Some(300)).unwrap(),
                    alamat: None,
                    lokasi: None,
                })
                .collect::<Vec<_>>(),
            &jejak(),
        )
        .await
        .unwrap();
    let mut muat = u.store.muat_pemilih().await.unwrap();
    for t in &tps {
        let batch = (1..=300u32)
            .map(|i| Pemilih {
                tps: *t,
                urut: i,
                nama: format!("PEMILIH {i}"),
                jenis_kelamin: if i % 2 == 0 {
                    JenisKelamin::Perempuan
                } else {
                    JenisKelamin::Laki
                },
                tanggal_lahir: Some(
                    date!(2012 - 06 - 01) - Duration::days(365 * i64::from(i % 60)),
                ),
                usia: None,
                alamat: Some(format!("JL. MAWAR NO. {i}")),
                rt: None,
                rw: None,
                nik_tersamar: None,
            })
            .collect();
        muat.tambah(batch).await.unwrap();
    }
    muat.selesai(&jejak()).await.unwrap();
    tps
}

async fn survei_ditarik_diwawancarai_ditimbang(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let (p, pos) = (u.pemilihan, &u.posko);
    let tps = muat_dpt(&u).await;
    // A coordinator of one kecamatan does not run the region's survey.
    assert!(matches!(
        pos.buat_survei(&u.koordinator, p, "Survei", 200, false)
            .await
            .unwrap_err(),
        AppError::Dilarang(_)
    ));
    let sid = pos
        .buat_survei(&u.manajer, p, "Survei Oktober", 240, false)
        .await
        .unwrap();
    assert_eq!(
        pos.tarik_sampel_survei(&u.manajer, p, sid, 42)
            .await
            .unwrap(),
        240
    );
    // Drawn once: never replaced.
    assert!(matches!(
        pos.tarik_sampel_survei(&u.manajer, p, sid, 43)
            .await
            .unwrap_err(),
        AppError::Invalid(_)
    ));
    // Anyone can redo the draw from the DPT and the seed.
    let kerangka: Vec<(String, u32)> = tps
        .iter()
        .flat_map(|t| (1..=300u32).map(move |i| (t.to_string(), i)))
        .collect();
    let harap: Vec<(String, u32)> = posko_domain::survei::tarik_responden(42, &kerangka, 240)
        .into_iter()
        .map(|i| kerangka[i].clone())
        .collect();
    let (s, _) = pos.hasil_survei(&u.manajer, p, sid).await.unwrap();
    let t = s.isi.tarikan.clone().unwrap();
    let ditarik: Vec<(String, u32)> = t
        .sampel
        .iter()
        .map(|x| (x.tps.to_string(), x.urut))
        .collect();
    assert_eq!(ditarik, harap);
    assert_eq!((t.kerangka, t.margin.jk.clone()), (600, vec![300.0, 300.0]));

    // The relawan interviews in their desa only.
    pos.atur_pewawancara(&u.manajer, p, sid, k("32.73.01.1001"), u.relawan.id)
        .await
        .unwrap();
    let milik = pos.responden_saya(&u.relawan, p, sid).await.unwrap();
    assert!(!milik.is_empty() && milik.iter().all(|r| r.tps == tps[0]));
    assert!(milik.iter().all(|r| r.nama.starts_with("PEMILIH")));
    let jawab = |tps: KodeTps, urut: u32, pilihan: &str| Wawancara {
        survei: Uuid::nil(),
        tps,
        urut,
        hasil: HasilWawancara::Selesai,
        jawaban: BTreeMap::from([("pilihan".to_string(), pilihan.to_string())]),
        pewawancara: Uuid::nil(),
        waktu: datetime!(2029-10-01 02:00 UTC).unix_timestamp(),
    };
    let lain = t.sampel.iter().find(|x| x.tps == tps[1]).unwrap();
    assert!(matches!(
        pos.catat_wawancara(&u.relawan, p, sid, jawab(lain.tps, lain.urut, "paslon-1"))
            .await
            .unwrap_err(),
        AppError::Dilarang(_)
    ));
    // An answer the question does not have, or none, is refused.
    let r0 = &milik[0];
    for salah in ["paslon-9", ""] {
        let mut w = jawab(r0.tps, r0.urut, salah);
        if salah.is_empty() {
            w.jawaban.clear();
        }
        assert!(matches!(
            pos.catat_wawancara(&u.relawan, p, sid, w)
                .await
                .unwrap_err(),
            AppError::Invalid(_)
        ));
    }
    // Everyone drawn is interviewed (the manager enters the other
    // kecamatan's); men lean to pair 1, women to pair 2. Sent twice: once.
    for x in &t.sampel {
        let pilihan = if x.jk == 0 { "paslon-1" } else { "paslon-2" };
        let oleh = if x.tps == tps[0] {
            &u.relawan
        } else {
            &u.manajer
        };
        assert!(
            pos.catat_wawancara(oleh, p, sid, jawab(x.tps, x.urut, pilihan))
                .await
                .unwrap()
        );
        assert!(
            !pos.catat_wawancara(oleh, p, sid, jawab(x.tps, x.urut, pilihan))
                .await
                .unwrap()
        );
    }
    let (_, h) = pos.hasil_survei(&u.manajer, p, sid).await.unwrap();
    assert_eq!((h.sampel, h.selesai), (240, 240));
    let tb = h.timbangan.as_ref().expect("weighted");
    assert!(tb.raking.konvergen);
    // Weighted to the DPT's half and half, whatever the sample's split.
    let q = &h.pertanyaan[0];
    let p1 = q.opsi.iter().find(|o| o.kode == "paslon-1").unwrap();
    assert!((p1.bagian.bagian - 0.5).abs() < 1e-6, "{:?}", p1.bagian);
    assert!(p1.bagian.margin > 0.0 && p1.bagian.margin < 0.1);
    // 120-odd respondents a kecamatan: enough for one (n_eff ≥ 96) or
    // not, never figures below the threshold.
    assert_eq!(h.wilayah.len(), 2);
    for w in &h.wilayah {
        assert!(w.n > 90, "{}", w.n);
        if w.n < 96 {
            assert!(w.opsi.is_none(), "n {} shown", w.n);
        }
    }
    // The interviewer sees neither results nor other surveys' data.
    assert!(matches!(
        pos.hasil_survei(&u.relawan, p, sid).await.unwrap_err(),
        AppError::Dilarang(_)
    ));
}

crate::uji_backend::dua_backend!(
    acara_dalam_masa_dan_hadir_sekali,
    survei_ditarik_diwawancarai_ditimbang
);
