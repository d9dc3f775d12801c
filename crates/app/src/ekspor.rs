//! Personal data leaving Posko as a file (UU 27/2022): only with the
//! export permission, over accounts inside the exporter's territory, every
//! export in the audit log (with the file's hash), and every file
//! watermarked with who took it, when, and the export's id, on its first
//! and last line and in a column of every row, so a leaked copy or a
//! pasted excerpt points back to its export.

use posko_domain::{Cakupan, Izin, Jejak, KodeTps, Penugasan, Peran, boleh_kelola};
use posko_storage::Pengguna;
use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;

use crate::{Aktor, AppError, Posko, Result};

/// A file ready to hand over.
#[derive(Debug, Clone)]
pub struct Ekspor {
    pub id: Uuid,
    pub nama_berkas: String,
    pub isi: String,
    pub baris: usize,
}

/// Who exports, as written into the watermark and the audit log.
pub struct Pengekspor<'a> {
    pub aktor: &'a Aktor,
    /// `manajer (Manajer Kampanye)` or `cli:root`.
    pub label: String,
    /// The exporter's roles; None at the server's command line (all).
    pub penugasan: Option<&'a [Penugasan]>,
}

impl Pengekspor<'_> {
    fn boleh(&self, izin: Izin, p: &Pengguna) -> bool {
        self.penugasan
            .is_none_or(|roles| boleh_kelola(roles, izin, &p.penugasan))
    }
}

/// A cell that a spreadsheet would run as a formula is written as text.
pub(crate) fn sel(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

pub(crate) fn wib(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::from_hms(7, 0, 0).expect("valid offset"));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} WIB",
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute()
    )
}

