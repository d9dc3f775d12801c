//! The storage conformance suite: every backend runs every test here.
//!
//! A backend's `tests/conformance.rs` calls [`conformance_tests!`] with an
//! async expression that yields a fresh, migrated, empty store (or `None`
//! when the backend is not available, which the macro reports as skipped).

use std::collections::HashSet;
use std::sync::Arc;

use posko_domain::{
    Cakupan, Dpt, Jejak, JenisDesa, JenisPemilihan, KodeTps, KodeWilayah, NamaCalon, NomorTps,
    NomorUrut, PemeriksaRantai, Penugasan, Peran, Tingkat,
};
use time::macros::{date, datetime};
use uuid::Uuid;

use crate::{
    ImportCounts, KodeMasuk, Paslon, Pemilihan, Pengguna, Sesi, Store, StoreError, Tps, Wilayah,
};

mod cari_nama;
mod hasil;
mod kegiatan;
mod pemilih;
mod percobaan;
mod relawan;
mod riwayat;
mod survei;
pub use cari_nama::*;
pub use hasil::*;
pub use kegiatan::*;
use pemilih::muat_contoh;
pub use pemilih::*;
pub use percobaan::*;
pub use relawan::*;
pub use riwayat::*;
pub use survei::*;

pub type DynStore = Arc<dyn Store>;

fn jejak() -> Jejak {
    Jejak::new("test", "uji.tulis", "uji", "1", "uji konformitas", b"isi")
}

fn k(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).expect("test code")
}

fn w(kode: &str, nama: &str) -> Wilayah {
    let kode = k(kode);
    Wilayah {
        kode,
        nama: nama.to_string(),
        jenis_desa: kode.jenis_desa(),
    }
}

/// Two provinces, a kota with two kecamatan and three desa, and a province
/// with nothing under it: enough shape to test every hierarchy query.
pub fn sample_wilayah() -> Vec<Wilayah> {
    vec![
        w("32.73.01.1002", "Sukagalih"),
        w("32", "Jawa Barat"),
        w("32.73", "Kota Bandung"),
        w("32.73.01", "Sukasari"),
        w("32.73.01.1001", "Sukarasa"),
        w("32.73.02", "Coblong"),
        w("32.73.02.1001", "Dago"),
        w("31", "DKI Jakarta"),
    ]
}

fn tps(kode: &str, nomor: u16, l: u32, p: u32) -> Tps {
    Tps {
        kode: KodeTps::new(k(kode), NomorTps::new(nomor).unwrap()).unwrap(),
        dpt: Dpt::new(Some(l), Some(p), None).unwrap(),
        alamat: None,
        lokasi: None,
    }
}

pub fn sample_tps() -> Vec<Tps> {
    vec![
        tps("32.73.01.1001", 1, 100, 110),
        tps("32.73.01.1001", 2, 150, 140),
        tps("32.73.01.1002", 1, 200, 205),
        tps("32.73.02.1001", 1, 50, 60),
    ]
}

async fn seeded(store: &DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    store.simpan_tps(&sample_tps(), &jejak()).await.unwrap();
}

pub async fn migrations_bring_empty_database_to_current(store: DynStore) {
    assert!(store.schema_version().await.unwrap() >= 1);
    assert!(["sqlite", "postgres"].contains(&store.backend()));
    assert_eq!(store.hitung_wilayah_per_tingkat().await.unwrap(), [0; 4]);
    assert_eq!(store.ambil_rekap_dpt(None).await.unwrap().jumlah_tps, 0);
    assert!(store.daftar_pemilihan().await.unwrap().is_empty());
}

pub async fn wilayah_upsert_is_idempotent_and_counts_changes(store: DynStore) {
    let rows = sample_wilayah();
    let first = store.simpan_wilayah(&rows, &jejak()).await.unwrap();
    assert_eq!(
        first,
        ImportCounts {
            baru: 8,
            berubah: 0,
            sama: 0
        }
    );
    let again = store.simpan_wilayah(&rows, &jejak()).await.unwrap();
    assert_eq!(
        again,
        ImportCounts {
            baru: 0,
            berubah: 0,
            sama: 8
        }
    );
    let renamed = store
        .simpan_wilayah(&[w("32.73", "Kota Bandung Baru")], &jejak())
        .await
        .unwrap();
    assert_eq!(renamed.berubah, 1);
    assert_eq!(
        store.ambil_wilayah(k("32.73")).await.unwrap().unwrap().nama,
        "Kota Bandung Baru"
    );
    assert_eq!(
        store.hitung_wilayah_per_tingkat().await.unwrap(),
        [2, 1, 2, 3]
    );
}

