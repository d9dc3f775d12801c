//! `posko bench dana`: a campaign's ledger of 100,000 entries from
//! 20,000 donors (synthetic, written through the store into a temporary
//! SQLite file), then the LPPDK for the whole campaign through
//! `Posko::laporan_dana` (read, excess split per donor, report, checked
//! against the ledger), printed as a ratio to reading the ledger alone in
//! the same run. The target: the LPPDK under 1 s. With
//! `--postgres URL` the same ledger is written into a fresh schema there
//! (dropped afterwards) and measured the same way, and the PostgreSQL
//! times are printed as ratios to SQLite's.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use posko_app::Posko;
use posko_domain::dana::{BentukDana, KategoriBelanja, Periode, Rekening, SumberDana, Uang};
use posko_domain::{Cakupan, Jejak, JenisPemilihan, KodeWilayah, Penugasan, Peran};
use posko_storage::{
    EntriDana, JenisEntriDana, Pemilihan, Pengguna, PenyumbangDana, SaringDana, Store, Wilayah,
};
use time::OffsetDateTime;
use tokio::task::JoinSet;
use uuid::Uuid;

const BERSAMAAN: usize = 64;

pub async fn dana(entri: usize, penyumbang: usize, postgres: Option<&str>) -> anyhow::Result<()> {
    let dir = crate::bench::tempfile_dir()?;
    let store: Arc<dyn Store> =
        Arc::new(posko_sqlite::SqliteStore::open(&dir.join("bench.db")).await?);
    let posko = Posko::new(store.clone(), Arc::new(posko_app::Brankas::generate()));
    let hasil = jalankan(&posko, &store, entri, penyumbang, "SQLite").await;
    drop(posko);
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    let sqlite = hasil?;
    let Some(url) = postgres else {
        return Ok(());
    };
    let pg = posko_postgres::PostgresStore::connect_fresh_schema(url)
        .await
        .context("PostgreSQL untuk bench")?;
    let store: Arc<dyn Store> = Arc::new(pg.clone());
    let posko = Posko::new(store.clone(), Arc::new(posko_app::Brankas::generate()));
    let hasil = jalankan(&posko, &store, entri, penyumbang, "PostgreSQL").await;
    drop(posko);
    drop(store);
    pg.drop_own_schema().await?;
    let pg = hasil?;
    let rasio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
    println!(
        "PostgreSQL terhadap SQLite: tulis {:.2}×, baca buku {:.2}×, LPPDK {:.2}×",
        rasio(pg.tulis, sqlite.tulis),
        rasio(pg.baca, sqlite.baca),
        rasio(pg.lppdk, sqlite.lppdk)
    );
    Ok(())
}

/// One backend's times: writing the ledger, the best of three reads of
/// it, and the best of three LPPDKs.
struct Waktu {
    tulis: Duration,
    baca: Duration,
    lppdk: Duration,
}

fn jejak(apa: &str) -> Jejak {
    Jejak::new("bench", apa, "dana", "bench", "bench", b"x")
}

