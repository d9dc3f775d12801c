//! The review queue of suspicious results (kejanggalan): the checks of
//! `posko_domain::kejanggalan` run over the current results of the
//! caller's area, with the decisions people took on each flag.
//!
//! Why the flags are computed when read rather than stored per revision:
//! every check but A and F compares a TPS with its neighbours (C, E), its
//! history (D) or its region's whole count (G, H), so one new revision
//! changes other TPS' flags too. Computing them from the current results
//! when the queue is read keeps them always true to the revision that
//! counts, adds nothing to a submission's write transaction (election
//! night's hot path), and needs no worker to survive a restart. What must
//! be durable is stored: each photo's dHash (when the photo is stored)
//! and the decisions, audited. The cost moves to reading: one pass over
//! the results of the area asked (`posko bench kejanggalan` times it).

use std::collections::{BTreeSet, HashMap};

use posko_domain::kejanggalan::daerah::{Titik, digit_akhir, lonjakan};
use posko_domain::kejanggalan::foto::{FotoTps, foto_sama};
use posko_domain::kejanggalan::periksa::{Ambang, semua_tps, ubah_terverifikasi};
use posko_domain::kejanggalan::{AngkaTps, Cek, Tanda};
use posko_domain::{Izin, Jejak, KodeTps, KodeWilayah, Objek, Tingkat, diizinkan};
use posko_storage::kejanggalan::{Keputusan, KeputusanKejanggalan};
use posko_storage::{Angka, HasilTps, Pemilihan, Pengguna};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// One flag of the queue with the latest decision on it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemKejanggalan {
    pub tanda: Tanda,
    /// The TPS or region code the flag is about.
    pub sasaran: String,
    /// The TPS's figures as they count now (TPS flags only).
    pub angka: Option<Angka>,
    pub keputusan: Option<KeputusanKejanggalan>,
    /// The decision was taken on other figures (the explanation changed
    /// since): the flag is open again.
    pub basi: bool,
}

impl ItemKejanggalan {
    /// Still waiting for someone to look.
    pub fn terbuka(&self) -> bool {
        self.keputusan.is_none() || self.basi
    }
}

/// What the queue is narrowed to.
#[derive(Debug, Clone, Copy, Default)]
pub struct SaringKejanggalan {
    pub wilayah: Option<KodeWilayah>,
    pub cek: Option<Cek>,
    /// Only flags nobody decided on yet (or decided on other figures).
    pub terbuka: bool,
}

/// The queue as a page and its file show it.
#[derive(Debug, Clone, Serialize)]
pub struct AntreanKejanggalan {
    pub item: Vec<ItemKejanggalan>,
    /// Names of the desa, kecamatan and kab/kota the items lie in.
    pub nama: HashMap<KodeWilayah, String>,
    /// Flags per check before the check filter (for the filter's counts).
    pub per_cek: Vec<(Cek, usize)>,
    /// Whether the caller may decide (per item, by its place).
    pub boleh_putus: bool,
}

/// The TPS flags' subject as stored with a decision.
fn sasaran(t: &Tanda) -> String {
    t.tps
        .map_or_else(|| t.wilayah.to_string(), |k| k.to_string())
}

fn objek(t: &Tanda) -> Objek {
    t.tps.map_or(Objek::Wilayah(t.wilayah), Objek::Tps)
}

/// The figures a TPS counts with: verified where verified.
fn angka_tps(h: &HasilTps) -> AngkaTps {
    let a = h.terverifikasi.as_ref().unwrap_or(&h.angka);
    AngkaTps {
        tps: h.tps,
        suara: a.suara.clone(),
        sah: a.sah,
        tidak_sah: a.tidak_sah,
        dpt: h.dpt,
    }
}

fn angka_dari(tps: KodeTps, a: &Angka) -> AngkaTps {
    AngkaTps {
        tps,
        suara: a.suara.clone(),
        sah: a.sah,
        tidak_sah: a.tidak_sah,
        dpt: 0,
    }
}

