//! The war room's data: a region's sub-regions at a chosen level with
//! their shapes and the figures a map colours them by, and the headline
//! numbers of an election in one region. Every figure comes from totals
//! kept per region (`rekap_dpt`, `rekap_hasil`) or from one range read
//! over the region's saksi assignments, supporters or sample, never from
//! walking its TPS.

use std::collections::HashMap;

use posko_domain::peta::Batas;
use posko_domain::target::Persen;
use posko_domain::{Izin, KodeTps, KodeWilayah, Objek, Penugasan, Tingkat, diizinkan};
use posko_storage::{Paslon, Pemilihan, RekapDpt, RekapHasil, Wilayah};
use uuid::Uuid;

use crate::hitung_cepat::HitungCepat;
use crate::{AppError, Posko, Result};

/// What the map is coloured by (`?warna=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarnaPeta {
    /// Registered voters.
    Dpt,
    /// Supporters ÷ votes needed.
    Target,
    /// Supporters ÷ DPT.
    Pendukung,
    /// TPS with an active saksi ÷ TPS.
    Saksi,
    /// The real count's leader, and by how much.
    Pemimpin,
    /// Sampled TPS that reported ÷ sampled TPS.
    Sampel,
}

impl WarnaPeta {
    pub const SEMUA: [WarnaPeta; 6] = [
        WarnaPeta::Dpt,
        WarnaPeta::Target,
        WarnaPeta::Pendukung,
        WarnaPeta::Saksi,
        WarnaPeta::Pemimpin,
        WarnaPeta::Sampel,
    ];

    pub fn parse(s: &str) -> Result<WarnaPeta> {
        WarnaPeta::SEMUA
            .into_iter()
            .find(|w| w.kunci() == s)
            .ok_or_else(|| {
                AppError::Invalid(format!(
                    "warna '{s}' tidak dikenal: pilih salah satu dari {}",
                    WarnaPeta::SEMUA.map(|w| w.kunci()).join(", ")
                ))
            })
    }

    /// The value of `?warna=`.
    pub fn kunci(self) -> &'static str {
        match self {
            WarnaPeta::Dpt => "dpt",
            WarnaPeta::Target => "target",
            WarnaPeta::Pendukung => "pendukung",
            WarnaPeta::Saksi => "saksi",
            WarnaPeta::Pemimpin => "pemimpin",
            WarnaPeta::Sampel => "sampel",
        }
    }

    /// The label of the choice, in Bahasa Indonesia.
    pub fn label(self) -> &'static str {
        match self {
            WarnaPeta::Dpt => "Pemilih (DPT)",
            WarnaPeta::Target => "Capaian target",
            WarnaPeta::Pendukung => "Pendukung per DPT",
            WarnaPeta::Saksi => "Cakupan saksi",
            WarnaPeta::Pemimpin => "Unggul di hitung riil",
            WarnaPeta::Sampel => "Sampel hitung cepat masuk",
        }
    }

    /// What a person needs to see this colouring: the permission of the
    /// page its figures come from (supporters and targets: `/target`; saksi
    /// coverage: `/wilayah/…/saksi`; the leader: the results; the sample's
    /// arrival: the quick count, whose sample is secret).
    pub fn izin(self) -> Izin {
        match self {
            WarnaPeta::Dpt => Izin::LihatWilayah,
            WarnaPeta::Target | WarnaPeta::Pendukung => Izin::KelolaPendukung,
            WarnaPeta::Saksi => Izin::KelolaPengguna,
            WarnaPeta::Pemimpin => Izin::LihatHasil,
            WarnaPeta::Sampel => Izin::LihatHitungCepat,
        }
    }

    /// Whether someone holding `penugasan` may see this colouring of the
    /// map of `kode`. The quick count is campaign-wide: where its sample
    /// lies is for those who may see the quick count at all.
    pub fn boleh(self, penugasan: &[Penugasan], kode: KodeWilayah) -> bool {
        let objek = if self == WarnaPeta::Sampel {
            Objek::Global
        } else {
            Objek::Wilayah(kode)
        };
        diizinkan(penugasan, self.izin(), &objek)
    }

    /// Whether the colouring needs an election (paslon, results, sample).
    pub fn perlu_pemilihan(self) -> bool {
        matches!(
            self,
            WarnaPeta::Target | WarnaPeta::Pemimpin | WarnaPeta::Sampel
        )
    }
}