fn peran_text(p: &Pengguna) -> String {
    p.penugasan
        .iter()
        .map(|t| format!("{}@{}", t.peran, t.cakupan))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Posko {
    /// Accounts `oleh` may manage (all of them when None), for lists.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn pengguna_terkelola(&self, oleh: Option<&[Penugasan]>) -> Result<Vec<Pengguna>> {
        Ok(self
            .store
            .daftar_pengguna()
            .await?
            .into_iter()
            .filter(|p| oleh.is_none_or(|r| boleh_kelola(r, Izin::KelolaPengguna, &p.penugasan)))
            .collect())
    }

    /// Writes the watermarked CSV and logs the export before handing it out.
    async fn ekspor_csv(
        &self,
        oleh: &Pengekspor<'_>,
        jenis: &str,
        header: &[&str],
        rows: Vec<Vec<String>>,
    ) -> Result<Ekspor> {
        let id = Uuid::now_v7();
        let pendek = id.simple().to_string()[24..].to_string();
        let waktu = wib(OffsetDateTime::now_utc());
        let tanda = format!(
            "# RAHASIA — data pribadi (UU 27/2022) — diekspor oleh {} pada {waktu} — ekspor {id} — jangan disebarkan dan hapus setelah dipakai",
            oleh.label.replace([',', '"', '\n', '\r'], " ")
        );
        let io = |e: csv::Error| AppError::Invalid(format!("menulis CSV: {e}"));
        // The mark holds no comma or quote, so it is never quoted and every
        // reader shows it as the plain first (and last) line.
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(format!("{tanda}\n").into_bytes());
        let mut head: Vec<&str> = header.to_vec();
        head.push("tanda_ekspor");
        w.write_record(&head).map_err(io)?;
        let baris = rows.len();
        for row in rows {
            let mut cells: Vec<String> = row.iter().map(|c| sel(c)).collect();
            cells.push(pendek.clone());
            w.write_record(&cells).map_err(io)?;
        }
        w.write_record([&tanda]).map_err(io)?;
        let bytes = w
            .into_inner()
            .map_err(|e| AppError::internal("menulis CSV", e.to_string()))?;
        let isi = String::from_utf8(bytes).map_err(|e| AppError::internal("menulis CSV", e))?;
        let jejak = Jejak::new(
            oleh.aktor.as_str(),
            "ekspor.data_pribadi",
            "ekspor",
            id.to_string(),
            format!("{jenis}: {baris} baris diekspor oleh {}", oleh.label),
            isi.as_bytes(),
        );
        self.store.catat_audit(&jejak).await?;
        Ok(Ekspor {
            id,
            nama_berkas: format!("posko-{jenis}-{pendek}.csv"),
            isi,
            baris,
        })
    }

    /// Accounts with their phone numbers.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ekspor_pengguna(&self, oleh: &Pengekspor<'_>) -> Result<Ekspor> {
        let mut rows = Vec::new();
        for p in self.store.daftar_pengguna().await? {
            if !oleh.boleh(Izin::EksporDataPribadi, &p) {
                continue;
            }
            let telepon = self.telepon(&p)?.map(|t| t.lokal_berkelompok());
            rows.push(vec![
                p.username.clone(),
                p.nama.clone(),
                peran_text(&p),
                if p.aktif { "aktif" } else { "nonaktif" }.into(),
                telepon.unwrap_or_default(),
            ]);
        }
        self.ekspor_csv(
            oleh,
            "akun",
            &["username", "nama", "peran", "status", "telepon"],
            rows,
        )
        .await
    }

    /// Fresh one-time sign-in codes for the named accounts, with phones, as
    /// a file to send from (an SMS blast, a chat group). `url_dasar`
    /// (`https://posko.example`) adds a ready sign-in link per row.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn ekspor_kode_masuk(
        &self,
        oleh: &Pengekspor<'_>,
        usernames: &[String],
        url_dasar: Option<&str>,
    ) -> Result<Ekspor> {
        let mut akun = Vec::with_capacity(usernames.len());
        for u in usernames {
            let p = self.pengguna_by_username(u).await?;
            if !oleh.boleh(Izin::EksporDataPribadi, &p) {
                // Same answer as for a name that does not exist: a guess
                // must not reveal accounts outside one's territory.
                return Err(AppError::NotFound(format!("pengguna '{}'", u.trim())));
            }
            akun.push(p);
        }
        // Each saksi's TPS short code goes on the same sheet: the SMS they
        // will send on the day names it.
        let tps_saksi: Vec<Option<KodeTps>> = akun
            .iter()
            .map(|p| {
                p.penugasan.iter().find_map(|t| match (t.peran, t.cakupan) {
                    (Peran::Saksi, Cakupan::Tps(k)) => Some(k),
                    _ => None,
                })
            })
            .collect();
        let perlu: Vec<KodeTps> = tps_saksi.iter().flatten().copied().collect();
        let mut singkat = self.kode_singkat(oleh.aktor, &perlu).await?.into_iter();
        let mut rows = Vec::with_capacity(akun.len());
        for (p, tps) in akun.iter().zip(&tps_saksi) {
            let kode = self.issue_code_for(oleh.aktor, p).await?;
            let tautan = url_dasar
                .map(|u| format!("{}/masuk/kode/{kode}", u.trim_end_matches('/')))
                .unwrap_or_default();
            let kode_sms = match tps {
                Some(_) => singkat.next().map(|k| k.to_string()).unwrap_or_default(),
                None => String::new(),
            };
            rows.push(vec![
                p.username.clone(),
                p.nama.clone(),
                peran_text(p),
                self.telepon(p)?
                    .map(|t| t.lokal_berkelompok())
                    .unwrap_or_default(),
                kode,
                tautan,
                kode_sms,
            ]);
        }
        self.ekspor_csv(
            oleh,
            "kode-masuk",
            &[
                "username",
                "nama",
                "peran",
                "telepon",
                "kode",
                "tautan",
                "kode_sms_tps",
            ],
            rows,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_times_are_wib() {
        assert_eq!(sel("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(sel("-1"), "'-1");
        assert_eq!(sel("Siti"), "Siti");
        let t = OffsetDateTime::from_unix_timestamp(1_732_838_400).unwrap(); // 2024-11-29 00:00 UTC
        assert_eq!(wib(t), "2024-11-29 07:00 WIB");
    }
}