/// The kecamatan a region lies in (itself at kecamatan level or above):
/// the smallest area the neighbour checks need.
fn wilayah_analisis(w: KodeWilayah) -> KodeWilayah {
    if w.tingkat() > Tingkat::Kecamatan {
        w.at(Tingkat::Kecamatan)
    } else {
        w
    }
}

/// The regions of `pemilihan` where `oleh` holds `izin`, narrowed to
/// `saring` when given: the region itself where it lies inside a scope,
/// the scopes inside it where it is larger.
fn daerah_izin(
    oleh: &Pengguna,
    izin: Izin,
    pemilihan: &Pemilihan,
    saring: Option<KodeWilayah>,
) -> Vec<KodeWilayah> {
    let mut out: Vec<KodeWilayah> = Vec::new();
    let irisan = |a: KodeWilayah, b: KodeWilayah| {
        if a.mencakup(&b) {
            Some(b)
        } else if b.mencakup(&a) {
            Some(a)
        } else {
            None
        }
    };
    for p in oleh
        .penugasan
        .iter()
        .filter(|p| p.peran.izin().contains(&izin))
    {
        let w = match p.cakupan {
            posko_domain::Cakupan::Semua => Some(pemilihan.wilayah),
            posko_domain::Cakupan::Wilayah(w) => irisan(w, pemilihan.wilayah),
            posko_domain::Cakupan::Tps(_) => None,
        };
        if let Some(w) = w.and_then(|w| match saring {
            Some(s) => irisan(w, s),
            None => Some(w),
        }) {
            out.push(w);
        }
    }
    out.sort();
    out.dedup();
    // Leave out a region inside another listed one.
    let semua = out.clone();
    out.retain(|w| !semua.iter().any(|v| v != w && v.mencakup(w)));
    out
}

fn di_dalam(t: &Tanda, daerah: &[KodeWilayah]) -> bool {
    daerah.iter().any(|d| d.mencakup(&t.wilayah))
}

impl Posko {
    /// Every flag of the checks over the results under `analisis` (each a
    /// kecamatan or larger), A over the whole election's photos.
    async fn hitung_tanda(
        &self,
        pemilihan: &Pemilihan,
        analisis: &[KodeWilayah],
    ) -> Result<Vec<Tanda>> {
        let ambang = Ambang::default();
        let mut out = Vec::new();
        let ada_riwayat = self.store.ambil_riwayat().await?.is_some();
        for &w in analisis {
            let hasil = self.store.daftar_hasil_di(pemilihan.id, w).await?;
            let angka: Vec<AngkaTps> = hasil.iter().map(angka_tps).collect();
            let lalu = if ada_riwayat {
                self.store.daftar_hasil_lalu(w).await?
            } else {
                Vec::new()
            };
            out.extend(semua_tps(&angka, &lalu, None, &ambang));
            for h in hasil.iter().filter(|h| h.revisi > 1) {
                if let Some(t) = self.cek_ubah_terverifikasi(pemilihan.id, h.tps).await? {
                    out.push(t);
                }
            }
            out.extend(self.cek_daerah(pemilihan.id, w, &hasil).await?);
        }
        let foto: Vec<FotoTps> = self
            .store
            .daftar_foto_pemilihan(pemilihan.id)
            .await?
            .into_iter()
            .map(|f| FotoTps {
                tps: f.tps,
                sha256: f.sha256,
                dhash: f
                    .dhash
                    .as_deref()
                    .and_then(posko_domain::kejanggalan::foto::dari_hex),
            })
            .collect();
        out.extend(
            foto_sama(&foto)
                .into_iter()
                .filter(|t| di_dalam(t, analisis)),
        );
        out.sort_by_key(|a| (a.wilayah, a.tps, a.cek));
        Ok(out)
    }

