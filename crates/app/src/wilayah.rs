//! Reading the territory: one region with its breadcrumbs, totals,
//! children and (at desa level) its TPS.

use posko_domain::{KodeTps, KodeWilayah, Tingkat};
use posko_storage::{RekapDpt, Tps, Wilayah, WilayahDenganRekap};
use serde::Serialize;

use crate::{AppError, Posko, Result};

/// Most TPS a desa page lists; real desa have at most a few dozen.
const TPS_PER_DESA_MAX: u32 = 1_000;

#[derive(Debug, Clone, Serialize)]
pub struct WilayahView {
    /// None at the top (all provinces).
    pub wilayah: Option<Wilayah>,
    /// From the province down to the parent.
    pub leluhur: Vec<Wilayah>,
    pub rekap: RekapDpt,
    pub anak: Vec<WilayahDenganRekap>,
    /// Filled at desa level.
    pub tps: Vec<Tps>,
}

impl Posko {
    /// The names of regions by code (those unknown are left out), for
    /// pages that list records by area: people read names, not codes.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn nama_wilayah_banyak(
        &self,
        kode: &[KodeWilayah],
    ) -> Result<std::collections::HashMap<KodeWilayah, String>> {
        let mut unik: Vec<KodeWilayah> = kode.to_vec();
        unik.sort_by_key(|k| k.as_u64());
        unik.dedup();
        Ok(self
            .store
            .ambil_wilayah_banyak(&unik)
            .await?
            .into_iter()
            .map(|w| (w.kode, w.nama))
            .collect())
    }

    /// The migration version the database is at (for `/healthz`).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn versi_skema(&self) -> Result<i64> {
        Ok(self.store.schema_version().await?)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn wilayah(&self, kode: KodeWilayah) -> Result<Option<Wilayah>> {
        Ok(self.store.ambil_wilayah(kode).await?)
    }

    /// Several regions at once; unknown codes are left out.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn wilayah_banyak(&self, kodes: &[KodeWilayah]) -> Result<Vec<Wilayah>> {
        Ok(self.store.ambil_wilayah_banyak(kodes).await?)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tps(&self, kode: KodeTps) -> Result<Option<Tps>> {
        Ok(self.store.ambil_tps(kode).await?)
    }

    /// TPS under a region in key order, `limit` after `after` (keyset
    /// pages, so deep pages stay fast).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tps_di_bawah(
        &self,
        wilayah: KodeWilayah,
        after: Option<KodeTps>,
        limit: u32,
    ) -> Result<Vec<Tps>> {
        Ok(self.store.daftar_tps_di(wilayah, after, limit).await?)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn wilayah_view(&self, kode: Option<KodeWilayah>) -> Result<WilayahView> {
        let wilayah = match kode {
            Some(k) => Some(
                self.store
                    .ambil_wilayah(k)
                    .await?
                    .ok_or_else(|| AppError::NotFound(format!("wilayah {k}")))?,
            ),
            None => None,
        };
        let leluhur = match kode {
            Some(k) => self.store.ambil_wilayah_banyak(&k.leluhur()).await?,
            None => Vec::new(),
        };
        let rekap = self.store.ambil_rekap_dpt(kode).await?;
        let (anak, tps) = match kode {
            Some(k) if k.tingkat() == Tingkat::Desa => (
                Vec::new(),
                self.store.daftar_tps_di(k, None, TPS_PER_DESA_MAX).await?,
            ),
            _ => (self.store.daftar_anak_dengan_rekap(kode).await?, Vec::new()),
        };
        Ok(WilayahView {
            wilayah,
            leluhur,
            rekap,
            anak,
            tps,
        })
    }
}