/// Turnout assumed for targets on the map (the targets page lets the
/// manager change it; the map shows the default).
pub const PARTISIPASI_PETA: u16 = 7_000;
/// The vote share aimed for when more than two paslon run.
pub const TARGET_SUARA_PETA: u16 = 4_000;

/// One region on the map with the figures of the chosen colouring (the
/// others stay zero / None).
#[derive(Debug, Clone)]
pub struct WilayahPeta {
    pub wilayah: Wilayah,
    pub batas: Batas,
    pub dpt: RekapDpt,
    pub pendukung: u64,
    /// Votes needed by the target: each TPS's, summed, under the
    /// election's target assumptions ([`Posko::target_berlaku`]), as the
    /// targets page has it.
    pub dibutuhkan: u64,
    /// What the supporters leave missing: each TPS's gap, summed (the
    /// targets page's "kurang").
    pub kurang: u64,
    pub tps_bersaksi: u64,
    pub hasil: Option<RekapHasil>,
    /// The leader colouring: the win rule applied to `hasil` with the
    /// region's TPS still out.
    pub menang: Option<crate::Menang>,
    /// (sampled TPS that reported, sampled TPS).
    pub sampel: (u64, u64),
}

/// A region's map: its sub-regions at `tingkat` that have a boundary.
#[derive(Debug, Clone)]
pub struct PetaRuang {
    pub induk: Wilayah,
    pub tingkat: Tingkat,
    pub warna: WarnaPeta,
    pub paslon: Vec<Paslon>,
    pub anak: Vec<WilayahPeta>,
    /// The turnout the targets assume (the target colouring only).
    pub partisipasi_target: Option<Persen>,
}

/// The levels a region's map can show: its children, and their children
/// where those exist.
pub fn tingkat_peta(kode: KodeWilayah) -> Vec<Tingkat> {
    let mut out = Vec::new();
    let mut t = kode.tingkat();
    while let Some(c) = t.child() {
        out.push(c);
        if out.len() == 2 {
            break;
        }
        t = c;
    }
    out
}

/// The headline numbers of an election in one region.
#[derive(Debug, Clone)]
pub struct RuangView {
    pub pemilihan: Pemilihan,
    pub paslon: Vec<Paslon>,
    pub wilayah: Wilayah,
    pub leluhur: Vec<Wilayah>,
    pub jumlah_tps: u64,
    pub rekap: RekapHasil,
    /// The quick count, shown where the whole election is in view and a
    /// sample has been drawn.
    pub hitung_cepat: Option<HitungCepat>,
    /// The real count as TPS came in, at most [`TITIK_KEMAJUAN`] points.
    pub kemajuan: Vec<TitikKemajuan>,
    /// The win rule, and what it says of `rekap` with the TPS still out.
    pub aturan: crate::AturanBerlaku,
    pub menang: crate::Menang,
}

/// One point of the real count's progress: after the `tps`-th TPS to
/// report (in order of first arrival, at `waktu`, Unix seconds), each
/// paslon's share of the valid votes of the TPS in so far, by their
/// current figures (verified where verified, as in the totals).
#[derive(Debug, Clone, PartialEq)]
pub struct TitikKemajuan {
    pub tps: usize,
    pub waktu: i64,
    pub porsi: Vec<f64>,
}

/// The progress line per (election, region), kept [`KEMAJUAN_DETIK`]
/// seconds: drawing it reads every result under the region (with 7,148 of
/// West Java's TPS in, `posko bench peta` on a loaded machine saw the
/// kab/kota war room go from 2.3 ms idle to 54 ms, far more than the load
/// explains), and the war room is redrawn on every arrival. The headline
/// numbers stay exact; the trend line lags by at most that long.
#[derive(Default)]
pub(crate) struct CacheKemajuan {
    isi: std::sync::Mutex<HashMap<(Uuid, KodeWilayah), KemajuanTersimpan>>,
}

/// When a progress line was drawn, and the line.
type KemajuanTersimpan = (std::time::Instant, Vec<TitikKemajuan>);

const KEMAJUAN_DETIK: u64 = 10;

/// Points of the progress line: enough for a smooth curve on a TV, few
/// enough to keep the page light.
pub const TITIK_KEMAJUAN: usize = 60;

