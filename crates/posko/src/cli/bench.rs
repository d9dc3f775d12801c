//! `posko bench …`: the measurements, each printing ratios to a baseline
//! measured in the same run (the code of each is in `crate::bench*`).

use std::path::PathBuf;

use clap::Subcommand;

#[derive(Subcommand)]
pub(super) enum BenchCommand {
    /// Raking wawancara survei elektabilitas sintetis (bawaan 20.000) ke margin DPT (jenis kelamin × umur × kecamatan), dibanding satu kali menjumlah bobot.
    Survei {
        #[arg(long, default_value_t = 20_000)]
        wawancara: usize,
        #[arg(long, default_value_t = 30)]
        kecamatan: usize,
        #[arg(long, default_value_t = 5)]
        ulangan: usize,
    },
    /// Gerbang survei: DPT kampanye demo, responden miring, raking vs tanpa bobot, cakupan selang 95 %.
    SurveiDemo {
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long, default_value_t = 200)]
        sampel: usize,
        #[arg(long, default_value_t = 400)]
        ulangan: u64,
    },
    /// Buku dana sintetis (bawaan 100.000 entri, 20.000 penyumbang) lalu LPPDK seluruh kampanye, dibanding membaca buku saja.
    Dana {
        #[arg(long, default_value_t = 100_000)]
        entri: usize,
        #[arg(long, default_value_t = 20_000)]
        penyumbang: usize,
        /// Juga ukur di skema baru PostgreSQL ini (dihapus sesudahnya) dan cetak rasionya terhadap SQLite.
        #[arg(long)]
        postgres: Option<String>,
    },
    /// Impor berkas TPS sintetis (bawaan 820.000 baris, sebanyak TPS nasional).
    Import {
        #[arg(long, default_value_t = 820_000)]
        rows: u64,
        /// Juga ukur PostgreSQL di URL ini.
        #[arg(long, env = "POSKO_BENCH_POSTGRES_URL")]
        postgres: Option<String>,
    },
    /// Kirim satu C.Hasil per TPS sintetis lewat API HTTP (bawaan 820.000) sambil membaca rekap.
    Hasil {
        #[arg(long, default_value_t = 820_000)]
        rows: u64,
        /// Klien yang mengirim bersamaan.
        #[arg(long, default_value_t = 32)]
        klien: usize,
        #[arg(long, env = "POSKO_BENCH_POSTGRES_URL")]
        postgres: Option<String>,
        /// Ukur juga SQLite dengan fsync tiap commit (synchronous = FULL).
        #[arg(long)]
        juga_penuh: bool,
        /// Ukur juga PostgreSQL dengan N server HTTP (masing-masing Posko dan pool sendiri) pada satu basis data.
        #[arg(long, default_value_t = 1)]
        server: usize,
    },
    /// Impor DPT sintetis (bawaan 35.000.000 pemilih, sebanyak Jawa Barat) ke SQLite, dibandingkan dengan `sqlite3 .import`.
    Dpt {
        #[arg(long, default_value_t = 35_000_000)]
        rows: u64,
        /// Simpan berkas sintetis dan basis datanya (untuk diperiksa).
        #[arg(long)]
        keep: bool,
        /// Juga impor ke skema baru di PostgreSQL ini dan cetak rasionya terhadap SQLite.
        #[arg(long)]
        postgres: Option<String>,
    },
    /// Kirim satu SMS hasil per TPS sintetis lewat webhook gerbang SMS (bertanda tangan) dan ukur pesan/s.
    Pesan {
        #[arg(long, default_value_t = 20_000)]
        rows: u64,
        #[arg(long, default_value_t = 32)]
        klien: usize,
    },
    /// Ukur waktu server menggambar peta kecamatan dan ruang pantau kampanye seukuran provinsi (Jawa Barat).
    Peta {
        /// TPS sintetis per desa (bawaan 6: sekitar 36.000 TPS).
        #[arg(long, default_value_t = 6)]
        per_desa: u32,
        /// Folder data publik (berisi wilayah/ dan batas/). Bawaan: ../shared/data.
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Cek antrean kejanggalan pada hasil nyata Pilpres 2019: tanda per 1.000 TPS per cek dan recall atas selisih kp/kpu.
    Kejanggalan {
        /// Folder data publik (berisi hasil/). Bawaan: ../shared/data.
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Gerbang mutu data lapangan: batch palsu yang ditahan dan catatan jujur yang ikut ditahan (simulasi berbenih, lalu demo + hari palsu lewat use case).
    Mutu {
        #[arg(long, default_value_t = 20)]
        benih: u64,
        /// Batch jujur simulasi.
        #[arg(long, default_value_t = 2000)]
        jujur: usize,
        /// Batch palsu simulasi per jenis.
        #[arg(long, default_value_t = 200)]
        palsu: usize,
        /// Folder data publik untuk demo. Bawaan: ../shared/data.
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Uji kejujuran hitung cepat pada hasil nyata Pilpres 2019: cakupan selang 95 %, margin, waktu taksiran.
    HitungCepat {
        /// Sampel yang ditarik per desain (benih 1..=ulangan).
        #[arg(long, default_value_t = 1000)]
        ulangan: u32,
        /// Folder data publik (berisi hasil/). Bawaan: ../shared/data.
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Hitung cepat dengan laporan yang datang dalam urutan terburuk (kota dulu, satu kab/kota dulu, TPS terbesar dulu, acak) pada hitung penuh KPU Pilpres 2019: cakupan selang 95 % di setiap titik yang menyebut pemenang.
    HitungCepatKedatangan {
        /// Sampel yang ditarik per desain (benih 1..=ulangan).
        #[arg(long, default_value_t = 200)]
        ulangan: u32,
        /// Folder data publik (berisi hasil/). Bawaan: ../shared/data.
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

pub(super) async fn bench_command(c: BenchCommand) -> anyhow::Result<()> {
    match c {
        BenchCommand::Survei {
            wawancara,
            kecamatan,
            ulangan,
        } => {
            crate::bench_survei::survei(wawancara, kecamatan, ulangan)?;
        }
        BenchCommand::SurveiDemo {
            data,
            sampel,
            ulangan,
        } => {
            crate::bench_survei_demo::survei_demo(data, sampel, ulangan).await?;
        }
        BenchCommand::Dana {
            entri,
            penyumbang,
            postgres,
        } => {
            crate::bench_dana::dana(entri, penyumbang, postgres.as_deref()).await?;
        }
        BenchCommand::Import { rows, postgres } => {
            crate::bench::import(rows, postgres.as_deref()).await?;
        }
        BenchCommand::Hasil {
            rows,
            klien,
            postgres,
            juga_penuh,
            server,
        } => {
            crate::bench_hasil::hasil(rows, klien, postgres.as_deref(), juga_penuh, server).await?;
        }
        BenchCommand::Dpt {
            rows,
            keep,
            postgres,
        } => {
            crate::bench_dpt::dpt(rows, keep, postgres.as_deref()).await?;
        }
        BenchCommand::Pesan { rows, klien } => {
            crate::bench_pesan::pesan(rows, klien).await?;
        }
        BenchCommand::Peta { per_desa, data } => {
            crate::bench_peta::peta(per_desa, data).await?;
        }
        BenchCommand::HitungCepatKedatangan { ulangan, data } => {
            crate::bench_kedatangan::kedatangan(ulangan, data)?;
        }
        BenchCommand::Kejanggalan { data } => {
            crate::bench_kejanggalan::kejanggalan(data)?;
        }
        BenchCommand::Mutu {
            benih,
            jujur,
            palsu,
            data,
        } => {
            crate::bench_mutu::mutu(benih, jujur, palsu, data).await?;
        }
        BenchCommand::HitungCepat { ulangan, data } => {
            crate::bench_hitung_cepat::hitung_cepat(ulangan, data)?;
            crate::bench_hitung_cepat::ujung_ke_ujung().await?;
        }
    }
    Ok(())
}
