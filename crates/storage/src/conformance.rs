//! The storage conformance suite: every backend runs every test here.
//!
//! A backend's `tests/conformance.rs` calls [`conformance_tests!`] with an
//! async expression that yields a fresh, migrated, empty store (or `None`
//! when the backend is not available, which the macro reports as skipped).
//! The tests live in `conformance/`, one file per store area; this file
//! holds the shared fixtures and the macro. A unit test in `store.rs`
//! fails when a store method is called by no test here.

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

mod audit;
mod batas;
mod cari_nama;
mod dana;
mod hasil;
mod hitung_cepat;
mod kabar;
mod kegiatan;
mod kejanggalan;
mod kunjungan;
mod lapangan;
mod masuk;
mod medsos;
mod menang;
mod mutu;
mod operasi;
mod pantau;
mod pemilih;
mod pengguna;
mod percobaan;
mod pesan;
mod relawan;
mod riwayat;
mod span;
mod survei;
mod wilayah;
pub use audit::*;
pub use batas::*;
pub use cari_nama::*;
pub use dana::*;
pub use hasil::*;
pub use hitung_cepat::*;
pub use kabar::*;
pub use kegiatan::*;
pub use kejanggalan::*;
pub use kunjungan::*;
pub use lapangan::*;
pub use masuk::*;
pub use medsos::*;
pub use menang::*;
pub use mutu::*;
pub use operasi::*;
pub use pantau::*;
use pemilih::muat_contoh;
pub use pemilih::*;
pub use pengguna::*;
pub use percobaan::*;
pub use pesan::*;
pub use relawan::*;
pub use riwayat::*;
pub use span::*;
pub use survei::*;
pub use wilayah::*;

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

fn pemilihan() -> Pemilihan {
    Pemilihan {
        id: Uuid::now_v7(),
        jenis: JenisPemilihan::Walikota,
        wilayah: k("32.73"),
        nama: "Pemilihan Wali Kota Bandung".into(),
        tanggal: date!(2029 - 11 - 28),
        dibuat: datetime!(2026-11-28 08:00 UTC),
        aturan: None,
    }
}

/// Stores `p` with two paslon: what every result in these cases is for.
async fn simpan_dua_paslon(store: &DynStore, p: &Pemilihan) {
    store.simpan_pemilihan(p, &jejak()).await.unwrap();
    for (n, a) in [(1, "Rina Marlina"), (2, "Dewi Lestari")] {
        store
            .simpan_paslon(&paslon(p, n, a, "Wakil Calon"), &jejak())
            .await
            .unwrap();
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
        tidak_dihitung: None,
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
            tps_write_with_some_columns_keeps_the_others,
            children_with_totals_include_empty_children,
            tps_under_prefix_pages_in_key_order,
            tps_keeps_optional_fields,
            tps_in_unknown_desa_writes_nothing,
            pemilihan_and_paslon_round_trip,
            pemilihan_needs_a_stored_region,
            aturan_menang_is_stored_and_changed,
            unreported_tps_bounded_per_region,
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
            a_result_for_a_paslon_that_does_not_run_never_reaches_the_totals,
            client_keys_are_scoped_to_election_tps_and_sender,
            photo_uploads_and_account_history_are_recorded,
            concurrent_resends_store_one_submission,
            a_backed_result_is_not_displaced_by_an_undocumented_revision,
            pesan_inbox_dedupes_and_outbox_survives,
            outbox_leases_each_reply_to_one_sender,
            outbox_lease_heartbeat_and_holder,
            committed_results_are_told_to_listeners,
            telegram_links_and_short_codes,
            quick_count_sample_is_stored_once,
            review_queue_photos_and_decisions,
            pemilih_load_totals_and_lookup,
            pemilih_load_is_all_or_nothing,
            pemilih_reimport_is_idempotent,
            pemilih_tps_met_twice_in_a_file_keeps_both_runs,
            pemilih_interleaved_tps_load_whole,
            batas_upsert_counts_and_children_shapes,
            riwayat_is_replaced_whole_and_summed_per_desa,
            target_assumptions_are_saved_per_election,
            kunjungan_sync_stores_each_visit_once,
            dana_donors_are_deduplicated_by_blind_index,
            dana_entries_are_appended_numbered_and_audited,
            dana_returns_of_excess_are_recorded,
            dana_concurrent_writers_number_and_deduplicate,
            dana_filings_are_kept_as_a_history,
            dana_new_donor_and_donation_are_one_write,
            medsos_documents_are_versioned_and_checked,
            medsos_first_writers_of_an_election_race_once,
            lapangan_appends_land_once_without_retrying,
            visits_are_counted_per_relawan_day_and_desa,
            name_index_searches_pages_and_is_erased_with_the_supporter,
            survey_questions_per_election_and_answer_counts,
            readings_status_and_results_by_area,
            official_count_is_stored_all_or_nothing,
            checkins_and_incidents_per_area,
            watch_counts_lists_and_incident_status,
            relawan_tree_accounts_and_invitations,
            supporters_duplicates_retention_and_counts,
            field_batches_are_held_decided_and_rolled_back,
            queue_depths_count_current_results_per_status,
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