impl Posko {
    /// The map of `kode` at `tingkat` (its children when None) coloured by
    /// `warna`; `pemilihan` is needed by the colourings of an election.
    /// Refused when `oleh` may not see that colouring ([`WarnaPeta::boleh`]).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn peta_ruang(
        &self,
        oleh: &[Penugasan],
        kode: KodeWilayah,
        tingkat: Option<Tingkat>,
        warna: WarnaPeta,
        pemilihan: Option<Uuid>,
    ) -> Result<PetaRuang> {
        if !warna.boleh(oleh, kode) {
            return Err(AppError::Dilarang(format!(
                "warna peta '{}' tidak untuk peran Anda",
                warna.kunci()
            )));
        }
        let pilihan = tingkat_peta(kode);
        let tingkat = match tingkat {
            None => *pilihan.first().ok_or_else(|| {
                AppError::Invalid(format!("{kode}: tidak ada wilayah di bawahnya"))
            })?,
            Some(t) if pilihan.contains(&t) => t,
            Some(t) => {
                return Err(AppError::Invalid(format!(
                    "tingkat '{}' tidak bisa ditampilkan di bawah {kode}: pilih {}",
                    t.label(),
                    pilihan
                        .iter()
                        .map(|t| t.label())
                        .collect::<Vec<_>>()
                        .join(" atau ")
                )));
            }
        };
        let induk = self
            .store
            .ambil_wilayah(kode)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("wilayah {kode}")))?;
        let (pemilihan, paslon) = match pemilihan {
            Some(id) => {
                let (p, ps) = self.pemilihan_dengan_paslon(id).await?;
                (Some(p), ps)
            }
            None if warna.perlu_pemilihan() => {
                return Err(AppError::Invalid(format!(
                    "warna '{}' butuh pemilihan: buka peta dari ruang pantau pemilihan",
                    warna.kunci()
                )));
            }
            None => (None, Vec::new()),
        };

        // The parents of the shapes: the region itself, or its children.
        let induk_bentuk: Vec<KodeWilayah> = if Some(tingkat) == kode.tingkat().child() {
            vec![kode]
        } else {
            self.store
                .daftar_anak_wilayah(Some(kode))
                .await?
                .into_iter()
                .map(|w| w.kode)
                .collect()
        };
        let mut anak = Vec::new();
        for &i in &induk_bentuk {
            let mut batas: HashMap<KodeWilayah, Batas> = self
                .store
                .daftar_batas_anak(i)
                .await?
                .into_iter()
                .map(|b| (b.kode, b))
                .collect();
            if batas.is_empty() {
                continue;
            }
            for c in self.store.daftar_anak_dengan_rekap(Some(i)).await? {
                if let Some(b) = batas.remove(&c.wilayah.kode) {
                    anak.push(WilayahPeta {
                        wilayah: c.wilayah,
                        batas: b,
                        dpt: c.rekap,
                        pendukung: 0,
                        dibutuhkan: 0,
                        kurang: 0,
                        tps_bersaksi: 0,
                        hasil: None,
                        menang: None,
                        sampel: (0, 0),
                    });
                }
            }
        }
        let indeks: HashMap<KodeWilayah, usize> = anak
            .iter()
            .enumerate()
            .map(|(i, a)| (a.wilayah.kode, i))
            .collect();
        let di = |t: &KodeTps| indeks.get(&t.desa().at(tingkat)).copied();
        let mut partisipasi_target = None;

        match warna {
            WarnaPeta::Dpt => {}
            WarnaPeta::Pendukung => {
                for (t, n) in self.store.hitung_pendukung_per_tps(kode).await? {
                    if let Some(i) = di(&t) {
                        anak[i].pendukung += n;
                    }
                }
            }
            WarnaPeta::Target => {
                // The targets page's own figures, per parent of the shapes.
                let id = pemilihan.as_ref().map(|p| p.id).unwrap_or_default();
                partisipasi_target = Some(self.asumsi_berlaku(id).await?.0);
                for &i in &induk_bentuk {
                    for b in self.target_berlaku(id, i).await?.baris {
                        let Ok(k) = KodeWilayah::parse(&b.kode) else {
                            continue;
                        };
                        if let Some(&n) = indeks.get(&k) {
                            anak[n].pendukung = b.pendukung;
                            anak[n].dibutuhkan = b.dibutuhkan;
                            anak[n].kurang = b.selisih;
                        }
                    }
                }
            }
            WarnaPeta::Saksi => {
                for (t, _) in self.store.hitung_saksi_per_tps(kode).await? {
                    if let Some(i) = di(&t) {
                        anak[i].tps_bersaksi += 1;
                    }
                }
            }
            WarnaPeta::Pemimpin => {
                let id = pemilihan.as_ref().map(|p| p.id).unwrap_or_default();
                let aturan = pemilihan
                    .as_ref()
                    .map(|p| crate::AturanBerlaku::dari(p, &paslon));
                // The TPS still out per shape, read before the totals (see
                // `sisa_tps`).
                let sisa: HashMap<KodeWilayah, posko_storage::SisaTps> = match &aturan {
                    Some(_) => self
                        .store
                        .daftar_sisa_tps(id, kode, tingkat)
                        .await?
                        .into_iter()
                        .map(|s| (s.kode, s))
                        .collect(),
                    None => HashMap::new(),
                };
                let kodes: Vec<KodeWilayah> = anak.iter().map(|a| a.wilayah.kode).collect();
                let kolom = aturan.as_ref().map_or(paslon.len(), |a| a.jumlah_kolom);
                let rekap = self.store.daftar_rekap_hasil(id, &kodes, kolom).await?;
                for (a, r) in anak.iter_mut().zip(rekap) {
                    a.menang = aturan.as_ref().map(|at| {
                        crate::menang::terapkan(
                            at,
                            a.wilayah.kode,
                            &r.angka.suara,
                            sisa.get(&a.wilayah.kode),
                        )
                    });
                    a.hasil = Some(r);
                }
            }
            WarnaPeta::Sampel => {
                let id = pemilihan.as_ref().map(|p| p.id).unwrap_or_default();
                if let Some((sampel, _)) = self.store.ambil_sampel(id).await? {
                    let tps: Vec<KodeTps> = sampel
                        .tps
                        .iter()
                        .filter_map(|t| KodeTps::parse(&t.kode).ok())
                        .filter(|t| kode.mencakup(&t.desa()))
                        .collect();
                    for t in &tps {
                        if let Some(i) = di(t) {
                            anak[i].sampel.1 += 1;
                        }
                    }
                    for h in self.store.daftar_hasil_tps(id, &tps).await? {
                        if let Some(i) = di(&h.tps) {
                            anak[i].sampel.0 += 1;
                        }
                    }
                }
            }
        }
        Ok(PetaRuang {
            induk,
            tingkat,
            warna,
            paslon,
            anak,
            partisipasi_target,
        })
    }

    /// The headline numbers of election `id` in region `kode`, as `oleh`
    /// may see them: the quick count only for those who may see it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ruang_view(
        &self,
        oleh: &[Penugasan],
        id: Uuid,
        kode: KodeWilayah,
    ) -> Result<RuangView> {
        if !diizinkan(oleh, Izin::LihatHasil, &Objek::Wilayah(kode)) {
            return Err(AppError::Dilarang(format!(
                "hasil di {kode} tidak untuk peran Anda"
            )));
        }
        let (pemilihan, paslon) = self.pemilihan_dengan_paslon(id).await?;
        if !pemilihan.wilayah.mencakup(&kode) {
            return Err(AppError::NotFound(format!(
                "wilayah {kode} di luar pemilihan {}",
                pemilihan.nama
            )));
        }
        let wilayah = self
            .store
            .ambil_wilayah(kode)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("wilayah {kode}")))?;
        let leluhur_kode: Vec<KodeWilayah> = kode
            .leluhur()
            .into_iter()
            .filter(|k| pemilihan.wilayah.mencakup(k))
            .collect();
        let leluhur = self.store.ambil_wilayah_banyak(&leluhur_kode).await?;
        let jumlah_tps = self.store.ambil_rekap_dpt(Some(kode)).await?.jumlah_tps;
        let aturan = crate::AturanBerlaku::dari(&pemilihan, &paslon);
        // The TPS still out, read before the totals (see `sisa_tps`).
        let (sisa, _) = self.sisa_tps(id, kode).await?;
        let rekap = self
            .store
            .daftar_rekap_hasil(id, &[kode], aturan.jumlah_kolom)
            .await?
            .pop()
            .unwrap_or_default();
        let hitung_cepat = if kode == pemilihan.wilayah
            && diizinkan(oleh, Izin::LihatHitungCepat, &Objek::Global)
            && self.store.ambil_sampel(id).await?.is_some()
        {
            Some(self.hitung_cepat(id).await?)
        } else {
            None
        };
        let kemajuan = self.kemajuan(id, kode, paslon.len()).await?;
        let menang = crate::menang::terapkan(&aturan, kode, &rekap.angka.suara, Some(&sisa));
        Ok(RuangView {
            aturan,
            menang,
            pemilihan,
            paslon,
            wilayah,
            leluhur,
            jumlah_tps,
            rekap,
            hitung_cepat,
            kemajuan,
        })
    }

    /// The real count's shares as TPS came in under `kode`.
    async fn kemajuan(
        &self,
        id: Uuid,
        kode: KodeWilayah,
        jumlah_paslon: usize,
    ) -> Result<Vec<TitikKemajuan>> {
        let kunci = (id, kode);
        if let Some((t, v)) = self
            .cache_kemajuan
            .isi
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&kunci)
            && t.elapsed().as_secs() < KEMAJUAN_DETIK
        {
            return Ok(v.clone());
        }
        let datang = self.store.daftar_kedatangan_hasil(id, kode).await?;
        if datang.is_empty() {
            return Ok(Vec::new());
        }
        let angka: HashMap<KodeTps, posko_storage::Angka> = self
            .store
            .daftar_hasil_di(id, kode)
            .await?
            .into_iter()
            .map(|h| (h.tps, h.terverifikasi.unwrap_or(h.angka)))
            .collect();
        let v = kemajuan_dari(&datang, &angka, jumlah_paslon);
        // Nothing in yet is not cached: the first arrival shows at once.
        if !v.is_empty() {
            self.cache_kemajuan
                .isi
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(kunci, (std::time::Instant::now(), v.clone()));
        }
        Ok(v)
    }
}

