//! Tasks on a real store of each backend: a task to every relawan under
//! a coordinator reaches exactly them, a completion lands once however
//! often it is sent, only an assignee completes and only with the proof
//! asked, late tasks count on the leaderboard and per area.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use super::*;
use crate::Gabung;
use crate::uji_backend::dua_backend;
use posko_domain::{Cakupan, Jejak, JenisPemilihan, Penugasan, Peran};
use posko_storage::{Pemilihan, Store, Wilayah};
use time::OffsetDateTime;
use time::macros::{date, datetime};

fn k(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn jejak() -> Jejak {
    Jejak::new("test", "uji", "uji", "1", "uji", b"x")
}

struct Uji {
    posko: Posko,
    jam: Arc<AtomicI64>,
    pemilihan: Uuid,
    manajer: Pengguna,
    koor: Pengguna,
    /// Under the coordinator.
    a: Pengguna,
    b: Pengguna,
    /// A relawan of another tree, in another kecamatan.
    c: Pengguna,
}

async fn akun(store: &Arc<dyn Store>, nama: &str, peran: Peran, c: Cakupan) -> Pengguna {
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

async fn siapkan(store: Arc<dyn Store>) -> Uji {
    let w = |kode: &str, nama: &str| Wilayah {
        kode: k(kode),
        nama: nama.into(),
        jenis_desa: k(kode).jenis_desa(),
    };
    store
        .simpan_wilayah(
            &[
                w("31", "DKI JAKARTA"),
                w("31.71", "KOTA ADM. JAKARTA PUSAT"),
                w("31.71.01", "GAMBIR"),
                w("31.71.01.1001", "GAMBIR"),
                w("31.71.02", "SAWAH BESAR"),
            ],
            &jejak(),
        )
        .await
        .unwrap();
    let p = Pemilihan {
        id: Uuid::now_v7(),
        jenis: JenisPemilihan::Gubernur,
        wilayah: k("31"),
        nama: "Pemilihan Gubernur DKI".into(),
        tanggal: date!(2029 - 11 - 28),
        dibuat: datetime!(2029-01-01 00:00 UTC),
        aturan: None,
    };
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let jam = Arc::new(AtomicI64::new(
        datetime!(2029-10-01 03:00 UTC).unix_timestamp(),
    ));
    let j = jam.clone();
    let posko = Posko::new(store.clone(), Arc::new(crate::Brankas::generate())).with_jam(Arc::new(
        move || OffsetDateTime::from_unix_timestamp(j.load(Ordering::SeqCst)).unwrap(),
    ));
    let manajer = akun(&store, "manajer", Peran::Manager, Cakupan::Semua).await;
    let pusat = Cakupan::Wilayah(k("31.71"));
    let koor = akun(&store, "koor", Peran::Koordinator, pusat).await;
    posko
        .tambah_relawan(&manajer, "Koor", pusat, Some(koor.id))
        .await
        .unwrap();
    let mut bawah = Vec::new();
    for nama in ["rina", "budi"] {
        let kode = posko
            .buat_undangan(&koor, Cakupan::Wilayah(k("31.71.01")))
            .await
            .unwrap();
        let (p, _) = posko
            .gabung_relawan(Gabung {
                kode,
                username: nama.into(),
                nama: nama.into(),
                password: "kata-sandi-panjang-sekali".into(),
            })
            .await
            .unwrap();
        bawah.push(p);
    }
    let sawah = Cakupan::Wilayah(k("31.71.02"));
    let c = akun(&store, "citra", Peran::Relawan, sawah).await;
    posko
        .tambah_relawan(&manajer, "citra", sawah, Some(c.id))
        .await
        .unwrap();
    let b = bawah.pop().unwrap();
    let a = bawah.pop().unwrap();
    Uji {
        posko,
        jam,
        pemilihan: p.id,
        manajer,
        koor,
        a,
        b,
        c,
    }
}

fn tugas(kepada: Kepada, bukti: JenisBukti) -> TugasBaru {
    TugasBaru {
        judul: "Tempel stiker di pos ronda".into(),
        uraian: "Sepuluh pos ronda".into(),
        wilayah: k("31.71.01"),
        kepada,
        batas: date!(2029 - 10 - 05),
        bukti,
    }
}

dua_backend!(
    tugas_ke_bawahan_sampai_tepat_dan_selesai_sekali,
    foto_bukti_tersimpan_dan_terikat,
    terlambat_di_papan_dan_per_wilayah
);

async fn tugas_ke_bawahan_sampai_tepat_dan_selesai_sekali(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let id = u
        .posko
        .kirim_tugas(
            &u.koor,
            u.pemilihan,
            tugas(Kepada::BawahanDari(u.koor.id), JenisBukti::Angka),
        )
        .await
        .unwrap();
    let r = u
        .posko
        .ruang_lapangan(&u.koor, u.pemilihan, &[JenisLapangan::Tugas])
        .await
        .unwrap();
    let t = r.tugas.iter().find(|t| t.id == id).unwrap();
    let mut harap = vec![u.a.id, u.b.id];
    harap.sort();
    assert_eq!(t.isi.orang(), harap);
    // Each assignee sees it among their open tasks; C does not see it.
    for o in [&u.a, &u.b] {
        let r = u.posko.ruang_lapangan(o, u.pemilihan, &[]).await.unwrap();
        assert_eq!(r.tugas_terbuka(o.id).len(), 1);
    }
    let rc = u
        .posko
        .ruang_lapangan(&u.c, u.pemilihan, &[])
        .await
        .unwrap();
    assert!(rc.tugas.is_empty());
    // Sent twice (a lost answer): lands once, the first stays.
    let kirim = |o: Pengguna, n: u64| {
        let posko = u.posko.clone();
        let pid = u.pemilihan;
        async move {
            posko
                .selesaikan_tugas(&o, pid, id, BuktiKiriman::Nilai(Bukti::Angka(n)), None)
                .await
        }
    };
    assert!(kirim(u.a.clone(), 10).await.unwrap());
    assert!(!kirim(u.a.clone(), 11).await.unwrap());
    let r = u
        .posko
        .ruang_lapangan(&u.a, u.pemilihan, &[])
        .await
        .unwrap();
    let punya_a: Vec<_> = r.selesai.iter().filter(|s| s.isi.oleh == u.a.id).collect();
    assert_eq!(punya_a.len(), 1);
    assert_eq!(punya_a[0].isi.bukti, Bukti::Angka(10));
    assert!(r.tugas_terbuka(u.a.id).is_empty());
    // Not an assignee: C (outside the area) is told nothing exists; the
    // coordinator (sees it) is refused.
    assert!(matches!(
        kirim(u.c.clone(), 1).await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        kirim(u.koor.clone(), 1).await,
        Err(AppError::Dilarang(_))
    ));
    // The wrong kind of proof: a clear refusal naming the field.
    match u
        .posko
        .selesaikan_tugas(
            &u.b,
            u.pemilihan,
            id,
            BuktiKiriman::Nilai(Bukti::YaTidak(true)),
            None,
        )
        .await
    {
        Err(AppError::Invalid(m)) => assert!(m.starts_with("bukti:"), "{m}"),
        other => panic!("{other:?}"),
    }
    // A relawan may not send tasks; a coordinator not outside their area.
    assert!(matches!(
        u.posko
            .kirim_tugas(
                &u.a,
                u.pemilihan,
                tugas(Kepada::Orang(u.b.id), JenisBukti::Angka)
            )
            .await,
        Err(AppError::Dilarang(_))
    ));
    let mut luar = tugas(Kepada::Orang(u.a.id), JenisBukti::Angka);
    luar.wilayah = k("31");
    assert!(matches!(
        u.posko.kirim_tugas(&u.koor, u.pemilihan, luar).await,
        Err(AppError::Dilarang(_))
    ));
    // Every relawan under someone who is not in the tree: refused.
    assert!(matches!(
        u.posko
            .kirim_tugas(
                &u.manajer,
                u.pemilihan,
                tugas(Kepada::BawahanDari(u.manajer.id), JenisBukti::Angka)
            )
            .await,
        Err(AppError::Invalid(_))
    ));
    // A due date already past: refused.
    let mut lalu = tugas(Kepada::Orang(u.a.id), JenisBukti::Angka);
    lalu.batas = date!(2029 - 09 - 30);
    assert!(matches!(
        u.posko.kirim_tugas(&u.koor, u.pemilihan, lalu).await,
        Err(AppError::Invalid(_))
    ));
}

async fn foto_bukti_tersimpan_dan_terikat(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let id = u
        .posko
        .kirim_tugas(
            &u.koor,
            u.pemilihan,
            tugas(Kepada::Orang(u.a.id), JenisBukti::Foto),
        )
        .await
        .unwrap();
    let mut foto = vec![0xFF, 0xD8, 0xFF, 0xE0];
    foto.extend_from_slice(&[7; 2048]);
    // Not a photo: refused, nothing recorded.
    assert!(matches!(
        u.posko
            .selesaikan_tugas(
                &u.a,
                u.pemilihan,
                id,
                BuktiKiriman::Foto {
                    nama: "x.txt".into(),
                    bytes: b"bukan foto".to_vec()
                },
                None
            )
            .await,
        Err(AppError::Invalid(_))
    ));
    // A hash typed in is not a photo sent.
    assert!(matches!(
        u.posko
            .selesaikan_tugas(
                &u.a,
                u.pemilihan,
                id,
                BuktiKiriman::Nilai(Bukti::Foto("ab".repeat(32))),
                None
            )
            .await,
        Err(AppError::Invalid(_))
    ));
    assert!(
        u.posko
            .selesaikan_tugas(
                &u.a,
                u.pemilihan,
                id,
                BuktiKiriman::Foto {
                    nama: "bukti.jpg".into(),
                    bytes: foto.clone()
                },
                Some(datetime!(2029-10-01 02:00 UTC).unix_timestamp())
            )
            .await
            .unwrap()
    );
    let (bytes, jenis) = u
        .posko
        .foto_bukti_tugas(&u.koor, u.pemilihan, id, u.a.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bytes, foto);
    assert_eq!(jenis, "image/jpeg");
    // C cannot see the task, so not its photo either.
    assert!(
        u.posko
            .foto_bukti_tugas(&u.c, u.pemilihan, id, u.a.id)
            .await
            .unwrap()
            .is_none()
    );
}

async fn terlambat_di_papan_dan_per_wilayah(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    let id = u
        .posko
        .kirim_tugas(
            &u.koor,
            u.pemilihan,
            tugas(Kepada::BawahanDari(u.koor.id), JenisBukti::YaTidak),
        )
        .await
        .unwrap();
    u.posko
        .selesaikan_tugas(
            &u.a,
            u.pemilihan,
            id,
            BuktiKiriman::Nilai(Bukti::YaTidak(true)),
            None,
        )
        .await
        .unwrap();
    let papan = |o: Pengguna| {
        let posko = u.posko.clone();
        async move {
            posko
                .papan_peringkat(&o, k("31.71"))
                .await
                .unwrap()
                .into_iter()
                .map(|p| (p.relawan.pengguna_id.unwrap(), p.terlambat))
                .collect::<std::collections::HashMap<_, _>>()
        }
    };
    // On the due day nothing is late.
    u.jam.store(
        datetime!(2029-10-05 16:00 UTC).unix_timestamp(),
        Ordering::SeqCst,
    );
    assert!(papan(u.manajer.clone()).await.values().all(|n| *n == 0));
    // The day after (WIB): B's is late, A's done.
    u.jam.store(
        datetime!(2029-10-05 17:00 UTC).unix_timestamp(),
        Ordering::SeqCst,
    );
    let p = papan(u.manajer.clone()).await;
    assert_eq!(p[&u.b.id], 1);
    assert_eq!(p[&u.a.id], 0);
    assert_eq!(p[&u.c.id], 0);
    let r = u
        .posko
        .rekap_tugas(&u.koor, u.pemilihan, None)
        .await
        .unwrap();
    assert_eq!(r.wilayah, k("31.71"));
    assert_eq!(r.baris.len(), 1);
    assert_eq!(r.baris[0].kode, Some(k("31.71.01")));
    assert_eq!(r.baris[0].nama, "GAMBIR");
    assert_eq!(
        (r.jumlah.ditugaskan, r.jumlah.selesai, r.jumlah.terlambat),
        (2, 1, 1)
    );
    // A relawan does not plan: no completion table.
    assert!(matches!(
        u.posko.rekap_tugas(&u.a, u.pemilihan, None).await,
        Err(AppError::Dilarang(_))
    ));
    // A coordinator not over the area asked for.
    assert!(matches!(
        u.posko
            .rekap_tugas(&u.koor, u.pemilihan, Some(k("31")))
            .await,
        Err(AppError::Dilarang(_))
    ));
}