    /// F for one TPS: the figures a revision was verified with (a
    /// supervisor's decision, or two readings that agree with the form)
    /// against every revision sent after it.
    async fn cek_ubah_terverifikasi(
        &self,
        pemilihan_id: Uuid,
        tps: KodeTps,
    ) -> Result<Option<Tanda>> {
        let kiriman = self.store.daftar_kiriman_tps(pemilihan_id, tps).await?;
        for (i, k) in kiriman.iter().enumerate() {
            let bacaan = self.store.daftar_bacaan_kiriman(k.id).await?;
            let putusan = bacaan
                .iter()
                .rev()
                .find(|b| b.putusan)
                .map(|b| b.angka.clone());
            let dikirim = Angka::dari_formulir(&k.formulir);
            let biasa: Vec<&Angka> = bacaan
                .iter()
                .filter(|b| !b.putusan)
                .map(|b| &b.angka)
                .collect();
            let setuju =
                (biasa.len() >= 2 && biasa.iter().all(|a| **a == dikirim)).then_some(dikirim);
            let Some(v) = putusan.or(setuju) else {
                continue;
            };
            let kemudian: Vec<AngkaTps> = kiriman[i + 1..]
                .iter()
                .map(|k| angka_dari(tps, &Angka::dari_formulir(&k.formulir)))
                .collect();
            if let Some(t) = ubah_terverifikasi(&angka_dari(tps, &v), &kemudian) {
                return Ok(Some(t));
            }
        }
        Ok(None)
    }

    /// G and H per kecamatan under `w`: G orders the TPS by their first
    /// arrival and follows each paslon's share with their current figures.
    async fn cek_daerah(
        &self,
        pemilihan_id: Uuid,
        w: KodeWilayah,
        hasil: &[HasilTps],
    ) -> Result<Vec<Tanda>> {
        let mut out = Vec::new();
        let mut per_kec: HashMap<KodeWilayah, Vec<AngkaTps>> = HashMap::new();
        for h in hasil {
            per_kec
                .entry(h.tps.desa().at(Tingkat::Kecamatan))
                .or_default()
                .push(angka_tps(h));
        }
        let mut kec: Vec<&KodeWilayah> = per_kec.keys().collect();
        kec.sort();
        for k in &kec {
            if let Some(t) = digit_akhir(**k, &per_kec[k]) {
                out.push(t);
            }
        }
        let datang = self.store.daftar_kedatangan_hasil(pemilihan_id, w).await?;
        let angka: HashMap<KodeTps, AngkaTps> =
            hasil.iter().map(|h| (h.tps, angka_tps(h))).collect();
        let paslon = hasil.iter().map(|h| h.angka.suara.len()).max().unwrap_or(0);
        for k in kec {
            let mut urut: Vec<(i64, &AngkaTps)> = datang
                .iter()
                .filter(|(t, _)| k.mencakup(&t.desa()))
                .filter_map(|(t, w)| angka.get(t).map(|a| (*w, a)))
                .collect();
            urut.sort_by_key(|(w, a)| (*w, a.tps));
            let total = self.store.ambil_rekap_dpt(Some(*k)).await?.jumlah_tps;
            // With two paslon one share is the mirror of the other.
            for i in 0..if paslon == 2 { 1 } else { paslon } {
                let (mut s, mut sah, mut n) = (0, 0, 0);
                let titik: Vec<Titik> = urut
                    .iter()
                    .map(|(waktu, a)| {
                        s += a.suara.get(i).copied().unwrap_or(0);
                        sah += a.sah;
                        n += 1;
                        Titik {
                            waktu: *waktu,
                            suara: s,
                            sah,
                            tps_masuk: n,
                        }
                    })
                    .collect();
                if let Some(t) = lonjakan(*k, i, &titik, total) {
                    out.push(t);
                    break;
                }
            }
        }
        Ok(out)
    }