/// Running shares over TPS in arrival order, one point every
/// `n / TITIK_KEMAJUAN` TPS and at the last.
fn kemajuan_dari(
    datang: &[(KodeTps, i64)],
    angka: &HashMap<KodeTps, posko_storage::Angka>,
    jumlah_paslon: usize,
) -> Vec<TitikKemajuan> {
    let langkah = datang.len().div_ceil(TITIK_KEMAJUAN).max(1);
    let mut suara = vec![0u64; jumlah_paslon];
    let mut sah = 0u64;
    let mut out = Vec::with_capacity(TITIK_KEMAJUAN + 1);
    for (i, (tps, waktu)) in datang.iter().enumerate() {
        if let Some(a) = angka.get(tps) {
            for (s, v) in suara.iter_mut().zip(&a.suara) {
                *s += v;
            }
            sah += a.sah;
        }
        let n = i + 1;
        if sah > 0 && (n.is_multiple_of(langkah) || n == datang.len()) {
            out.push(TitikKemajuan {
                tps: n,
                waktu: *waktu,
                porsi: suara.iter().map(|v| *v as f64 / sah as f64).collect(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kemajuan_menurut_urutan_datang() {
        let tps = |n: u16| {
            KodeTps::new(
                KodeWilayah::parse("31.71.01.1001").unwrap(),
                posko_domain::NomorTps::new(n).unwrap(),
            )
            .unwrap()
        };
        let a = |p1: u64, p2: u64| posko_storage::Angka {
            suara: vec![p1, p2],
            sah: p1 + p2,
            tidak_sah: 0,
        };
        let angka = HashMap::from([(tps(1), a(30, 70)), (tps(2), a(90, 10))]);
        let k = kemajuan_dari(&[(tps(2), 100), (tps(1), 200)], &angka, 2);
        assert_eq!(k.len(), 2);
        assert_eq!(
            (k[0].tps, k[0].waktu, k[0].porsi.clone()),
            (1, 100, vec![0.9, 0.1])
        );
        assert_eq!((k[1].tps, k[1].porsi.clone()), (2, vec![0.6, 0.4]));
        // 1,000 TPS give at most TITIK_KEMAJUAN points, the last one last.
        let banyak: Vec<(KodeTps, i64)> = (1..=1000).map(|n| (tps(n % 2 + 1), n as i64)).collect();
        let k = kemajuan_dari(&banyak, &angka, 2);
        assert!(k.len() <= TITIK_KEMAJUAN + 1, "{}", k.len());
        assert_eq!(k.last().unwrap().tps, 1000);
    }
}
