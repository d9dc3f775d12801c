//! The social-media room's use cases on a real store: SQLite always, and
//! PostgreSQL (a fresh schema per test) when POSKO_TEST_POSTGRES_URL is
//! set. What the HTTP tests cannot make happen on purpose: two managers
//! adding accounts at the KPU's cap at once, and a leave racing an edit.

use std::sync::Arc;

use super::*;
use posko_domain::medsos::{BATAS_AKUN_PER_PLATFORM, JenisAkses, Platform};
use posko_domain::{Cakupan, Jejak, JenisPemilihan, KodeWilayah, Penugasan, Peran};
use posko_storage::{Store, Wilayah};
use time::OffsetDateTime;
use time::macros::{date, datetime};

fn k(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn jejak() -> Jejak {
    Jejak::new("test", "uji", "uji", "1", "uji", b"x")
}

async fn orang(store: &Arc<dyn Store>, nama: &str, peran: Peran) -> Pengguna {
    let p = Pengguna {
        id: Uuid::now_v7(),
        username: nama.into(),
        nama: nama.into(),
        aktif: true,
        dibuat: OffsetDateTime::UNIX_EPOCH,
        penugasan: vec![Penugasan::new(peran, Cakupan::Semua).unwrap()],
        telepon: None,
    };
    store.simpan_pengguna(&p, None, &jejak()).await.unwrap();
    p
}

struct Uji {
    posko: Posko,
    pemilihan: Uuid,
    manajer: Pengguna,
    media: Pengguna,
}

async fn siapkan(store: Arc<dyn Store>) -> Uji {
    let w = |kode: &str, nama: &str| Wilayah {
        kode: k(kode),
        nama: nama.into(),
        jenis_desa: k(kode).jenis_desa(),
    };
    store
        .simpan_wilayah(
            &[w("32", "JAWA BARAT"), w("32.73", "KOTA BANDUNG")],
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
    let manajer = orang(&store, "manajer", Peran::Manager).await;
    let media = orang(&store, "media", Peran::Media).await;
    Uji {
        posko: Posko::new(store, Arc::new(crate::Brankas::generate())),
        pemilihan: p.id,
        manajer,
        media,
    }
}

fn akun(nama: &str, pemulihan: Uuid) -> AkunBaru {
    AkunBaru {
        platform: Platform::TikTok,
        nama: nama.into(),
        url: String::new(),
        tujuan: String::new(),
        kpu_tanggal: None,
        kpu_nomor: String::new(),
        penanggung_jawab: pemulihan,
        dua_langkah: true,
        pemegang: vec![Pemegang {
            anggota: pemulihan,
            jenis: JenisAkses::Pemulihan,
        }],
        nonaktif: None,
        pensiun: false,
        versi: None,
    }
}

/// With 19 accounts on a platform, eight managers adding one each at
/// once: exactly one lands, the others are told the platform is full.
async fn batas_dua_puluh_tidak_tertembus_serentak(store: Arc<dyn Store>) {
    let u = siapkan(store).await;
    for i in 0..BATAS_AKUN_PER_PLATFORM - 1 {
        u.posko
            .simpan_akun_medsos(
                &u.manajer,
                u.pemilihan,
                None,
                akun(&format!("a{i}"), u.media.id),
            )
            .await
            .unwrap();
    }
    let posko = Arc::new(u.posko);
    let mut tugas = Vec::new();
    for i in 0..8 {
        let (posko, manajer, media) = (posko.clone(), u.manajer.clone(), u.media.id);
        tugas.push(tokio::spawn(async move {
            posko
                .simpan_akun_medsos(&manajer, u.pemilihan, None, akun(&format!("b{i}"), media))
                .await
        }));
    }
    let mut lolos = 0;
    for t in tugas {
        match t.await.unwrap() {
            Ok(_) => lolos += 1,
            Err(AppError::Invalid(m)) => assert!(m.contains("paling banyak 20"), "{m}"),
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!(lolos, 1);
    let r = posko.ruang_medsos(&u.manajer, u.pemilihan).await.unwrap();
    assert_eq!(r.akun.len(), BATAS_AKUN_PER_PLATFORM);
}

/// A member leaving while a manager saves a form of the same account
/// opened before: whichever lands second reads the first. The leave
/// after the edit takes them off; the edit after the leave is refused (it
/// would name them again), so they never hold the account unnoticed.
async fn keluar_dan_ubah_serentak_tidak_saling_hapus(store: Arc<dyn Store>) {
    let u = siapkan(store.clone()).await;
    let kedua = orang(&store, "media2", Peran::Media).await;
    let id = u
        .posko
        .simpan_akun_medsos(&u.manajer, u.pemilihan, None, akun("utama", kedua.id))
        .await
        .unwrap();
    let mut ubah = akun("utama", kedua.id);
    ubah.pemegang.push(Pemegang {
        anggota: u.media.id,
        jenis: JenisAkses::Pengelola,
    });
    ubah.versi = Some(1);
    u.posko
        .simpan_akun_medsos(&u.manajer, u.pemilihan, Some(id), ubah.clone())
        .await
        .unwrap();
    // The second form was opened at version 2, before the leave.
    ubah.versi = Some(2);
    ubah.tujuan = "diubah bersamaan".into();
    let posko = Arc::new(u.posko);
    let (a, b) = {
        let (p1, p2) = (posko.clone(), posko.clone());
        let (m1, m2) = (u.manajer.clone(), u.manajer.clone());
        let media = u.media.id;
        tokio::join!(
            async move {
                p1.anggota_keluar_medsos(&m1, u.pemilihan, media, "uji")
                    .await
            },
            async move {
                p2.simpan_akun_medsos(&m2, u.pemilihan, Some(id), ubah)
                    .await
            }
        )
    };
    assert_eq!(a.unwrap().len(), 1, "the leave always lands, with one task");
    let r = posko.ruang_medsos(&u.manajer, u.pemilihan).await.unwrap();
    assert!(
        r.akun[0]
            .isi
            .pemegang
            .iter()
            .all(|p| p.anggota != u.media.id),
        "never holding it again: {:?} {b:?}",
        r.akun[0].isi.pemegang
    );
    let riwayat = posko
        .riwayat_akun_medsos(&u.manajer, u.pemilihan, id)
        .await
        .unwrap();
    match b {
        // The edit came first, the leave after it.
        Ok(_) => {
            assert_eq!(r.akun[0].isi.tujuan, "diubah bersamaan");
            assert_eq!(riwayat.len(), 4);
        }
        Err(AppError::Konflik(m)) => {
            assert!(m.contains("sejak formulir dibuka"), "{m}");
            assert_eq!(riwayat.len(), 3);
        }
        Err(e) => panic!("{e:?}"),
    }
}

/// Only the room's roles read it; only managers change the registry.
async fn hanya_tim_media_manajer_dan_auditor(store: Arc<dyn Store>) {
    let u = siapkan(store.clone()).await;
    for peran in [
        Peran::Koordinator,
        Peran::Relawan,
        Peran::Bendahara,
        Peran::Verifier,
    ] {
        let p = orang(&store, peran.slug(), peran).await;
        let e = u.posko.ruang_medsos(&p, u.pemilihan).await.unwrap_err();
        assert!(matches!(e, AppError::Dilarang(_)), "{peran}: {e:?}");
    }
    let auditor = orang(&store, "auditor", Peran::Auditor).await;
    u.posko.ruang_medsos(&auditor, u.pemilihan).await.unwrap();
    for p in [&auditor, &u.media] {
        let e = u
            .posko
            .simpan_akun_medsos(p, u.pemilihan, None, akun("x", u.media.id))
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Dilarang(_)), "{e:?}");
        let e = u
            .posko
            .anggota_keluar_medsos(p, u.pemilihan, u.media.id, "")
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Dilarang(_)), "{e:?}");
    }
}

use crate::uji_backend::dua_backend;

dua_backend!(
    batas_dua_puluh_tidak_tertembus_serentak,
    keluar_dan_ubah_serentak_tidak_saling_hapus,
    hanya_tim_media_manajer_dan_auditor,
);