    async fn pemilihan_kejanggalan(&self, pemilihan_id: Uuid) -> Result<Pemilihan> {
        self.store
            .ambil_pemilihan(pemilihan_id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("pemilihan {pemilihan_id}")))
    }

    /// The review queue of an election in `oleh`'s area (narrowed by
    /// `saring`), ordered by place then check. Empty for one who may not
    /// see it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn antrean_kejanggalan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        saring: SaringKejanggalan,
    ) -> Result<AntreanKejanggalan> {
        let pemilihan = self.pemilihan_kejanggalan(pemilihan_id).await?;
        let daerah = daerah_izin(oleh, Izin::LihatKejanggalan, &pemilihan, saring.wilayah);
        let mut analisis: Vec<KodeWilayah> = daerah.iter().map(|w| wilayah_analisis(*w)).collect();
        analisis.sort();
        analisis.dedup();
        let tanda: Vec<Tanda> = self
            .hitung_tanda(&pemilihan, &analisis)
            .await?
            .into_iter()
            .filter(|t| di_dalam(t, &daerah))
            .collect();
        let keputusan: HashMap<(String, String), KeputusanKejanggalan> = self
            .store
            .daftar_keputusan_kejanggalan(pemilihan_id)
            .await?
            .into_iter()
            .map(|k| ((k.cek.clone(), k.sasaran.clone()), k))
            .collect();
        let angka: HashMap<KodeTps, Angka> = if tanda.iter().any(|t| t.tps.is_some()) {
            let tps: Vec<KodeTps> = tanda.iter().filter_map(|t| t.tps).collect();
            self.store
                .daftar_hasil_tps(pemilihan_id, &tps)
                .await?
                .into_iter()
                .map(|h| (h.tps, h.terverifikasi.unwrap_or(h.angka)))
                .collect()
        } else {
            HashMap::new()
        };
        let mut per_cek: Vec<(Cek, usize)> = Vec::new();
        let mut item = Vec::new();
        for t in tanda {
            let s = sasaran(&t);
            let k = keputusan
                .get(&(t.cek.kode().to_string(), s.clone()))
                .cloned();
            let basi = k.as_ref().is_some_and(|k| k.sidik != t.penjelasan);
            let it = ItemKejanggalan {
                angka: t.tps.and_then(|x| angka.get(&x).cloned()),
                sasaran: s,
                keputusan: k,
                basi,
                tanda: t,
            };
            if saring.terbuka && !it.terbuka() {
                continue;
            }
            match per_cek.iter_mut().find(|(c, _)| *c == it.tanda.cek) {
                Some((_, n)) => *n += 1,
                None => per_cek.push((it.tanda.cek, 1)),
            }
            if saring.cek.is_none_or(|c| c == it.tanda.cek) {
                item.push(it);
            }
        }
        per_cek.sort();
        let mut kode: BTreeSet<KodeWilayah> = BTreeSet::new();
        for it in &item {
            let w = it.tanda.wilayah;
            for t in [Tingkat::Kabkota, Tingkat::Kecamatan, Tingkat::Desa] {
                if w.tingkat() >= t {
                    kode.insert(w.at(t));
                }
            }
        }
        let kode: Vec<KodeWilayah> = kode.into_iter().collect();
        let nama = self
            .store
            .ambil_wilayah_banyak(&kode)
            .await?
            .into_iter()
            .map(|w| (w.kode, w.nama))
            .collect();
        Ok(AntreanKejanggalan {
            item,
            nama,
            per_cek,
            boleh_putus: !daerah_izin(oleh, Izin::PutusKejanggalan, &pemilihan, saring.wilayah)
                .is_empty(),
        })
    }

    /// How many flags under `wilayah` nobody has decided on yet; None for
    /// one who may not see the queue there.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn hitung_kejanggalan_terbuka(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        wilayah: KodeWilayah,
    ) -> Result<Option<usize>> {
        if !diizinkan(
            &oleh.penugasan,
            Izin::LihatKejanggalan,
            &Objek::Wilayah(wilayah),
        ) {
            return Ok(None);
        }
        let saring = SaringKejanggalan {
            wilayah: Some(wilayah),
            cek: None,
            terbuka: true,
        };
        let a = self.antrean_kejanggalan(oleh, pemilihan_id, saring).await?;
        Ok(Some(a.item.iter().filter(|i| !i.tanda.cek.lemah()).count()))
    }

    /// The flags of one TPS (its kecamatan's checks), for its page; empty
    /// for one who may not see the queue there.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn kejanggalan_tps(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        tps: KodeTps,
    ) -> Result<Vec<ItemKejanggalan>> {
        if !diizinkan(&oleh.penugasan, Izin::LihatKejanggalan, &Objek::Tps(tps)) {
            return Ok(Vec::new());
        }
        let saring = SaringKejanggalan {
            wilayah: Some(tps.desa()),
            cek: None,
            terbuka: false,
        };
        let a = self.antrean_kejanggalan(oleh, pemilihan_id, saring).await?;
        Ok(a.item
            .into_iter()
            .filter(|i| i.tanda.tps == Some(tps))
            .collect())
    }

    /// Records `oleh`'s decision on the flag of check `cek` about
    /// `sasaran` (a TPS or region code), audited. The flag must stand now
    /// (404 otherwise) and lie in `oleh`'s area.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn putuskan_kejanggalan(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        cek: Cek,
        sasaran_teks: &str,
        keputusan: Keputusan,
    ) -> Result<()> {
        let objek = match KodeTps::parse(sasaran_teks) {
            Ok(t) => Objek::Tps(t),
            Err(_) => Objek::Wilayah(KodeWilayah::parse(sasaran_teks).map_err(|_| {
                AppError::Invalid(format!("'{sasaran_teks}' bukan kode TPS atau wilayah"))
            })?),
        };
        if !diizinkan(&oleh.penugasan, Izin::PutusKejanggalan, &objek) {
            return Err(AppError::Dilarang(
                "Anda tidak berwenang memutus tanda di tempat ini".into(),
            ));
        }
        let pemilihan = self.pemilihan_kejanggalan(pemilihan_id).await?;
        let w = match objek {
            Objek::Tps(t) => t.desa(),
            Objek::Wilayah(w) => w,
            Objek::Global => unreachable!("parsed above"),
        };
        let analisis = [wilayah_analisis(w)];
        let tanda = self
            .hitung_tanda(&pemilihan, &analisis)
            .await?
            .into_iter()
            .find(|t| t.cek == cek && objek == self::objek(t))
            .ok_or_else(|| AppError::NotFound(format!("tanda {cek} untuk {sasaran_teks}")))?;
        let k = KeputusanKejanggalan {
            pemilihan_id,
            cek: cek.kode().to_string(),
            sasaran: sasaran(&tanda),
            keputusan,
            sidik: tanda.penjelasan.clone(),
            pemutus_id: oleh.id,
            pemutus: oleh.username.clone(),
            waktu: OffsetDateTime::now_utc().unix_timestamp(),
        };
        let isi = serde_json::to_vec(&(&k, &tanda))
            .map_err(|e| AppError::internal("menulis isi jejak audit", e))?;
        let jejak = Jejak::new(
            Aktor::pengguna(oleh).as_str(),
            "kejanggalan.putus",
            if tanda.tps.is_some() {
                "tps"
            } else {
                "wilayah"
            },
            k.sasaran.clone(),
            format!(
                "{} menandai {} ({}) {}: {}",
                oleh.username,
                cek.kode(),
                cek.huruf(),
                k.sasaran,
                keputusan.slug()
            ),
            &isi,
        );
        self.store.simpan_keputusan_kejanggalan(&k, &jejak).await?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "kejanggalan_tests.rs"]
mod tests;
