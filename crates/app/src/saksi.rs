//! Witness (saksi) accounts in bulk, from the spreadsheet a coordinator
//! keeps: one account per row with the saksi role over that row's TPS and
//! the phone encrypted. They sign in with one-time codes sent by SMS or
//! chat, so no passwords are made.

use std::collections::HashSet;
use std::path::Path;

use posko_domain::{Cakupan, Izin, Jejak, KodeTps, Objek, Penugasan, Peran, Telepon, diizinkan};
use posko_import::Problem;
use posko_storage::{KolomRahasia, Pengguna, SaksiTps, StoreError};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::import::{ImportReport, ImportRequest, file_name, import_jejak, options, sort_problems};
use crate::{Aktor, AppError, Posko, Result};

/// One account made by an import, with what is needed to send its code.
#[derive(Debug, Clone)]
pub struct SaksiBaru {
    pub pengguna: Pengguna,
    pub telepon: Telepon,
    pub tps: KodeTps,
}

#[derive(Debug, Clone)]
pub struct ImportSaksi {
    pub report: ImportReport,
    pub dibuat: Vec<SaksiBaru>,
}

/// `saksi.3273011001003`, then `.2`, `.3` for a TPS's backup witnesses.
fn username_for(tps: &KodeTps, taken: &HashSet<String>) -> String {
    let base = format!("saksi.{}", tps.to_string().replace(['.', '-'], ""));
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}.{n}"))
        .find(|u| !taken.contains(u))
        .expect("some suffix is free")
}

impl Posko {
    /// Creates a saksi account for every good row of `path`. `oleh` is the
    /// importer's roles when they act through the web: rows for a TPS
    /// outside their territory are refused. All rows or none, unless
    /// `skip_invalid`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn import_saksi(
        &self,
        aktor: &Aktor,
        oleh: Option<&[Penugasan]>,
        path: &Path,
        req: ImportRequest,
    ) -> Result<ImportSaksi> {
        let path_buf = path.to_path_buf();
        let opts = options(&req);
        let parsed = crate::latar::kerja("membaca berkas saksi", move || {
            posko_import::read_saksi(&path_buf, &opts)
        })
        .await??;
        let file_label = file_name(path);
        let mut problems = parsed.problems.clone();
        let problem = |line: u64, field: &str, reason: String| Problem {
            file: file_label.clone(),
            line: Some(line),
            column: Some(parsed.column(field)),
            reason,
        };
        let tps_field = if parsed.columns.contains_key("kode_tps") {
            "kode_tps"
        } else {
            "nomor"
        };

        // Phones already held by an account, found by blind index in one go.
        let indeks: Vec<String> = parsed
            .rows
            .iter()
            .flat_map(|r| {
                self.brankas
                    .indeks_semua(KolomRahasia::PenggunaTelepon, r.value.telepon.as_str())
            })
            .collect();
        let registered: HashSet<String> = self
            .store
            .cari_pengguna_telepon(&indeks)
            .await?
            .into_iter()
            .filter_map(|p| p.telepon.map(|t| t.indeks))
            .collect();
        let mut taken: HashSet<String> = self
            .store
            .daftar_pengguna()
            .await?
            .into_iter()
            .map(|p| p.username)
            .collect();

        let now = OffsetDateTime::now_utc();
        let now = now.replace_nanosecond(0).unwrap_or(now);
        let mut dibuat = Vec::with_capacity(parsed.rows.len());
        for r in &parsed.rows {
            let s = &r.value;
            if let Some(roles) = oleh
                && !diizinkan(roles, Izin::KelolaPengguna, &Objek::Tps(s.tps))
            {
                problems.push(problem(
                    r.line,
                    tps_field,
                    format!("TPS {} di luar wilayah Anda", s.tps),
                ));
                continue;
            }
            if self.store.ambil_tps(s.tps).await?.is_none() {
                problems.push(problem(
                    r.line,
                    tps_field,
                    format!(
                        "TPS {} tidak dikenal; impor daftar TPS terlebih dahulu (posko import tps)",
                        s.tps
                    ),
                ));
                continue;
            }
            let mine = self
                .brankas
                .indeks_semua(KolomRahasia::PenggunaTelepon, s.telepon.as_str());
            if mine.iter().any(|i| registered.contains(i)) {
                problems.push(problem(
                    r.line,
                    "telepon",
                    "nomor telepon sudah terdaftar pada akun lain".into(),
                ));
                continue;
            }
            let username = username_for(&s.tps, &taken);
            taken.insert(username.clone());
            let mut p = Pengguna {
                id: Uuid::now_v7(),
                username,
                nama: s.nama.clone(),
                aktif: true,
                dibuat: now,
                penugasan: vec![
                    Penugasan::new(Peran::Saksi, Cakupan::Tps(s.tps)).map_err(AppError::invalid)?,
                ],
                telepon: None,
            };
            p.telepon = Some(self.seal_telepon(&p, &s.telepon));
            dibuat.push(SaksiBaru {
                pengguna: p,
                telepon: s.telepon.clone(),
                tps: s.tps,
            });
        }
        sort_problems(&mut problems);
        let mut report = ImportReport::from_parsed(path, &parsed, &problems, dibuat.len() as u64);
        if !problems.is_empty() && !req.skip_invalid {
            return Ok(ImportSaksi {
                report,
                dibuat: Vec::new(),
            });
        }
        let jejak = import_jejak(aktor, "import.saksi", path, &report, dibuat.len()).await?;
        let rows: Vec<Pengguna> = dibuat.iter().map(|s| s.pengguna.clone()).collect();
        self.store
            .simpan_pengguna_banyak(&rows, &jejak)
            .await
            .map_err(|e| match e {
                // Another import took a name between our read and write.
                StoreError::Conflict(k) => {
                    AppError::Invalid(format!("{k} baru saja dipakai; ulangi impor"))
                }
                other => other.into(),
            })?;
        report.counts.baru = rows.len() as u64;
        report.applied = true;
        tracing::info!(file = %report.file, akun = rows.len(), "saksi diimpor");
        Ok(ImportSaksi { report, dibuat })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_follow_the_tps_and_never_collide() {
        let tps = KodeTps::parse("3273011001003").unwrap();
        let mut taken = HashSet::new();
        let a = username_for(&tps, &taken);
        assert_eq!(a, "saksi.3273011001003");
        taken.insert(a);
        let b = username_for(&tps, &taken);
        assert_eq!(b, "saksi.3273011001003.2");
        taken.insert(b);
        assert_eq!(username_for(&tps, &taken), "saksi.3273011001003.3");
    }
}