async fn jalankan(
    posko: &Posko,
    store: &Arc<dyn Store>,
    n_entri: usize,
    n_penyumbang: usize,
    backend: &str,
) -> anyhow::Result<Waktu> {
    let k = |s: &str| KodeWilayah::parse(s).expect("kode");
    let w = |kode: &str, nama: &str| Wilayah {
        kode: k(kode),
        nama: nama.into(),
        jenis_desa: k(kode).jenis_desa(),
    };
    store
        .simpan_wilayah(
            &[w("64", "KALIMANTAN TIMUR"), w("64.02", "KUTAI KARTANEGARA")],
            &jejak("wilayah"),
        )
        .await?;
    let hari_ini = OffsetDateTime::now_utc().date();
    let mulai = hari_ini + time::Duration::days(10);
    let akhir = mulai + time::Duration::days(60);
    let p = Pemilihan {
        id: Uuid::now_v7(),
        jenis: JenisPemilihan::Bupati,
        wilayah: k("64.02"),
        nama: "Pemilihan Bupati Kutai Kartanegara (bench)".into(),
        tanggal: akhir + time::Duration::days(5),
        dibuat: OffsetDateTime::now_utc(),
        aturan: None,
    };
    store.simpan_pemilihan(&p, &jejak("pemilihan")).await?;
    let bendahara = Pengguna {
        id: Uuid::now_v7(),
        username: "bendahara".into(),
        nama: "Bendahara".into(),
        aktif: true,
        dibuat: OffsetDateTime::now_utc(),
        penugasan: vec![Penugasan::new(Peran::Bendahara, Cakupan::Semua)?],
        telepon: None,
    };
    posko
        .atur_dana(&bendahara, p.id, mulai, akhir, Uang::rupiah(44_950_000_000))
        .await?;

    let t = Instant::now();
    let sumber_ke = |i: usize| match i % 10 {
        0 => SumberDana::Kelompok,
        1 => SumberDana::BadanUsahaSwasta,
        _ => SumberDana::Perseorangan,
    };
    let donor: Vec<(Uuid, SumberDana)> = (0..n_penyumbang)
        .map(|i| (Uuid::now_v7(), sumber_ke(i)))
        .collect();
    let sekarang = OffsetDateTime::now_utc().unix_timestamp();
    let mut set = JoinSet::new();
    for &(id, sumber) in &donor {
        let store = store.clone();
        let d = PenyumbangDana {
            id,
            pemilihan_id: p.id,
            sumber,
            identitas: None,
            nik: None,
            telepon: None,
            npwp: None,
            dibuat_oleh: bendahara.id,
            dibuat: sekarang,
        };
        set.spawn(async move {
            store
                .simpan_penyumbang_dana(&d, &[], &jejak("penyumbang"))
                .await
                .map(|_| ())
        });
        if set.len() >= BERSAMAAN {
            set.join_next().await.expect("tugas")??;
        }
    }
    while let Some(r) = set.join_next().await {
        r??;
    }
    let kategori = [
        KategoriBelanja::BahanKampanye,
        KategoriBelanja::PertemuanTerbatas,
        KategoriBelanja::IklanMedia,
        KategoriBelanja::AlatPeragaKampanye,
    ];
    let masuk: Vec<EntriDana> = (0..n_entri)
        .map(|i| {
            let jenis = if i % 10 < 7 {
                let (id, sumber) = donor[i % donor.len().max(1)];
                JenisEntriDana::Penerimaan {
                    sumber,
                    penyumbang_id: Some(id),
                }
            } else {
                JenisEntriDana::Pengeluaran {
                    kategori: kategori[i % kategori.len()],
                }
            };
            EntriDana {
                id: Uuid::now_v7(),
                pemilihan_id: p.id,
                nomor: 0,
                tanggal: mulai - time::Duration::days(3) + time::Duration::days((i % 60) as i64),
                jenis,
                bentuk: BentukDana::Uang,
                rekening: if i % 5 == 0 {
                    Rekening::Tunai
                } else {
                    Rekening::Rkdk
                },
                nilai: Uang::rupiah(100_000 + (i as i64 % 97) * 25_000).expect("nilai"),
                koreksi_atas: None,
                susulan: None,
                uraian: format!("entri sintetis {i}"),
                bukti: vec![],
                dicatat_oleh: bendahara.id,
                dicatat: sekarang,
            }
        })
        .collect();
    for e in masuk {
        let store = store.clone();
        set.spawn(async move {
            store
                .catat_entri_dana(&e, None, &jejak("entri"))
                .await
                .map(|_| ())
        });
        if set.len() >= BERSAMAAN {
            set.join_next().await.expect("tugas")??;
        }
    }
    while let Some(r) = set.join_next().await {
        r??;
    }
    let tulis = t.elapsed();
    println!(
        "dana ({backend}): {n_penyumbang} penyumbang dan {n_entri} entri ditulis dalam {:.1} s",
        tulis.as_secs_f64()
    );

    let terbaik = |v: &[Duration]| v.iter().min().copied().unwrap_or_default();
    let (mut baca, mut lppdk) = (Vec::new(), Vec::new());
    let mut total = Uang::NOL;
    for _ in 0..3 {
        let t = Instant::now();
        let b = store
            .daftar_entri_dana(p.id, &SaringDana::default())
            .await?;
        baca.push(t.elapsed());
        anyhow::ensure!(b.len() == n_entri, "buku memuat {} entri", b.len());
        let t = Instant::now();
        let l = posko.laporan_dana(&bendahara, p.id, Periode::Lppdk).await?;
        lppdk.push(t.elapsed());
        total = l.total_penerimaan;
    }
    let (baca, lppdk) = (terbaik(&baca), terbaik(&lppdk));
    println!(
        "{backend}: baca buku saja: {:.0} ms; LPPDK seluruh kampanye: {:.0} ms ({:.2}× baca buku; target < 1000 ms: {}); total penerimaan {total}",
        baca.as_secs_f64() * 1000.0,
        lppdk.as_secs_f64() * 1000.0,
        lppdk.as_secs_f64() / baca.as_secs_f64().max(1e-9),
        if lppdk < Duration::from_secs(1) {
            "ya"
        } else {
            "TIDAK"
        }
    );
    Ok(Waktu { tulis, baca, lppdk })
}
