//! Application services: the use cases of Posko, written once over the
//! `Store` trait. Delivery layers (HTTP, CLI) call these and nothing below.

mod audit;
mod beranda;
mod berkas_terikat;
pub mod bukti;
pub mod dana;
mod data_pribadi;
pub mod demo;
mod demo_acara;
mod demo_apk;
mod demo_dana;
mod demo_foto;
mod demo_jalan;
mod demo_lapangan;
mod demo_medsos;
mod demo_tugas;
mod dokumen;
mod dpt;
mod ekspor;
mod error;
pub mod foto;
pub mod foto_s3;
mod halaman_tps;
mod hari_h;
mod hasil;
pub mod hitung_cepat;
mod import;
mod kabar;
pub mod kejanggalan;
mod kelola_akun;
pub mod kunci;
mod kunjungan;
pub mod lapangan;
pub mod laporan;
pub mod latar;
pub mod medsos;
mod menang;
pub mod mutu;
pub mod operasi;
mod pantau;
mod pemilihan;
mod pendukung;
mod pengguna;
pub mod pesan;
mod peta;
pub mod redam;
mod relawan;
mod resmi;
mod ruang;
mod saksi;
mod sandi;
mod sesi;
mod survei;
mod target;
mod telegram;
mod token;
#[cfg(test)]
mod uji_backend;
mod verifikasi;
mod wilayah;

use std::sync::Arc;

use posko_storage::Store;

pub use audit::{Aktor, AuditCheck};
pub use beranda::RingkasanHariH;
pub use data_pribadi::RotasiReport;
pub use dpt::{KemajuanDpt, LaporanDpt};
pub use ekspor::{Ekspor, Pengekspor};
pub use error::AppError;
pub use foto::{FotoLokal, FotoStore};
pub use foto_s3::{FotoS3, SetelanS3};
pub use halaman_tps::{
    HalamanTps, RevisiTps, SaksiHalaman, boleh_lihat_bacaan, boleh_lihat_telepon,
};
pub use hari_h::{KATEGORI_INSIDEN, PantauanHariH};
pub use hasil::{IsianHasil, JawabanKirim, RekapView};
pub use import::{ImportReport, ImportRequest};
pub use kelola_akun::{AkunBaru, penugasan_dari, peran_boleh_diberi};
pub use kunci::{Brankas, KunciError};
pub use kunjungan::{DaftarJalan, HasilSinkron, KUNJUNGAN_PER_SINKRON};
pub use menang::{AturanBerlaku, Menang, terapkan as terapkan_aturan};
pub use mutu::BatchDitahan;
pub use pantau::{
    AnakPantau, DaftarPantau, INSIDEN_DI_PANTAU, Pantauan, TPS_BELUM_DIDAFTAR, TPS_PER_BERKAS,
    TPS_SEHALAMAN, TindakInsiden, TpsPantau,
};
pub use pemilihan::{NewPaslon, NewPemilihan, PemilihanView};
pub use pendukung::{CatatPendukung, HalamanPendukung, PENDUKUNG_SEHALAMAN, StatusDpt};
pub use pengguna::{NewPengguna, RiwayatAkun};
pub use peta::{BatasReport, PetaAnak};
pub use posko_import::EncodingChoice;
pub use relawan::{Aktivitas, Gabung, KegiatanWilayah, Peringkat, UNDANGAN_DETIK};
pub use resmi::SelisihResmi;
pub use ruang::{
    PARTISIPASI_PETA, PetaRuang, RuangView, TARGET_SUARA_PETA, TitikKemajuan, WarnaPeta,
    WilayahPeta, tingkat_peta,
};
pub use saksi::{CakupanSaksi, ImportSaksi, SaksiBaru, SaksiDiTps};
pub use sandi::ARGON2_TUNGGU;
pub use sesi::{Ditolak, KODE_DETIK, Klien, Masuk, SESI_DETIK};
pub use survei::{RingkasanPertanyaan, SurveiPemilihan};
pub use target::{BarisTarget, TargetWilayah};
pub use telegram::{FOTO_PER_JAM, IzinFoto};
pub use verifikasi::{
    Antrean, BACAAN_PERLU, BATAS_DAFTAR, FormulirAntre, HasilBacaan, Sengketa, SumberPutusan,
    TugasVerifikasi, selisih,
};
pub use wilayah::WilayahView;

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The application: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Posko {
    store: Arc<dyn Store>,
    brankas: Arc<Brankas>,
    foto: Arc<dyn FotoStore>,
    cache_pemilihan: Arc<CachePemilihan>,
    cache_kemajuan: Arc<ruang::CacheKemajuan>,
    jam: hitung_cepat::Jam,
    /// Photo previews decoding at once: one per core (see [`foto`]).
    pratinjau: Arc<tokio::sync::Semaphore>,
    /// Where uploads wait while they are read (see
    /// [`Posko::with_folder_unggahan`]).
    folder_unggahan: Arc<std::path::PathBuf>,
    /// Word of committed changes for live pages (see [`kabar`]).
    siaran: Arc<kabar::Siaran>,
    /// Result submissions per channel and outcome, for `/metrics`.
    kiriman: Arc<operasi::HitungKiriman>,
}