/// How well a region's TPS are covered by saksi.
#[derive(Debug, Clone)]
pub struct CakupanSaksi {
    pub wilayah: posko_storage::Wilayah,
    pub jumlah_tps: u64,
    pub tps_bersaksi: u64,
    /// TPS with a backup as well as a main witness.
    pub tps_berserep: u64,
    /// One level down: (region, TPS, TPS with a saksi).
    pub anak: Vec<(posko_storage::Wilayah, u64, u64)>,
    /// At desa level: every TPS with its saksi (none, a main, backups).
    pub tps: Vec<SaksiDiTps>,
}

/// Who witnesses one TPS: the main saksi and the backups.
#[derive(Debug, Clone)]
pub struct SaksiDiTps {
    pub tps: KodeTps,
    pub utama: Option<SaksiTps>,
    pub cadangan: Vec<SaksiTps>,
}

/// Groups a TPS's saksi (oldest account first, as the store lists them):
/// the one named main, or else the oldest, is main; the rest are backups.
pub fn pilah_saksi(tps: KodeTps, mut saksi: Vec<SaksiTps>) -> SaksiDiTps {
    let i = saksi.iter().position(|s| s.ditetapkan_utama).unwrap_or(0);
    let utama = (!saksi.is_empty()).then(|| saksi.remove(i));
    SaksiDiTps {
        tps,
        utama,
        cadangan: saksi,
    }
}

impl Posko {
    /// Names `username` the main saksi of `tps` (the others become its
    /// backups). `oleh` (the caller's roles) must cover the TPS; the account
    /// must be an active saksi of that very TPS. False if it already was.
    pub async fn jadikan_saksi_utama(
        &self,
        aktor: &Aktor,
        oleh: Option<&[Penugasan]>,
        tps: KodeTps,
        username: &str,
    ) -> Result<bool> {
        if let Some(roles) = oleh
            && !diizinkan(roles, Izin::KelolaPengguna, &Objek::Tps(tps))
        {
            return Err(AppError::Dilarang(format!(
                "TPS {tps} di luar wilayah Anda"
            )));
        }
        let p = self.pengguna_by_username(username).await?;
        let bersaksi = p.aktif
            && p.penugasan
                .iter()
                .any(|t| t.peran == Peran::Saksi && t.cakupan == Cakupan::Tps(tps));
        if !bersaksi {
            return Err(AppError::Invalid(format!(
                "{username} bukan saksi aktif di TPS {tps}; tugaskan dulu sebagai saksi TPS itu"
            )));
        }
        let jejak = Jejak::new(
            aktor.as_str(),
            "saksi.utama",
            "tps",
            tps.to_string(),
            format!("{username} menjadi saksi utama TPS {tps}"),
            username.as_bytes(),
        );
        Ok(self.store.ubah_saksi_utama(p.id, tps, &jejak).await?)
    }

    /// Which TPS under `kode` have a saksi, counted per region one level
    /// down, and listed TPS by TPS at desa level.
    pub async fn cakupan_saksi(&self, kode: posko_domain::KodeWilayah) -> Result<CakupanSaksi> {
        let wilayah = self
            .store
            .ambil_wilayah(kode)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("wilayah {kode}")))?;
        let saksi = self.store.hitung_saksi_per_tps(kode).await?;
        let jumlah_tps = self.store.ambil_rekap_dpt(Some(kode)).await?.jumlah_tps;
        let tps_bersaksi = saksi.len() as u64;
        let tps_berserep = saksi.iter().filter(|(_, n)| *n > 1).count() as u64;
        let (anak, tps) = if kode.tingkat() == posko_domain::Tingkat::Desa {
            let mut per_tps: std::collections::HashMap<KodeTps, Vec<SaksiTps>> =
                std::collections::HashMap::new();
            for s in self.store.daftar_saksi_di(kode).await? {
                per_tps.entry(s.tps).or_default().push(s);
            }
            let semua = self.store.daftar_tps_di(kode, None, 10_000).await?;
            (
                Vec::new(),
                semua
                    .into_iter()
                    .map(|t| pilah_saksi(t.kode, per_tps.remove(&t.kode).unwrap_or_default()))
                    .collect(),
            )
        } else {
            let children = self.store.daftar_anak_dengan_rekap(Some(kode)).await?;
            let anak = children
                .into_iter()
                .map(|c| {
                    let n = saksi
                        .iter()
                        .filter(|(t, _)| c.wilayah.kode.mencakup(&t.desa()))
                        .count() as u64;
                    (c.wilayah, c.rekap.jumlah_tps, n)
                })
                .collect();
            (anak, Vec::new())
        };
        Ok(CakupanSaksi {
            wilayah,
            jumlah_tps,
            tps_bersaksi,
            tps_berserep,
            anak,
            tps,
        })
    }
}
