//! Reading the territory: one region with its breadcrumbs, totals,
//! children and (at desa level) its TPS.

use posko_domain::{KodeWilayah, Tingkat};
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
    pub async fn wilayah_view(&self, kode: Option<KodeWilayah>) -> Result<WilayahView> {
        let wilayah = match kode {
            Some(k) => Some(
                self.store
                    .get_wilayah(k)
                    .await?
                    .ok_or_else(|| AppError::NotFound(format!("wilayah {k}")))?,
            ),
            None => None,
        };
        let leluhur = match kode {
            Some(k) => self.store.get_wilayah_many(&k.leluhur()).await?,
            None => Vec::new(),
        };
        let rekap = self.store.dpt_totals(kode).await?;
        let (anak, tps) = match kode {
            Some(k) if k.tingkat() == Tingkat::Desa => (
                Vec::new(),
                self.store.tps_under(k, None, TPS_PER_DESA_MAX).await?,
            ),
            _ => (self.store.children_with_totals(kode).await?, Vec::new()),
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