/// Elections with their paslon, kept for [`CACHE_DETIK`] seconds. A paslon
/// added through this server clears it at once; one added through another
/// server sharing the database shows within that time.
#[derive(Default)]
pub(crate) struct CachePemilihan {
    isi: std::sync::Mutex<std::collections::HashMap<uuid::Uuid, (std::time::Instant, IsiCache)>>,
}

type IsiCache = (posko_storage::Pemilihan, Vec<posko_storage::Paslon>);

const CACHE_DETIK: u64 = 10;

impl CachePemilihan {
    pub(crate) fn get(&self, id: uuid::Uuid) -> Option<IsiCache> {
        let map = self.isi.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&id)
            .filter(|(t, _)| t.elapsed().as_secs() < CACHE_DETIK)
            .map(|(_, v)| v.clone())
    }

    pub(crate) fn put(&self, id: uuid::Uuid, v: IsiCache) {
        let mut map = self.isi.lock().unwrap_or_else(|p| p.into_inner());
        map.insert(id, (std::time::Instant::now(), v));
    }

    pub(crate) fn clear(&self) {
        self.isi.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

impl Posko {
    /// `brankas` holds the key that encrypts personal data; see
    /// [`Posko::check_kunci`] for refusing the wrong one at start.
    pub fn new(store: Arc<dyn Store>, brankas: Arc<Brankas>) -> Posko {
        Posko {
            store,
            brankas,
            foto: Arc::new(FotoLokal::sementara()),
            cache_pemilihan: Arc::new(CachePemilihan::default()),
            cache_kemajuan: Arc::new(ruang::CacheKemajuan::default()),
            jam: hitung_cepat::jam_sistem(),
            pratinjau: Arc::new(tokio::sync::Semaphore::new(foto::pratinjau_serentak())),
            folder_unggahan: Arc::new(std::env::temp_dir()),
            siaran: Arc::new(kabar::Siaran::new()),
            kiriman: Arc::default(),
        }
    }

    /// The folder uploads are written to while they are read (a DPT upload
    /// can be gigabytes: a server with a small `/tmp` points this at a
    /// larger disk). Default: the system's temporary folder.
    pub fn with_folder_unggahan(mut self, dir: impl Into<std::path::PathBuf>) -> Posko {
        self.folder_unggahan = Arc::new(dir.into());
        self
    }

    pub fn folder_unggahan(&self) -> &std::path::Path {
        &self.folder_unggahan
    }

    /// Where photos of forms are kept (the binary sets a folder beside the
    /// database; without this call they go to a temporary folder).
    pub fn with_foto(mut self, foto: Arc<dyn FotoStore>) -> Posko {
        self.foto = foto;
        self
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn backend(&self) -> &'static str {
        self.store.backend()
    }
}