pub async fn wilayah_hierarchy_queries(store: DynStore) {
    seeded(&store).await;
    let provs: Vec<String> = store
        .daftar_anak_wilayah(None)
        .await
        .unwrap()
        .iter()
        .map(|x| x.kode.to_string())
        .collect();
    assert_eq!(provs, ["31", "32"]);
    let kec: Vec<String> = store
        .daftar_anak_wilayah(Some(k("32.73")))
        .await
        .unwrap()
        .iter()
        .map(|x| x.nama.clone())
        .collect();
    assert_eq!(kec, ["Sukasari", "Coblong"]);
    assert!(
        store
            .daftar_anak_wilayah(Some(k("31")))
            .await
            .unwrap()
            .is_empty()
    );
    let desa = store
        .ambil_wilayah(k("32.73.01.1001"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(desa.jenis_desa, Some(JenisDesa::Kelurahan));
    assert!(store.ambil_wilayah(k("32.74")).await.unwrap().is_none());
    let crumbs = store
        .ambil_wilayah_banyak(&k("32.73.01.1001").leluhur())
        .await
        .unwrap();
    let names: Vec<&str> = crumbs.iter().map(|x| x.nama.as_str()).collect();
    assert_eq!(names, ["Jawa Barat", "Kota Bandung", "Sukasari"]);
    let known = store.daftar_kode_wilayah(Tingkat::Desa).await.unwrap();
    assert_eq!(known.len(), 3);
    assert!(known.contains(&k("32.73.02.1001")));
}

pub async fn wilayah_upsert_with_missing_parent_writes_nothing(store: DynStore) {
    let rows = vec![w("32", "Jawa Barat"), w("32.73.01", "Yatim")];
    assert!(store.simpan_wilayah(&rows, &jejak()).await.is_err());
    assert_eq!(store.hitung_wilayah_per_tingkat().await.unwrap(), [0; 4]);
}

pub async fn tps_upsert_is_idempotent_and_totals_roll_up(store: DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    let first = store.simpan_tps(&sample_tps(), &jejak()).await.unwrap();
    assert_eq!(first.baru, 4);
    let again = store.simpan_tps(&sample_tps(), &jejak()).await.unwrap();
    assert_eq!((again.baru, again.berubah, again.sama), (0, 0, 4));

    let all = store.ambil_rekap_dpt(None).await.unwrap();
    assert_eq!((all.jumlah_tps, all.dpt_total), (4, 1015));
    let kota = store.ambil_rekap_dpt(Some(k("32.73"))).await.unwrap();
    assert_eq!(
        (
            kota.jumlah_tps,
            kota.dpt_laki,
            kota.dpt_perempuan,
            kota.dpt_total
        ),
        (4, 500, 515, 1015)
    );
    let kec = store.ambil_rekap_dpt(Some(k("32.73.01"))).await.unwrap();
    assert_eq!((kec.jumlah_tps, kec.dpt_total), (3, 905));
    let empty = store.ambil_rekap_dpt(Some(k("31"))).await.unwrap();
    assert_eq!((empty.jumlah_tps, empty.dpt_total), (0, 0));

    // A changed DPT updates the row and every total above it.
    let mut changed = sample_tps();
    changed[0].dpt = Dpt::new(Some(101), Some(110), None).unwrap();
    let c = store.simpan_tps(&changed, &jejak()).await.unwrap();
    assert_eq!((c.baru, c.berubah, c.sama), (0, 1, 3));
    assert_eq!(
        store
            .ambil_rekap_dpt(Some(k("32")))
            .await
            .unwrap()
            .dpt_total,
        1016
    );
}

pub async fn children_with_totals_include_empty_children(store: DynStore) {
    seeded(&store).await;
    let provs = store.daftar_anak_dengan_rekap(None).await.unwrap();
    let got: Vec<(String, u64, u64)> = provs
        .iter()
        .map(|c| {
            (
                c.wilayah.kode.to_string(),
                c.rekap.jumlah_tps,
                c.rekap.dpt_total,
            )
        })
        .collect();
    assert_eq!(got, [("31".to_string(), 0, 0), ("32".to_string(), 4, 1015)]);
    let desa = store
        .daftar_anak_dengan_rekap(Some(k("32.73.01")))
        .await
        .unwrap();
    let got: Vec<(String, u64)> = desa
        .iter()
        .map(|c| (c.wilayah.nama.clone(), c.rekap.dpt_total))
        .collect();
    assert_eq!(
        got,
        [
            ("Sukarasa".to_string(), 500),
            ("Sukagalih".to_string(), 405)
        ]
    );
}

pub async fn tps_under_prefix_pages_in_key_order(store: DynStore) {
    seeded(&store).await;
    let all = store.daftar_tps_di(k("32.73"), None, 100).await.unwrap();
    let keys: Vec<String> = all.iter().map(|t| t.kode.to_string()).collect();
    assert_eq!(
        keys,
        [
            "32.73.01.1001-001",
            "32.73.01.1001-002",
            "32.73.01.1002-001",
            "32.73.02.1001-001"
        ]
    );
    let page1 = store.daftar_tps_di(k("32.73.01"), None, 2).await.unwrap();
    assert_eq!(page1.len(), 2);
    let page2 = store
        .daftar_tps_di(k("32.73.01"), Some(page1[1].kode), 2)
        .await
        .unwrap();
    let keys: Vec<String> = page2.iter().map(|t| t.kode.to_string()).collect();
    assert_eq!(keys, ["32.73.01.1002-001"]);
    let one_desa = store
        .daftar_tps_di(k("32.73.01.1001"), None, 10)
        .await
        .unwrap();
    assert_eq!(one_desa.len(), 2);
    assert!(
        store
            .daftar_tps_di(k("31"), None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let t = store.ambil_tps(all[2].kode).await.unwrap().unwrap();
    assert_eq!(t.dpt.total(), Some(405));
}

pub async fn tps_keeps_optional_fields(store: DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    let mut t = tps("32.73.01.1001", 7, 10, 20);
    t.alamat = Some("Jl. Sukarasa No. 1, RT 02/RW 05".into());
    t.lokasi = Some((-6.8712, 107.5874));
    let unknown = Tps {
        dpt: Dpt::unknown(),
        ..tps("32.73.01.1001", 8, 1, 1)
    };
    store
        .simpan_tps(&[t.clone(), unknown.clone()], &jejak())
        .await
        .unwrap();
    assert_eq!(store.ambil_tps(t.kode).await.unwrap().unwrap(), t);
    assert_eq!(
        store.ambil_tps(unknown.kode).await.unwrap().unwrap(),
        unknown
    );
    let r = store
        .ambil_rekap_dpt(Some(k("32.73.01.1001")))
        .await
        .unwrap();
    assert_eq!((r.jumlah_tps, r.tps_dengan_dpt, r.dpt_total), (2, 1, 30));
}

pub async fn tps_in_unknown_desa_writes_nothing(store: DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    let rows = vec![tps("32.73.01.1001", 1, 1, 1), tps("32.73.09.1001", 1, 1, 1)];
    assert!(store.simpan_tps(&rows, &jejak()).await.is_err());
    assert_eq!(store.ambil_rekap_dpt(None).await.unwrap().jumlah_tps, 0);
}

fn pemilihan() -> Pemilihan {
    Pemilihan {
        id: Uuid::now_v7(),
        jenis: JenisPemilihan::Walikota,
        wilayah: k("32.73"),
        nama: "Pemilihan Wali Kota Bandung".into(),
        tanggal: date!(2029 - 11 - 28),
        dibuat: datetime!(2026-11-28 08:00 UTC),
    }
}

fn paslon(p: &Pemilihan, n: u8, a: &str, b: &str) -> Paslon {
    Paslon {
        pemilihan_id: p.id,
        nomor_urut: NomorUrut::new(n).unwrap(),
        calon_kepala: NamaCalon::parse_field(a, "calon").unwrap(),
        calon_wakil: NamaCalon::parse_field(b, "wakil").unwrap(),
    }
}

pub async fn pemilihan_and_paslon_round_trip(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    assert_eq!(store.ambil_pemilihan(p.id).await.unwrap().unwrap(), p);
    assert_eq!(store.daftar_pemilihan().await.unwrap(), vec![p.clone()]);
    assert!(
        store
            .ambil_pemilihan(Uuid::now_v7())
            .await
            .unwrap()
            .is_none()
    );

    store
        .simpan_paslon(&paslon(&p, 2, "Dewi Lestari", "Agus Salim"), &jejak())
        .await
        .unwrap();
    store
        .simpan_paslon(&paslon(&p, 1, "Rina Marlina", "Bayu Nugroho"), &jejak())
        .await
        .unwrap();
    let dup = store
        .simpan_paslon(&paslon(&p, 1, "Orang Lain", "Juga Lain"), &jejak())
        .await;
    assert!(
        matches!(
            dup,
            Err(StoreError::Conflict(crate::Konflik::NomorUrutPaslon(1)))
        ),
        "{dup:?}"
    );
    let list = store.daftar_paslon(p.id).await.unwrap();
    let got: Vec<(u8, &str)> = list
        .iter()
        .map(|x| (x.nomor_urut.get(), x.calon_kepala.as_str()))
        .collect();
    assert_eq!(got, [(1, "Rina Marlina"), (2, "Dewi Lestari")]);
}

pub async fn pemilihan_needs_a_stored_region(store: DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    let p = Pemilihan {
        wilayah: k("35.78"),
        ..pemilihan()
    };
    assert!(store.simpan_pemilihan(&p, &jejak()).await.is_err());
    assert!(store.daftar_pemilihan().await.unwrap().is_empty());
}

pub async fn every_write_appends_one_chained_audit_entry(store: DynStore) {
    assert!(store.daftar_audit(0, 10).await.unwrap().is_empty());
    store
        .simpan_wilayah(
            &sample_wilayah(),
            &Jejak::new(
                "cli:ani",
                "import.wilayah",
                "berkas",
                "w.csv",
                "8 wilayah",
                b"w",
            ),
        )
        .await
        .unwrap();
    store
        .simpan_tps(
            &sample_tps(),
            &Jejak::new("cli:ani", "import.tps", "berkas", "t.csv", "4 TPS", b"t"),
        )
        .await
        .unwrap();
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    store
        .simpan_paslon(&paslon(&p, 1, "Rina Marlina", "Bayu Nugroho"), &jejak())
        .await
        .unwrap();
    // A refused write leaves no entry behind.
    assert!(
        store
            .simpan_paslon(&paslon(&p, 1, "Orang Lain", "Juga Lain"), &jejak())
            .await
            .is_err()
    );
    assert!(
        store
            .simpan_tps(&[tps("32.73.09.1001", 1, 1, 1)], &jejak())
            .await
            .is_err()
    );
    let log = store.daftar_audit(0, 100).await.unwrap();
    assert_eq!(log.len(), 4);
    assert_eq!(log[0].aksi, "import.wilayah");
    assert_eq!(log[1].aktor, "cli:ani");
    assert_eq!(log[1].ringkasan, "4 TPS");
    let mut checker = PemeriksaRantai::default();
    for e in &log {
        checker.periksa(e).unwrap();
    }
    assert_eq!(checker.kepala().0, 4);
    // Paging by sequence.
    let page = store.daftar_audit(2, 1).await.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].seq, 3);
    // Searching, newest first.
    let seqs = |v: Vec<posko_domain::EntriAudit>| v.iter().map(|e| e.seq).collect::<Vec<_>>();
    let all = store.cari_audit(None, None, None, 10).await.unwrap();
    assert_eq!(seqs(all), [4, 3, 2, 1]);
    let imports = store
        .cari_audit(None, Some("import."), None, 10)
        .await
        .unwrap();
    assert_eq!(seqs(imports), [2, 1]);
    let ani = store
        .cari_audit(None, None, Some("cli:ani"), 10)
        .await
        .unwrap();
    assert_eq!(seqs(ani), [2, 1]);
    let older = store.cari_audit(Some(2), None, None, 10).await.unwrap();
    assert_eq!(seqs(older), [1]);
    let none = store
        .cari_audit(None, Some("import.%"), None, 10)
        .await
        .unwrap();
    assert!(none.is_empty(), "a % in the filter is literal");
}

pub async fn concurrent_writes_keep_one_unbroken_chain(store: DynStore) {
    store
        .simpan_wilayah(&sample_wilayah(), &jejak())
        .await
        .unwrap();
    let mut handles = Vec::new();
    for n in 1..=12u16 {
        let store = store.clone();
        handles.push(tokio::spawn(async move {
            store
                .simpan_tps(&[tps("32.73.01.1001", n, 10, 10)], &jejak())
                .await
                .unwrap();
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let log = store.daftar_audit(0, 100).await.unwrap();
    assert_eq!(log.len(), 13);
    let mut checker = PemeriksaRantai::default();
    for e in &log {
        checker.periksa(e).unwrap();
    }
}

fn kiriman(
    p: &Pemilihan,
    tps: &Tps,
    kunci: &str,
    suara: &[u32],
    tidak_sah: u32,
) -> (crate::KirimanHasil, crate::HasilTps) {
    let formulir = posko_domain::FormulirHasil {
        suara_paslon: suara.iter().map(|v| Some(*v)).collect(),
        suara_sah: Some(suara.iter().sum()),
        suara_tidak_sah: Some(tidak_sah),
        suara_total: Some(suara.iter().sum::<u32>() + tidak_sah),
        ..Default::default()
    };
    let k = crate::KirimanHasil {
        id: Uuid::now_v7(),
        kunci_klien: kunci.into(),
        pemilihan_id: p.id,
        tps: tps.kode,
        revisi: 0,
        // One saksi sends them all: a client key is the sender's own.
        pengirim_id: Uuid::from_u128(0x5a45),
        pengirim: "saksi".into(),
        sumber: "api".into(),
        waktu: 1_000,
        alasan: None,
        temuan: vec![],
        foto: vec!["ab".repeat(32)],
        formulir: formulir.clone(),
        kode_dari: None,
        peramban: None,
    };
    let h = crate::HasilTps {
        pemilihan_id: p.id,
        tps: tps.kode,
        kiriman_id: Uuid::nil(),
        revisi: 0,
        status: crate::StatusHasil::Masuk,
        angka: crate::Angka::dari_formulir(&formulir),
        terverifikasi: None,
        jumlah_temuan: 0,
        dpt: tps.dpt.total().map(u64::from).unwrap_or(0),
        waktu: 1_000,
    };
    (k, h)
}

/// A client key belongs to (election, TPS, sender): the same key from
/// another sender, or for another TPS, is a new submission and never hands
/// back someone else's; the same key from the same sender for the same TPS
/// is the earlier submission. Who acted comes back as stored.
pub async fn client_keys_are_scoped_to_election_tps_and_sender(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let t = sample_tps();
    let (mut a, ha) = kiriman(&p, &t[0], "kunci-sama", &[120, 98], 7);
    a.kode_dari = Some(Uuid::now_v7());
    a.peramban = Some("cd".repeat(32));
    let crate::Kirim::Baru(stored_a) = store.simpan_hasil(&a, &ha, &jejak()).await.unwrap() else {
        panic!("new")
    };
    assert_eq!(stored_a.kode_dari, a.kode_dari);
    assert_eq!(stored_a.peramban, a.peramban);
    // Another TPS, same key, same sender: a new submission of its own.
    let (b, hb) = kiriman(&p, &t[1], "kunci-sama", &[1, 2], 0);
    let crate::Kirim::Baru(stored_b) = store.simpan_hasil(&b, &hb, &jejak()).await.unwrap() else {
        panic!("a key from another TPS must not return TPS 1's submission")
    };
    assert_eq!(stored_b.tps, t[1].kode);
    // Same TPS, same key, another sender: also new (revision 2).
    let (mut c, hc) = kiriman(&p, &t[0], "kunci-sama", &[3, 4], 0);
    c.pengirim_id = Uuid::now_v7();
    let crate::Kirim::Baru(stored_c) = store.simpan_hasil(&c, &hc, &jejak()).await.unwrap() else {
        panic!("another sender's key must not return the first sender's submission")
    };
    assert_eq!(stored_c.revisi, 2);
    // The first sender resending: the first submission, unchanged.
    let mut again = a.clone();
    again.id = Uuid::now_v7();
    assert_eq!(
        store.simpan_hasil(&again, &ha, &jejak()).await.unwrap(),
        crate::Kirim::Ulang(stored_a.clone())
    );
    assert_eq!(
        store.daftar_kiriman_tps(p.id, t[0].kode).await.unwrap(),
        [stored_a, stored_c]
    );
}

/// Uploads are recorded per account, once, with one audit entry; an
/// account's entries are read back by entity, newest first.
pub async fn photo_uploads_and_account_history_are_recorded(store: DynStore) {
    let ani = pengguna("ani");
    store.simpan_pengguna(&ani, None, &jejak()).await.unwrap();
    let hash = "ef".repeat(32);
    let before = store.daftar_audit(0, 1_000).await.unwrap().len();
    for _ in 0..2 {
        store
            .catat_unggah_foto(&hash, ani.id, 1_000, &jejak())
            .await
            .unwrap();
    }
    assert_eq!(
        store.daftar_audit(0, 1_000).await.unwrap().len(),
        before + 1
    );
    assert!(store.pernah_unggah_foto(&hash, ani.id).await.unwrap());
    assert!(
        !store
            .pernah_unggah_foto(&hash, Uuid::now_v7())
            .await
            .unwrap()
    );
    assert!(
        !store
            .pernah_unggah_foto(&"00".repeat(32), ani.id)
            .await
            .unwrap()
    );

    let about = |aksi: &str| {
        posko_domain::Jejak::new("user:x", aksi, "pengguna", ani.id.to_string(), aksi, b"")
    };
    store
        .simpan_kode_masuk(
            &KodeMasuk {
                kode_hash: "k".into(),
                pengguna_id: ani.id,
                kadaluarsa: 9_999,
                penerbit: None,
            },
            &about("kode_masuk.buat"),
        )
        .await
        .unwrap();
    store.catat_audit(&about("lain.hal")).await.unwrap();
    let aksi: Vec<String> = store
        .daftar_audit_entitas("pengguna", &ani.id.to_string(), 10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.aksi)
        .collect();
    assert_eq!(aksi, ["lain.hal", "kode_masuk.buat"]);
    assert!(
        store
            .daftar_audit_entitas("pengguna", &Uuid::now_v7().to_string(), 10)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn results_are_revisions_and_totals_move_by_the_difference(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let t = sample_tps();
    let submit = |k: crate::KirimanHasil, h: crate::HasilTps| {
        let store = store.clone();
        async move { store.simpan_hasil(&k, &h, &jejak()).await }
    };
    let (k1, h1) = kiriman(&p, &t[0], "a-1", &[120, 98], 7);
    let first = submit(k1.clone(), h1.clone()).await.unwrap();
    let crate::Kirim::Baru(stored) = first else {
        panic!("new")
    };
    assert_eq!(stored.revisi, 1);
    // The same client id again: nothing new, the first answer back.
    let (mut again, h_again) = kiriman(&p, &t[0], "a-1", &[1, 1], 0);
    again.id = Uuid::now_v7();
    assert_eq!(
        submit(again, h_again).await.unwrap(),
        crate::Kirim::Ulang(stored.clone())
    );
    let (mut k2, h2) = kiriman(&p, &t[1], "b-1", &[50, 60], 3);
    k2.waktu = 900;
    submit(k2, h2).await.unwrap();
    let (mut k3, h3) = kiriman(&p, &t[3], "c-1", &[10, 20], 1);
    k3.waktu = 1_100;
    submit(k3, h3).await.unwrap();
    // A correction of TPS 1: revision 2, totals move by the difference.
    let (mut k4, h4) = kiriman(&p, &t[0], "a-2", &[120, 89], 7);
    k4.alasan = Some("salah baca".into());
    k4.waktu = 2_000;
    let crate::Kirim::Baru(fixed) = submit(k4, h4).await.unwrap() else {
        panic!("new")
    };
    assert_eq!(fixed.revisi, 2);

    // Arrival order is by each TPS's first revision: the correction at
    // 2000 does not move TPS 1 from 1000.
    assert_eq!(
        store.daftar_kedatangan_hasil(p.id, k("32")).await.unwrap(),
        [(t[1].kode, 900), (t[0].kode, 1_000), (t[3].kode, 1_100)]
    );
    assert!(
        store
            .daftar_kedatangan_hasil(p.id, k("31"))
            .await
            .unwrap()
            .is_empty()
    );

    let history = store.daftar_kiriman_tps(p.id, t[0].kode).await.unwrap();
    assert_eq!(history.iter().map(|k| k.revisi).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(history[0], stored, "the first revision is kept as sent");
    assert_eq!(history[1].alasan.as_deref(), Some("salah baca"));
    let now = store
        .ambil_hasil_tps(p.id, t[0].kode)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((now.revisi, now.kiriman_id), (2, fixed.id));
    assert_eq!(now.angka.suara, [120, 89]);
    assert!(
        store
            .ambil_hasil_tps(p.id, t[2].kode)
            .await
            .unwrap()
            .is_none()
    );

    let kodes = [
        k("32"),
        k("32.73"),
        k("32.73.01"),
        k("32.73.01.1001"),
        k("32.73.02"),
        k("32.73.01.1002"),
        k("31"),
    ];
    let r = store.daftar_rekap_hasil(p.id, &kodes, 2).await.unwrap();
    let got: Vec<(u64, u64, Vec<u64>, u64, u64)> = r
        .iter()
        .map(|x| {
            (
                x.tps_masuk,
                x.dpt_masuk,
                x.angka.suara.clone(),
                x.angka.sah,
                x.angka.tidak_sah,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (3, 210 + 290 + 110, vec![180, 169], 349, 11),
            (3, 610, vec![180, 169], 349, 11),
            (2, 500, vec![170, 149], 319, 10),
            (2, 500, vec![170, 149], 319, 10),
            (1, 110, vec![10, 20], 30, 1),
            (0, 0, vec![0, 0], 0, 0),
            (0, 0, vec![0, 0], 0, 0),
        ]
    );
    let desa = store
        .daftar_hasil_desa(p.id, k("32.73.01.1001"))
        .await
        .unwrap();
    assert_eq!(
        desa.iter().map(|h| h.tps.nomor().get()).collect::<Vec<_>>(),
        [1, 2]
    );

    // Unknown TPS or election: refused, nothing stored.
    let ghost = tps("32.73.01.1001", 9, 1, 1);
    let (k5, h5) = kiriman(&p, &ghost, "x-1", &[1, 1], 0);
    assert!(matches!(submit(k5, h5).await, Err(StoreError::NotFound(_))));
    // Every stored submission is one audit entry (plus the seed's three).
    assert_eq!(store.daftar_audit(0, 100).await.unwrap().len(), 3 + 4);
}

pub async fn concurrent_resends_store_one_submission(store: DynStore) {
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let t = sample_tps();
    let mut handles = Vec::new();
    for i in 0..10 {
        let store = store.clone();
        let (mut k, h) = kiriman(&p, &t[0], "sama", &[120, 98], 7);
        k.id = Uuid::now_v7();
        k.waktu = i;
        handles.push(tokio::spawn(async move {
            store.simpan_hasil(&k, &h, &jejak()).await
        }));
    }
    let mut baru = 0;
    for h in handles {
        if let crate::Kirim::Baru(_) = h.await.unwrap().unwrap() {
            baru += 1;
        }
    }
    assert_eq!(baru, 1, "one stored, nine answered with it");
    assert_eq!(
        store
            .daftar_kiriman_tps(p.id, t[0].kode)
            .await
            .unwrap()
            .len(),
        1
    );
    let r = store.daftar_rekap_hasil(p.id, &[k("32")], 2).await.unwrap();
    assert_eq!((r[0].tps_masuk, r[0].angka.sah), (1, 218));
    // Different TPS in parallel: every total adds up.
    let mut handles = Vec::new();
    for (i, tps) in t.iter().enumerate().skip(1) {
        let store = store.clone();
        let (k, h) = kiriman(&p, tps, &format!("t-{i}"), &[10, 10], 0);
        handles.push(tokio::spawn(async move {
            store.simpan_hasil(&k, &h, &jejak()).await
        }));
    }
    for h in handles {
        h.await.unwrap().unwrap();
    }
    let r = store.daftar_rekap_hasil(p.id, &[k("32")], 2).await.unwrap();
    assert_eq!(
        (r[0].tps_masuk, r[0].angka.suara.clone()),
        (4, vec![150, 128])
    );
}

fn pengguna(username: &str) -> Pengguna {
    Pengguna {
        id: Uuid::now_v7(),
        username: username.into(),
        nama: format!("Nama {username}"),
        aktif: true,
        dibuat: datetime!(2026-11-28 08:00 UTC),
        penugasan: vec![Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(k("32.73"))).unwrap()],
        telepon: None,
    }
}

fn tersandi(kid: &str, n: u32) -> crate::DataTersandi {
    crate::DataTersandi {
        sandi: format!("{kid}:sandi-{n}"),
        indeks: format!("{kid}:indeks-{n}"),
    }
}

pub async fn pengguna_in_bulk_with_encrypted_phones(store: DynStore) {
    let saksi = |u: &str, n: u32| {
        let mut p = pengguna(u);
        p.penugasan = vec![
            Penugasan::new(
                Peran::Saksi,
                Cakupan::Tps(KodeTps::parse(&format!("3273011001{n:03}")).unwrap()),
            )
            .unwrap(),
        ];
        p.telepon = Some(tersandi("aaaaaaaa", n));
        p
    };
    let rows: Vec<Pengguna> = (1..=30)
        .map(|n| saksi(&format!("saksi{n:02}"), n))
        .collect();
    store.simpan_pengguna_banyak(&rows, &jejak()).await.unwrap();
    // One taken username: nothing of the batch is stored, nor audited.
    let clash = vec![saksi("saksi99", 99), saksi("saksi05", 5)];
    let err = store.simpan_pengguna_banyak(&clash, &jejak()).await;
    assert!(
        matches!(&err, Err(StoreError::Conflict(crate::Konflik::NamaPengguna(n))) if n == "saksi05"),
        "{err:?}"
    );
    assert!(store.cari_login("saksi99").await.unwrap().is_none());
    assert_eq!(store.daftar_audit(0, 100).await.unwrap().len(), 1);

    // Listing brings every account's roles (in one query per table).
    let all = store.daftar_pengguna().await.unwrap();
    assert_eq!(all.len(), 30);
    assert_eq!(all[6], rows[6]);
    assert!(all.iter().all(|p| p.penugasan.len() == 1));

    // Lookup by blind index: any of several indexes (one per key) matches.
    let found = store
        .cari_pengguna_telepon(&["bbbbbbbb:indeks-7".into(), "aaaaaaaa:indeks-7".into()])
        .await
        .unwrap();
    assert_eq!(found, vec![rows[6].clone()]);
    assert!(
        store
            .cari_pengguna_telepon(&["x".into()])
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.cari_pengguna_telepon(&[]).await.unwrap().is_empty());

    assert!(
        store
            .ubah_telepon(rows[0].id, None, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .ambil_pengguna(rows[0].id)
            .await
            .unwrap()
            .unwrap()
            .telepon,
        None
    );
    assert!(
        !store
            .ubah_telepon(Uuid::now_v7(), None, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(store.daftar_kid_terpakai().await.unwrap(), ["aaaaaaaa"]);

    // Rotation rewrites every value in one go.
    let stored = store
        .daftar_rahasia(crate::KolomRahasia::PenggunaTelepon)
        .await
        .unwrap();
    assert_eq!(stored.len(), 29);
    let rewritten: Vec<_> = stored
        .iter()
        .map(|(id, d)| {
            let n: u32 = d.indeks.rsplit('-').next().unwrap().parse().unwrap();
            (
                crate::KolomRahasia::PenggunaTelepon,
                *id,
                tersandi("cccccccc", n),
            )
        })
        .collect();
    assert_eq!(store.ubah_rahasia(&rewritten, &jejak()).await.unwrap(), 29);
    assert_eq!(store.daftar_kid_terpakai().await.unwrap(), ["cccccccc"]);
    let found = store
        .cari_pengguna_telepon(&["cccccccc:indeks-7".into()])
        .await
        .unwrap();
    assert_eq!(found[0].telepon, Some(tersandi("cccccccc", 7)));
}

pub async fn saksi_of_a_tps_main_and_backups(store: DynStore) {
    let tps = KodeTps::parse("3273011001003").unwrap();
    let saksi = |u: &str, menit: u8, tps: KodeTps| {
        let mut p = pengguna(u);
        p.dibuat = datetime!(2026-11-28 08:00 UTC) + time::Duration::minutes(menit.into());
        p.penugasan = vec![Penugasan::new(Peran::Saksi, Cakupan::Tps(tps)).unwrap()];
        p
    };
    let lain = KodeTps::parse("3273011002001").unwrap();
    // Created out of order: the list is by age, not by insertion.
    let budi = saksi("budi", 5, tps);
    let ani = saksi("ani", 1, tps);
    let cici = saksi("cici", 1, lain);
    store
        .simpan_pengguna_banyak(&[budi.clone(), ani.clone(), cici.clone()], &jejak())
        .await
        .unwrap();
    let names = |v: &[crate::SaksiTps]| {
        v.iter()
            .map(|s| (s.username.clone(), s.ditetapkan_utama))
            .collect::<Vec<_>>()
    };
    let desa = store.daftar_saksi_di(k("32.73.01.1001")).await.unwrap();
    assert_eq!(
        names(&desa),
        [("ani".to_string(), false), ("budi".to_string(), false)]
    );
    assert_eq!(desa[0].tps, tps);
    assert_eq!(desa[0].nama, ani.nama);
    assert_eq!(store.daftar_saksi_di(k("32.73.01")).await.unwrap().len(), 3);
    let mut per_tps = store.hitung_saksi_per_tps(k("32.73.01")).await.unwrap();
    per_tps.sort_by_key(|(t, _)| t.to_string());
    let mut expect = vec![(tps, 2), (lain, 1)];
    expect.sort_by_key(|(t, _)| t.to_string());
    assert_eq!(per_tps, expect, "a main saksi and a backup count as two");
    assert!(
        store
            .hitung_saksi_per_tps(k("32.73.02"))
            .await
            .unwrap()
            .is_empty()
    );

    let audit_before = store.daftar_audit(0, 100).await.unwrap().len();
    assert!(
        store
            .ubah_saksi_utama(budi.id, tps, &jejak())
            .await
            .unwrap()
    );
    assert!(
        !store
            .ubah_saksi_utama(budi.id, tps, &jejak())
            .await
            .unwrap()
    );
    let desa = store.daftar_saksi_di(k("32.73.01.1001")).await.unwrap();
    assert_eq!(
        names(&desa),
        [("ani".to_string(), false), ("budi".to_string(), true)]
    );
    // One main per TPS: naming another replaces the first.
    assert!(store.ubah_saksi_utama(ani.id, tps, &jejak()).await.unwrap());
    let desa = store.daftar_saksi_di(k("32.73.01.1001")).await.unwrap();
    assert_eq!(
        names(&desa),
        [("ani".to_string(), true), ("budi".to_string(), false)]
    );
    assert_eq!(
        store.daftar_audit(0, 100).await.unwrap().len(),
        audit_before + 2,
        "each change audited, the no-op not"
    );
    // A disabled account is no one's witness.
    assert!(store.ubah_aktif(ani.id, false, &jejak()).await.unwrap());
    assert_eq!(
        names(&store.daftar_saksi_di(k("32.73.01.1001")).await.unwrap()),
        [("budi".to_string(), false)]
    );
}

pub async fn sessions_are_listed_and_ended_per_account(store: DynStore) {
    let ani = pengguna("ani");
    let budi = pengguna("budi");
    for p in [&ani, &budi] {
        store.simpan_pengguna(p, None, &jejak()).await.unwrap();
    }
    let sesi = |h: &str, p: &Pengguna, dibuat: i64| Sesi {
        token_hash: h.into(),
        pengguna_id: p.id,
        csrf: "c".into(),
        dibuat,
        kadaluarsa: dibuat + 1_000,
        alamat: Some("10.0.0.1".into()),
        perangkat: Some("Mozilla/5.0 (Linux; Android 10)".into()),
        kode_dari: None,
        peramban: None,
    };
    for s in [
        sesi("a1", &ani, 100),
        sesi("a2", &ani, 200),
        sesi("a3", &ani, 300),
        sesi("b1", &budi, 100),
    ] {
        store.simpan_sesi(&s, &jejak()).await.unwrap();
    }
    let list = store.daftar_sesi(ani.id, 1_150).await.unwrap();
    let hashes: Vec<&str> = list.iter().map(|s| s.token_hash.as_str()).collect();
    assert_eq!(hashes, ["a3", "a2"], "newest first, expired left out");
    assert_eq!(list[0], sesi("a3", &ani, 300));
    assert_eq!(
        store
            .hapus_sesi_pengguna(ani.id, Some("a3"), &jejak())
            .await
            .unwrap(),
        2
    );
    assert!(store.ambil_sesi("a3", 150).await.unwrap().is_some());
    assert!(store.ambil_sesi("a1", 150).await.unwrap().is_none());
    assert!(
        store.ambil_sesi("b1", 150).await.unwrap().is_some(),
        "others untouched"
    );
    assert_eq!(
        store
            .hapus_sesi_pengguna(ani.id, None, &jejak())
            .await
            .unwrap(),
        1
    );
    assert!(store.daftar_sesi(ani.id, 0).await.unwrap().is_empty());
}

pub async fn pengguna_accounts_and_roles(store: DynStore) {
    let ani = pengguna("ani");
    store
        .simpan_pengguna(&ani, Some("$argon2id$dummy"), &jejak())
        .await
        .unwrap();
    let dup = store
        .simpan_pengguna(&pengguna("ani"), None, &jejak())
        .await;
    assert!(
        matches!(&dup, Err(StoreError::Conflict(crate::Konflik::NamaPengguna(n))) if n == "ani"),
        "{dup:?}"
    );
    assert_eq!(store.ambil_pengguna(ani.id).await.unwrap().unwrap(), ani);
    let (found, hash) = store.cari_login("ani").await.unwrap().unwrap();
    assert_eq!(found.id, ani.id);
    assert_eq!(hash.as_deref(), Some("$argon2id$dummy"));
    assert!(store.cari_login("budi").await.unwrap().is_none());

    let saksi = Penugasan::new(Peran::Auditor, Cakupan::Wilayah(k("32.73.01"))).unwrap();
    assert!(
        store
            .simpan_penugasan(ani.id, saksi, &jejak())
            .await
            .unwrap()
    );
    assert!(
        !store
            .simpan_penugasan(ani.id, saksi, &jejak())
            .await
            .unwrap()
    );
    let got = store.ambil_pengguna(ani.id).await.unwrap().unwrap();
    assert_eq!(got.penugasan.len(), 2);
    assert!(got.penugasan.contains(&saksi));
    assert!(
        store
            .hapus_penugasan(ani.id, saksi, &jejak())
            .await
            .unwrap()
    );
    assert!(
        !store
            .hapus_penugasan(ani.id, saksi, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .ambil_pengguna(ani.id)
            .await
            .unwrap()
            .unwrap()
            .penugasan
            .len(),
        1
    );

    assert!(store.ubah_aktif(ani.id, false, &jejak()).await.unwrap());
    assert!(!store.ambil_pengguna(ani.id).await.unwrap().unwrap().aktif);
    assert!(
        !store
            .ubah_aktif(Uuid::now_v7(), false, &jejak())
            .await
            .unwrap()
    );
    assert!(
        store
            .ubah_hash_sandi(ani.id, "$argon2id$baru", &jejak())
            .await
            .unwrap()
    );
    assert_eq!(
        store.cari_login("ani").await.unwrap().unwrap().1.as_deref(),
        Some("$argon2id$baru")
    );
    store
        .simpan_pengguna(&pengguna("budi"), None, &jejak())
        .await
        .unwrap();
    let names: Vec<String> = store
        .daftar_pengguna()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.username)
        .collect();
    assert_eq!(names, ["ani", "budi"]);
    // Every change above was audited; the refused duplicate was not.
    assert_eq!(store.daftar_audit(0, 100).await.unwrap().len(), 6);
}

pub async fn sessions_expire_and_one_time_codes_work_once(store: DynStore) {
    let ani = pengguna("ani");
    store.simpan_pengguna(&ani, None, &jejak()).await.unwrap();
    let penerbit = Uuid::now_v7();
    let sesi = Sesi {
        token_hash: "h1".into(),
        pengguna_id: ani.id,
        csrf: "c1".into(),
        dibuat: 1_000,
        kadaluarsa: 2_000,
        alamat: None,
        perangkat: None,
        // Who issued the code it was opened with, and the browser: both
        // come back as stored.
        kode_dari: Some(penerbit),
        peramban: Some("ab".repeat(32)),
    };
    store.simpan_sesi(&sesi, &jejak()).await.unwrap();
    assert_eq!(store.ambil_sesi("h1", 1_500).await.unwrap(), Some(sesi));
    assert_eq!(
        store.ambil_sesi("h1", 2_000).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(store.ambil_sesi("h2", 1_500).await.unwrap(), None);
    store.hapus_sesi("h1").await.unwrap();
    assert_eq!(store.ambil_sesi("h1", 1_500).await.unwrap(), None);

    for (hash, exp) in [("k1", 2_000), ("k2", 1_000)] {
        store
            .simpan_kode_masuk(
                &KodeMasuk {
                    kode_hash: hash.into(),
                    pengguna_id: ani.id,
                    kadaluarsa: exp,
                    penerbit: Some(penerbit),
                },
                &jejak(),
            )
            .await
            .unwrap();
    }
    assert_eq!(
        store.pakai_kode_masuk("k1", 1_500).await.unwrap(),
        Some((ani.id, Some(penerbit)))
    );
    assert_eq!(
        store.pakai_kode_masuk("k1", 1_500).await.unwrap(),
        None,
        "reused"
    );
    assert_eq!(
        store.pakai_kode_masuk("k2", 1_500).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(store.pakai_kode_masuk("k3", 1_500).await.unwrap(), None);
}

pub async fn api_tokens_are_hashed_revocable_and_record_last_use(store: DynStore) {
    let t = crate::TokenApi {
        id: Uuid::now_v7(),
        nama: "gateway-sms".into(),
        token_hash: "th1".into(),
        penugasan: Penugasan::new(Peran::Verifier, Cakupan::Wilayah(k("32.73"))).unwrap(),
        dibuat: 1_000,
        dicabut: None,
        terakhir_dipakai: None,
    };
    store.simpan_token(&t, &jejak()).await.unwrap();
    let used = store.pakai_token("th1", 1_234).await.unwrap().unwrap();
    assert_eq!(used.penugasan, t.penugasan);
    assert_eq!(used.terakhir_dipakai, Some(1_234));
    assert!(store.pakai_token("th2", 1_234).await.unwrap().is_none());
    let list = store.daftar_token().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].terakhir_dipakai, Some(1_234));
    assert!(store.cabut_token(t.id, 2_000, &jejak()).await.unwrap());
    assert!(!store.cabut_token(t.id, 2_001, &jejak()).await.unwrap());
    assert!(store.pakai_token("th1", 2_100).await.unwrap().is_none());
    assert_eq!(store.daftar_token().await.unwrap()[0].dicabut, Some(2_000));
    assert_eq!(store.daftar_audit(0, 10).await.unwrap().len(), 2);
}

fn pesan_masuk(kunci: &str, pengirim: u32, diterima: i64) -> crate::PesanMasuk {
    crate::PesanMasuk {
        id: Uuid::now_v7(),
        saluran: crate::Saluran::SmsGateway,
        kunci_luar: kunci.into(),
        pengirim: tersandi("kunci001", pengirim),
        pengirim_samar: "0812*****890".into(),
        teks: "HASIL 3273011001003 120 98 TS 7".into(),
        foto: Vec::new(),
        diterima,
        status: crate::StatusPesan::Baru,
        pengguna_id: None,
        tps: None,
        kiriman_id: None,
        balasan: None,
    }
}

async fn jumlah_audit(store: &DynStore) -> usize {
    store.daftar_audit(0, 1_000).await.unwrap().len()
}

pub async fn pesan_inbox_dedupes_and_outbox_survives(store: DynStore) {
    use crate::pesan::MAKS_PERCOBAAN;
    use crate::{HasilOlah, Saluran, StatusPesan};

    // A new message is stored (as it came, photos included) and audited.
    let mut m1 = pesan_masuk("sms-1", 1, 1_000);
    m1.foto = vec!["ab".repeat(32)];
    assert_eq!(store.simpan_pesan(&m1, &jejak()).await.unwrap(), None);
    assert_eq!(jumlah_audit(&store).await, 1);
    // The gateway retrying: the stored message comes back, nothing is written.
    let mut ulang = pesan_masuk("sms-1", 1, 1_050);
    ulang.teks = "lain".into();
    let stored = store.simpan_pesan(&ulang, &jejak()).await.unwrap();
    assert_eq!(stored, Some(m1.clone()));
    assert_eq!(jumlah_audit(&store).await, 1, "a retry is not audited");
    // The same id on another gateway is another message.
    let mut tg = pesan_masuk("sms-1", 2, 1_100);
    tg.saluran = Saluran::Telegram;
    assert_eq!(store.simpan_pesan(&tg, &jejak()).await.unwrap(), None);

    // Twenty servers receive one retry at once: one stores it.
    let mut handles = Vec::new();
    for _ in 0..20 {
        let store = store.clone();
        let m = pesan_masuk("sms-2", 3, 1_200);
        handles.push(tokio::spawn(async move {
            let r = store.simpan_pesan(&m, &jejak()).await;
            (m.id, r)
        }));
    }
    let (mut menang, mut kalah) = (Vec::new(), Vec::new());
    for h in handles {
        match h.await.unwrap() {
            (id, Ok(None)) => menang.push(id),
            (_, Ok(Some(p))) => kalah.push(p.id),
            (_, Err(e)) => panic!("concurrent simpan_pesan failed: {e}"),
        }
    }
    assert_eq!(menang.len(), 1, "exactly one insert");
    assert!(kalah.iter().all(|id| *id == menang[0]), "the others get it");
    let m2 = menang[0];
    assert_eq!(jumlah_audit(&store).await, 3);
    let m3 = pesan_masuk("sms-3", 1, 1_300);
    assert_eq!(store.simpan_pesan(&m3, &jejak()).await.unwrap(), None);
    assert_eq!(jumlah_audit(&store).await, 4);

    // Crash recovery: unprocessed messages received before the cutoff.
    let ids = |v: Vec<crate::PesanMasuk>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.daftar_pesan_baru(1_200, 10).await.unwrap()),
        [m1.id, tg.id]
    );

    // Processing: ids that match nothing stored (an unregistered sender, a
    // TPS not imported) are kept, not refused by a foreign key.
    let h = HasilOlah {
        status: StatusPesan::Diterima,
        pengguna_id: Some(Uuid::now_v7()),
        tps: Some(KodeTps::parse("3273011001003").unwrap()),
        kiriman_id: Some(Uuid::now_v7()),
        balasan: "Diterima TPS 32.73.01.1001-003. Terima kasih.".into(),
        kirim_balasan: true,
    };
    assert!(
        store
            .selesaikan_pesan(m1.id, &h, 2_000, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(jumlah_audit(&store).await, 5);
    // A second processor of the same message writes nothing.
    let lain = HasilOlah {
        status: StatusPesan::Galat,
        balasan: "lain".into(),
        ..h.clone()
    };
    assert!(
        !store
            .selesaikan_pesan(m1.id, &lain, 2_001, &jejak())
            .await
            .unwrap()
    );
    assert!(
        !store
            .selesaikan_pesan(Uuid::now_v7(), &h, 2_001, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(jumlah_audit(&store).await, 5);
    let now = store
        .simpan_pesan(&ulang, &jejak())
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(
        (
            now.status,
            now.pengguna_id,
            now.tps,
            now.kiriman_id,
            now.balasan.as_deref()
        ),
        (
            StatusPesan::Diterima,
            h.pengguna_id,
            h.tps,
            h.kiriman_id,
            Some(h.balasan.as_str())
        )
    );
    // Throttled: recorded, nothing queued.
    let diam = HasilOlah {
        status: StatusPesan::TakTerdaftar,
        pengguna_id: None,
        tps: None,
        kiriman_id: None,
        balasan: "Nomor ini tidak terdaftar.".into(),
        kirim_balasan: false,
    };
    assert!(
        store
            .selesaikan_pesan(tg.id, &diam, 2_000, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(
        store.hitung_keluar_per_status().await.unwrap(),
        [("antre".to_string(), 1)]
    );
    assert_eq!(
        ids(store.daftar_pesan_baru(10_000, 10).await.unwrap()),
        [m2, m3.id]
    );
    assert!(store.daftar_pesan_baru(1_200, 10).await.unwrap().is_empty());

    // Flood throttling counts by sender and time.
    let idx = |n| tersandi("kunci001", n).indeks;
    assert_eq!(store.hitung_pesan_dari(&idx(1), 0).await.unwrap(), 2);
    assert_eq!(store.hitung_pesan_dari(&idx(1), 1_000).await.unwrap(), 2);
    assert_eq!(store.hitung_pesan_dari(&idx(1), 1_001).await.unwrap(), 1);
    assert_eq!(store.hitung_pesan_dari(&idx(3), 0).await.unwrap(), 1);
    assert_eq!(store.hitung_pesan_dari(&idx(9), 0).await.unwrap(), 0);

    // The coordinators' list, newest first.
    let daftar = |s: &'static [StatusPesan], n| {
        let store = store.clone();
        async move { ids(store.daftar_pesan(s, n).await.unwrap()) }
    };
    assert_eq!(daftar(&[StatusPesan::Baru], 10).await, [m3.id, m2]);
    assert_eq!(
        daftar(&[StatusPesan::TakTerdaftar, StatusPesan::Diterima], 10).await,
        [tg.id, m1.id]
    );
    assert_eq!(daftar(&[], 10).await, [m3.id, m2, tg.id, m1.id]);
    assert_eq!(daftar(&[], 1).await, [m3.id]);
    assert!(daftar(&[StatusPesan::Galat], 10).await.is_empty());

    // The outbox: one reply due, addressed to the message's sender, leased
    // for 30 s to whoever claims it.
    let ambil = |sekarang: i64| {
        let store = store.clone();
        async move {
            store
                .ambil_balasan(sekarang, sekarang + 30, 10)
                .await
                .unwrap()
        }
    };
    assert!(ambil(1_999).await.is_empty());
    let due = ambil(2_000).await;
    assert_eq!(due.len(), 1);
    let b = due[0].clone();
    assert_eq!(
        (
            b.pesan_id,
            b.saluran,
            &b.tujuan,
            b.teks.as_str(),
            b.percobaan,
            b.berikut
        ),
        (
            m1.id,
            Saluran::SmsGateway,
            &m1.pengirim,
            h.balasan.as_str(),
            0,
            2_030
        )
    );
    // Leased: another sender does not get it; if the first dies trying,
    // it comes due again when the lease runs out.
    assert!(ambil(2_029).await.is_empty());
    assert_eq!(ambil(2_030).await.len(), 1);
    // A failed attempt: not due again until the next attempt's time.
    store
        .tandai_balasan(b.id, false, Some("gateway 503"), 2_060, 2_000)
        .await
        .unwrap();
    assert!(ambil(2_059).await.is_empty());
    let due = ambil(2_060).await;
    assert_eq!((due[0].percobaan, due[0].berikut), (1, 2_090));
    // Up to the last attempt it stays queued, then it is given up.
    for i in 2..MAKS_PERCOBAAN {
        let t = 2_000 + 60 * i64::from(i);
        store
            .tandai_balasan(b.id, false, Some("timeout"), t, t - 60)
            .await
            .unwrap();
    }
    let due = ambil(1_000_000).await;
    assert_eq!(due[0].percobaan, MAKS_PERCOBAAN - 1);
    store
        .tandai_balasan(b.id, false, Some("timeout"), 9_000, 8_000)
        .await
        .unwrap();
    assert!(ambil(2_000_000).await.is_empty());
    // A given-up reply stays given up.
    store
        .tandai_balasan(b.id, true, None, 0, 9_500)
        .await
        .unwrap();
    assert_eq!(
        store.hitung_keluar_per_status().await.unwrap(),
        [("gagal".to_string(), 1)]
    );

    // A reply sent: not due again, counted as sent.
    let h2 = HasilOlah {
        status: StatusPesan::Galat,
        pengguna_id: None,
        tps: None,
        kiriman_id: None,
        balasan: "Angka 'l20' tidak jelas: maksud Anda 120?".into(),
        kirim_balasan: true,
    };
    assert!(
        store
            .selesaikan_pesan(m2, &h2, 3_000, &jejak())
            .await
            .unwrap()
    );
    let due = ambil(3_000).await;
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].tujuan, tersandi("kunci001", 3));
    store
        .tandai_balasan(due[0].id, true, None, 0, 3_005)
        .await
        .unwrap();
    assert!(ambil(3_000_000).await.is_empty());
    assert_eq!(
        store.hitung_keluar_per_status().await.unwrap(),
        [("gagal".to_string(), 1), ("terkirim".to_string(), 1)]
    );
    // Delivery bookkeeping is not audited; each processed message is.
    assert_eq!(jumlah_audit(&store).await, 7);
}

pub async fn outbox_leases_each_reply_to_one_sender(store: DynStore) {
    use crate::{HasilOlah, StatusPesan};

    for i in 0..40 {
        let m = pesan_masuk(&format!("sms-{i}"), i, 1_000);
        store.simpan_pesan(&m, &jejak()).await.unwrap();
        let h = HasilOlah {
            status: StatusPesan::Bantuan,
            pengguna_id: None,
            tps: None,
            kiriman_id: None,
            balasan: format!("balasan {i}"),
            kirim_balasan: true,
        };
        store
            .selesaikan_pesan(m.id, &h, 2_000, &jejak())
            .await
            .unwrap();
    }
    // Four servers' outbox workers claim at once until nothing is left:
    // every reply is claimed, none twice.
    let mut handles = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        handles.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let got = store.ambil_balasan(2_000, 2_300, 3).await.unwrap();
                if got.is_empty() {
                    break mine;
                }
                mine.extend(got.into_iter().map(|b| b.teks));
                tokio::task::yield_now().await;
            }
        }));
    }
    let mut semua = Vec::new();
    for h in handles {
        semua.extend(h.await.unwrap());
    }
    let berbeda: HashSet<&String> = semua.iter().collect();
    assert_eq!(berbeda.len(), semua.len(), "a reply was claimed twice");
    assert_eq!(semua.len(), 40);
}

pub async fn telegram_links_and_short_codes(store: DynStore) {
    let a = pengguna("saksi_a");
    let b = pengguna("saksi_b");
    for p in [&a, &b] {
        store.simpan_pengguna(p, None, &jejak()).await.unwrap();
    }
    let base = jumlah_audit(&store).await;
    let tg = crate::DataTersandi {
        sandi: "kunci001:tg-sandi".into(),
        indeks: "kunci001:tg-42".into(),
    };
    let semua_indeks = ["kunci000:tg-42".to_string(), tg.indeks.clone()];
    let linked = |indeks: &'static str| {
        let store = store.clone();
        async move {
            store
                .cari_pengguna_telegram(&[indeks.to_string()])
                .await
                .unwrap()
                .into_iter()
                .map(|p| p.username)
                .collect::<Vec<_>>()
        }
    };
    assert!(
        store
            .ubah_telegram(a.id, Some(&tg), &semua_indeks, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(linked("kunci001:tg-42").await, ["saksi_a"]);
    // The same Telegram user linking to another account moves the link.
    assert!(
        store
            .ubah_telegram(b.id, Some(&tg), &semua_indeks, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(linked("kunci001:tg-42").await, ["saksi_b"]);
    // No such account: nothing changes, not even the other account's link.
    assert!(
        !store
            .ubah_telegram(Uuid::now_v7(), Some(&tg), &semua_indeks, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(linked("kunci001:tg-42").await, ["saksi_b"]);
    assert!(
        store
            .ubah_telegram(b.id, None, &[], &jejak())
            .await
            .unwrap()
    );
    assert!(linked("kunci001:tg-42").await.is_empty());
    assert_eq!(jumlah_audit(&store).await, base + 3);

    // Short codes: issued once per TPS, in order, never changed.
    let t = |n: u16| KodeTps::parse(&format!("3273011001{n:03}")).unwrap();
    assert_eq!(
        store
            .beri_kode_singkat(&[t(1), t(2), t(1)], &jejak())
            .await
            .unwrap(),
        [0, 1, 0]
    );
    assert_eq!(jumlah_audit(&store).await, base + 4);
    assert_eq!(
        store
            .beri_kode_singkat(&[t(2), t(3)], &jejak())
            .await
            .unwrap(),
        [1, 2]
    );
    // Printing again issues nothing and is not audited.
    assert_eq!(
        store
            .beri_kode_singkat(&[t(3), t(1)], &jejak())
            .await
            .unwrap(),
        [2, 0]
    );
    assert_eq!(jumlah_audit(&store).await, base + 5);
    assert_eq!(store.cari_tps_kode_singkat(1).await.unwrap(), Some(t(2)));
    assert_eq!(store.cari_tps_kode_singkat(3).await.unwrap(), None);
    assert_eq!(store.cari_tps_kode_singkat(u64::MAX).await.unwrap(), None);
}

pub async fn quick_count_sample_is_stored_once(store: DynStore) {
    use posko_domain::hitung_cepat::{Alokasi, DesainSampel, Stratifikasi, TpsPopulasi, tarik};
    seeded(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    let t = sample_tps();
    let populasi: Vec<TpsPopulasi> = t
        .iter()
        .map(|x| TpsPopulasi {
            kode: x.kode.undotted(),
            kode_desa: x.kode.desa().undotted(),
            dpt: x.dpt.total().unwrap_or(0),
        })
        .collect();
    let desain = |benih| DesainSampel {
        stratifikasi: Stratifikasi::Tanpa,
        alokasi: Alokasi::ProporsionalDpt,
        ukuran: 2,
        benih,
    };
    let sampel = tarik(&desain(7), &populasi).unwrap();
    assert!(store.ambil_sampel(p.id).await.unwrap().is_none());
    let base = jumlah_audit(&store).await;
    assert!(
        store
            .simpan_sampel(p.id, &sampel, 1_000, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(jumlah_audit(&store).await, base + 1);
    // Never redrawn: a second sample is not stored, nor audited.
    let lain = tarik(&desain(8), &populasi).unwrap();
    assert!(
        !store
            .simpan_sampel(p.id, &lain, 2_000, &jejak())
            .await
            .unwrap()
    );
    assert_eq!(jumlah_audit(&store).await, base + 1);
    assert_eq!(
        store.ambil_sampel(p.id).await.unwrap(),
        Some((sampel, 1_000))
    );

    // The sampled TPS' results in one call: only those that have one.
    let (k1, h1) = kiriman(&p, &t[0], "a", &[120, 98], 7);
    store.simpan_hasil(&k1, &h1, &jejak()).await.unwrap();
    let (k2, h2) = kiriman(&p, &t[2], "b", &[10, 20], 1);
    store.simpan_hasil(&k2, &h2, &jejak()).await.unwrap();
    let mut got = store
        .daftar_hasil_tps(p.id, &[t[0].kode, t[1].kode, t[2].kode])
        .await
        .unwrap();
    got.sort_by_key(|h| h.tps);
    assert_eq!(
        got.iter()
            .map(|h| (h.tps, h.angka.suara.clone()))
            .collect::<Vec<_>>(),
        [(t[0].kode, vec![120, 98]), (t[2].kode, vec![10, 20])]
    );
    assert!(store.daftar_hasil_tps(p.id, &[]).await.unwrap().is_empty());
}

pub async fn batas_upsert_counts_and_children_shapes(store: DynStore) {
    use crate::BatasBaris;
    use posko_domain::peta::Batas;
    seeded(&store).await;
    let kotak = |kode: &str, x: f64| BatasBaris {
        batas: Batas {
            kode: k(kode),
            cincin: vec![vec![vec![
                (x, -6.9),
                (x + 0.01, -6.9),
                (x + 0.01, -6.89),
                (x, -6.89),
                (x, -6.9),
            ]]],
        },
        lat: -6.895,
        lng: x + 0.005,
    };
    let rows = vec![
        kotak("32.73.01", 107.6),
        kotak("32.73.02", 107.61),
        kotak("32.73", 107.6),
    ];
    let c = store.simpan_batas(&rows, &jejak()).await.unwrap();
    assert_eq!((c.baru, c.berubah, c.sama), (3, 0, 0));
    let c = store.simpan_batas(&rows, &jejak()).await.unwrap();
    assert_eq!((c.baru, c.berubah, c.sama), (0, 0, 3));
    let mut lain = rows[1].clone();
    lain.batas.cincin[0][0][1].0 = 107.625;
    let c = store.simpan_batas(&[lain.clone()], &jejak()).await.unwrap();
    assert_eq!((c.baru, c.berubah, c.sama), (0, 1, 0));

    let anak = store.daftar_batas_anak(k("32.73")).await.unwrap();
    assert_eq!(anak.len(), 2);
    assert_eq!(anak[0], rows[0].batas);
    assert_eq!(anak[1], lain.batas);
    assert_eq!(
        store.daftar_batas_anak(k("32")).await.unwrap(),
        vec![rows[2].batas.clone()]
    );
    assert!(store.daftar_batas_anak(k("31")).await.unwrap().is_empty());
    // A region that is not stored: nothing is written.
    assert!(
        store
            .simpan_batas(&[rows[0].clone(), kotak("33.01", 110.0)], &jejak())
            .await
            .is_err()
    );
    assert_eq!(
        store.daftar_batas_anak(k("32.73")).await.unwrap()[1],
        lain.batas
    );
}

fn kunjungan(relawan: Uuid, tps: &str, urut: u32, waktu: i64) -> crate::Kunjungan {
    crate::Kunjungan {
        id: Uuid::now_v7(),
        relawan_id: relawan,
        tps: KodeTps::parse(tps).unwrap(),
        urut,
        hasil: posko_domain::HasilKunjungan::Bertemu,
        dukungan: Some(posko_domain::TingkatDukungan::Condong),
        jawaban: vec![
            ("isu".into(), "ekonomi".into()),
            ("datang".into(), "pasti".into()),
        ],
        catatan: "minta kalender".into(),
        waktu,
        diterima: waktu + 60,
    }
}

pub async fn kunjungan_sync_stores_each_visit_once(store: DynStore) {
    seeded(&store).await;
    muat_contoh(&store).await;
    let wilayah = Cakupan::Wilayah(k("32.73.01"));
    let relawan = crate::Relawan {
        id: Uuid::now_v7(),
        pengguna_id: None,
        nama: "Rina".into(),
        tingkat: posko_domain::TingkatRelawan::dari(&wilayah).unwrap(),
        wilayah,
        perekrut: None,
        aktif: true,
        dibuat: 1_700_000_000,
    };
    store
        .simpan_relawan(&relawan, None, None, 1_700_000_000, &jejak())
        .await
        .unwrap();
    let tps1 = KodeTps::parse("32.73.01.1001-001").unwrap();
    let voters = store.daftar_pemilih_tps(tps1).await.unwrap();
    assert_eq!(
        voters
            .iter()
            .map(|p| (p.urut, p.nama.as_str()))
            .collect::<Vec<_>>(),
        vec![(1, "AHMAD"), (2, "SITI AMINAH"), (3, "BUDI")]
    );
    assert!(
        store
            .daftar_pemilih_tps(KodeTps::parse("32.73.01.1002-001").unwrap())
            .await
            .unwrap()
            .is_empty()
    );

    let mut kedua = kunjungan(relawan.id, "32.73.01.1001-001", 2, 1_780_000_100);
    kedua.hasil = posko_domain::HasilKunjungan::TidakDiRumah;
    kedua.dukungan = None;
    kedua.jawaban.clear();
    kedua.catatan.clear();
    let batch = vec![
        kunjungan(relawan.id, "32.73.01.1001-001", 1, 1_780_000_000),
        kedua,
    ];
    let audit = jumlah_audit(&store).await;
    let baru = store.simpan_kunjungan(&batch, &jejak()).await.unwrap();
    assert_eq!(baru.len(), 2);
    assert_eq!(jumlah_audit(&store).await, audit + 1);
    // The same batch again: nothing new, nothing logged.
    assert!(
        store
            .simpan_kunjungan(&batch, &jejak())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(jumlah_audit(&store).await, audit + 1);
    let stored = store.daftar_kunjungan_tps(tps1).await.unwrap();
    assert_eq!(stored, batch, "fields round-trip, oldest first");

    // One visit synced from two tabs and a retry at once: one row.
    let satu = kunjungan(relawan.id, "32.73.01.1001-001", 3, 1_780_000_200);
    let mut handles = Vec::new();
    for _ in 0..6 {
        let (store, rows) = (store.clone(), vec![satu.clone(), batch[0].clone()]);
        handles.push(tokio::spawn(async move {
            store.simpan_kunjungan(&rows, &jejak()).await
        }));
    }
    let mut baru = 0;
    for h in handles {
        baru += h.await.unwrap().unwrap().len();
    }
    assert_eq!(baru, 1);
    assert_eq!(store.daftar_kunjungan_tps(tps1).await.unwrap().len(), 3);
    assert_eq!(jumlah_audit(&store).await, audit + 2);
    assert!(
        store
            .daftar_kunjungan_tps(KodeTps::parse("32.73.01.1001-002").unwrap())
            .await
            .unwrap()
            .is_empty()
    );

    // A visit by an unknown relawan fails the whole batch.
    let baik = kunjungan(relawan.id, "32.73.01.1001-002", 1, 1_780_000_300);
    let asing = kunjungan(Uuid::now_v7(), "32.73.01.1001-002", 2, 1_780_000_300);
    assert!(
        store
            .simpan_kunjungan(&[baik, asing], &jejak())
            .await
            .is_err()
    );
    assert!(
        store
            .daftar_kunjungan_tps(KodeTps::parse("32.73.01.1001-002").unwrap())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(jumlah_audit(&store).await, audit + 2);
}

/// Expands to one `#[tokio::test]` per conformance test for a backend.
/// `$make` is an async expression giving `Option<DynStore>`.
#[macro_export]
macro_rules! conformance_tests {
    ($backend:literal, $make:expr) => {
        $crate::conformance_tests!(@each $backend, $make,
            migrations_bring_empty_database_to_current,
            wilayah_upsert_is_idempotent_and_counts_changes,
            wilayah_hierarchy_queries,
            wilayah_upsert_with_missing_parent_writes_nothing,
            tps_upsert_is_idempotent_and_totals_roll_up,
            children_with_totals_include_empty_children,
            tps_under_prefix_pages_in_key_order,
            tps_keeps_optional_fields,
            tps_in_unknown_desa_writes_nothing,
            pemilihan_and_paslon_round_trip,
            pemilihan_needs_a_stored_region,
            every_write_appends_one_chained_audit_entry,
            concurrent_writes_keep_one_unbroken_chain,
            pengguna_accounts_and_roles,
            sessions_expire_and_one_time_codes_work_once,
            api_tokens_are_hashed_revocable_and_record_last_use,
            pengguna_in_bulk_with_encrypted_phones,
            saksi_of_a_tps_main_and_backups,
            sessions_are_listed_and_ended_per_account,
            racing_attempts_never_pass_a_limit_together,
            disabling_an_account_ends_its_sessions_and_codes,
            results_are_revisions_and_totals_move_by_the_difference,
            client_keys_are_scoped_to_election_tps_and_sender,
            photo_uploads_and_account_history_are_recorded,
            concurrent_resends_store_one_submission,
            pesan_inbox_dedupes_and_outbox_survives,
            outbox_leases_each_reply_to_one_sender,
            telegram_links_and_short_codes,
            quick_count_sample_is_stored_once,
            pemilih_load_totals_and_lookup,
            pemilih_load_is_all_or_nothing,
            pemilih_reimport_is_idempotent,
            pemilih_tps_met_twice_in_a_file_keeps_both_runs,
            pemilih_interleaved_tps_load_whole,
            batas_upsert_counts_and_children_shapes,
            riwayat_is_replaced_whole_and_summed_per_desa,
            target_assumptions_are_saved_per_election,
            kunjungan_sync_stores_each_visit_once,
            visits_are_counted_per_relawan_day_and_desa,
            name_index_searches_pages_and_is_erased_with_the_supporter,
            survey_questions_per_election_and_answer_counts,
            readings_status_and_results_by_area,
            official_count_is_stored_all_or_nothing,
            checkins_and_incidents_per_area,
            relawan_tree_accounts_and_invitations,
            supporters_duplicates_retention_and_counts,
        );
    };
    (@each $backend:literal, $make:expr, $($name:ident),+ $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                match $make.await {
                    Some(store) => $crate::conformance::$name(store).await,
                    None => eprintln!(
                        "SKIPPED {} conformance test {}: backend not configured",
                        $backend,
                        stringify!($name)
                    ),
                }
            }
        )+
    };
}
