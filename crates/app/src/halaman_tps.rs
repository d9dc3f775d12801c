//! One TPS on election day, for people: where it is, the result that
//! counts and why, every revision with who sent it, when, how and why,
//! the photos, the arithmetic flags, verification, the official count,
//! check-ins, incidents and the saksi to call. One use case, one view
//! model; what each part shows depends on who asks.

use std::collections::HashMap;

use posko_domain::{
    Izin, KodeTps, Objek, Penugasan, Telepon, Temuan, ZonaWaktu, boleh_kelola, boleh_verifikasi,
    diizinkan, periksa,
};
use posko_storage::{
    Angka, Bacaan, Checkin, HasilTps, Insiden, KirimanHasil, Paslon, Pemilihan, Pengguna, Tps,
    Wilayah,
};
use uuid::Uuid;

use crate::saksi::pilah_saksi;
use crate::{AppError, Posko, Result};

/// Incidents listed on a TPS page at most (newest first).
const INSIDEN_MAKS: u32 = 200;

/// Everything the TPS page shows, already narrowed to what the viewer may
/// see.
#[derive(Debug, Clone)]
pub struct HalamanTps {
    pub pemilihan: Pemilihan,
    pub paslon: Vec<Paslon>,
    pub tps: Tps,
    /// Province, kab/kota, kecamatan, desa: the names above the TPS.
    pub wilayah: Vec<Wilayah>,
    /// The time zone of the place (WIB, WITA, WIT), for every time shown.
    pub zona: ZonaWaktu,
    /// The result that counts, if any has arrived.
    pub hasil: Option<HasilTps>,
    /// Every revision, oldest first.
    pub revisi: Vec<RevisiTps>,
    /// Readings of the counted revision: how many (anyone may know) …
    pub jumlah_bacaan: usize,
    /// … and the readings themselves, only for those who may see them
    /// (never a verifier who still has to read this form blind).
    pub bacaan: Option<Vec<Bacaan>>,
    /// The KPU's official figures, where imported.
    pub resmi: Option<Angka>,
    pub checkin: Vec<Checkin>,
    /// Newest first.
    pub insiden: Vec<Insiden>,
    /// The main saksi first, then the backups.
    pub saksi: Vec<SaksiHalaman>,
    /// The review queue's flags on this TPS, for those who may see the
    /// queue here (empty for everyone else).
    pub kejanggalan: Vec<crate::kejanggalan::ItemKejanggalan>,
}

/// One revision as the page shows it.
#[derive(Debug, Clone)]
pub struct RevisiTps {
    pub kiriman: KirimanHasil,
    /// This is the revision the totals count now.
    pub dihitung: bool,
    /// The sender's name, when the sender is an account.
    pub nama_pengirim: Option<String>,
    /// The viewer may open the sender's account page.
    pub boleh_buka_pengirim: bool,
    /// The arithmetic flags of its form, in words (both languages).
    pub temuan: Vec<Temuan>,
}

/// A saksi of this TPS.
#[derive(Debug, Clone)]
pub struct SaksiHalaman {
    pub username: String,
    pub nama: String,
    pub utama: bool,
    /// Only for those who may take this person's phone number out of
    /// Posko anyway ([`boleh_lihat_telepon`]).
    pub telepon: Option<Telepon>,
    /// The viewer may open the account page.
    pub boleh_buka: bool,
}

impl HalamanTps {
    /// The counted revision's submission.
    pub fn revisi_dihitung(&self) -> Option<&RevisiTps> {
        self.revisi.iter().find(|r| r.dihitung)
    }
}

/// Whether `oleh` may see the verifiers' readings of a TPS's form:
/// supervisors who settle disputes, and a verifier who has read it already.
/// A verifier who still has to read it blind never does.
pub fn boleh_lihat_bacaan(oleh: &[Penugasan], tps: &KodeTps, sudah_membaca: bool) -> bool {
    if boleh_verifikasi(oleh, tps) && !sudah_membaca {
        return false;
    }
    diizinkan(oleh, Izin::KelolaPemilihan, &Objek::Global)
        || (sudah_membaca && diizinkan(oleh, Izin::VerifikasiHasil, &Objek::Tps(*tps)))
}

/// Whether `oleh` may see the phone number of an account holding `akun`:
/// those who manage the account and may export its personal data anyway
/// (a coordinator of the area, a manager). A saksi never sees another's.
pub fn boleh_lihat_telepon(oleh: &[Penugasan], akun: &[Penugasan]) -> bool {
    boleh_kelola(oleh, Izin::EksporDataPribadi, akun)
        && boleh_kelola(oleh, Izin::KelolaPengguna, akun)
}

impl Posko {
    /// The TPS page of `tps` in election `pemilihan_id` as `oleh` may see it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn halaman_tps(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        tps: KodeTps,
    ) -> Result<HalamanTps> {
        if !diizinkan(&oleh.penugasan, Izin::LihatHasil, &Objek::Tps(tps)) {
            return Err(AppError::Dilarang(format!(
                "Anda tidak berwenang melihat hasil TPS {tps}"
            )));
        }
        let (pemilihan, paslon) = self.pemilihan_dengan_paslon(pemilihan_id).await?;
        let desa = tps.desa();
        if !pemilihan.wilayah.mencakup(&desa) {
            return Err(AppError::NotFound(format!(
                "TPS {tps} dalam {}",
                pemilihan.nama
            )));
        }
        let mut kodes = desa.leluhur();
        kodes.push(desa);
        // Independent reads go out together.
        let (tps_row, wilayah, hasil, kiriman, resmi, checkin, insiden, saksi) = tokio::try_join!(
            self.store.ambil_tps(tps),
            self.store.ambil_wilayah_banyak(&kodes),
            self.store.ambil_hasil_tps(pemilihan_id, tps),
            self.store.daftar_kiriman_tps(pemilihan_id, tps),
            self.store.daftar_hasil_resmi_di(pemilihan_id, desa),
            self.store.daftar_checkin_di(pemilihan_id, desa),
            self.store
                .daftar_insiden_di(pemilihan_id, desa, INSIDEN_MAKS),
            self.store.daftar_saksi_di(desa),
        )?;
        let tps_row = tps_row.ok_or_else(|| AppError::NotFound(format!("TPS {tps}")))?;
        let mut wilayah = wilayah;
        wilayah.sort_by_key(|w| w.kode.tingkat());

        // Readings of the counted revision.
        let semua_bacaan = match &hasil {
            Some(h) => self.store.daftar_bacaan_kiriman(h.kiriman_id).await?,
            None => Vec::new(),
        };
        let sudah_membaca = semua_bacaan.iter().any(|b| b.verifier_id == oleh.id);
        let bacaan =
            boleh_lihat_bacaan(&oleh.penugasan, &tps, sudah_membaca).then(|| semua_bacaan.clone());

        // The senders' accounts, once each (an API token is no account).
        let mut akun: HashMap<Uuid, Option<Pengguna>> = HashMap::new();
        for k in &kiriman {
            if let std::collections::hash_map::Entry::Vacant(e) = akun.entry(k.pengirim_id) {
                e.insert(self.store.ambil_pengguna(k.pengirim_id).await?);
            }
        }
        let batas = crate::hasil::batas_formulir(paslon.len(), &tps_row);
        let revisi = kiriman
            .into_iter()
            .map(|k| {
                let p = akun.get(&k.pengirim_id).and_then(Option::as_ref);
                RevisiTps {
                    dihitung: hasil.as_ref().is_some_and(|h| h.kiriman_id == k.id),
                    nama_pengirim: p.map(|p| p.nama.clone()),
                    boleh_buka_pengirim: p.is_some_and(|p| {
                        boleh_kelola(&oleh.penugasan, Izin::KelolaPengguna, &p.penugasan)
                    }),
                    temuan: periksa(&k.formulir, &batas),
                    kiriman: k,
                }
            })
            .collect();

        let mut orang = Vec::new();
        let di_sini: Vec<_> = saksi.into_iter().filter(|s| s.tps == tps).collect();
        let pilah = pilah_saksi(tps, di_sini);
        for (s, utama) in pilah
            .utama
            .into_iter()
            .map(|s| (s, true))
            .chain(pilah.cadangan.into_iter().map(|s| (s, false)))
        {
            let p = self.store.ambil_pengguna(s.pengguna_id).await?;
            let (telepon, boleh_buka) = match &p {
                Some(p) => (
                    if boleh_lihat_telepon(&oleh.penugasan, &p.penugasan) {
                        self.telepon(p)?
                    } else {
                        None
                    },
                    boleh_kelola(&oleh.penugasan, Izin::KelolaPengguna, &p.penugasan),
                ),
                None => (None, false),
            };
            orang.push(SaksiHalaman {
                username: s.username,
                nama: s.nama,
                utama,
                telepon,
                boleh_buka,
            });
        }

        Ok(HalamanTps {
            zona: ZonaWaktu::dari_wilayah(&desa),
            pemilihan,
            paslon,
            tps: tps_row,
            wilayah,
            jumlah_bacaan: semua_bacaan.iter().filter(|b| !b.putusan).count(),
            bacaan,
            hasil,
            revisi,
            resmi: resmi.into_iter().find(|(k, _)| *k == tps).map(|(_, a)| a),
            checkin: checkin.into_iter().filter(|c| c.tps == tps).collect(),
            insiden: insiden.into_iter().filter(|i| i.tps == tps).collect(),
            saksi: orang,
            kejanggalan: self.kejanggalan_tps(oleh, pemilihan_id, tps).await?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use posko_domain::{Cakupan, KodeWilayah, Peran};

    fn tugas(p: Peran, c: Cakupan) -> Penugasan {
        Penugasan::new(p, c).unwrap()
    }

    fn tps() -> KodeTps {
        KodeTps::parse("3171011001001").unwrap()
    }

    fn jakpus() -> Cakupan {
        Cakupan::Wilayah(KodeWilayah::parse("31.71").unwrap())
    }

    #[test]
    fn a_blind_verifier_never_sees_readings_before_reading() {
        let v = [tugas(Peran::Verifier, jakpus())];
        assert!(!boleh_lihat_bacaan(&v, &tps(), false));
        assert!(boleh_lihat_bacaan(&v, &tps(), true));
        // A verifier elsewhere learns nothing even after "reading".
        let lain = [tugas(
            Peran::Verifier,
            Cakupan::Wilayah(KodeWilayah::parse("31.72").unwrap()),
        )];
        assert!(!boleh_lihat_bacaan(&lain, &tps(), true));
    }

    #[test]
    fn supervisors_see_readings_coordinators_and_saksi_do_not() {
        let m = [tugas(Peran::Manager, Cakupan::Semua)];
        assert!(boleh_lihat_bacaan(&m, &tps(), false));
        let k = [tugas(Peran::Koordinator, jakpus())];
        assert!(!boleh_lihat_bacaan(&k, &tps(), false));
        let s = [tugas(Peran::Saksi, Cakupan::Tps(tps()))];
        assert!(!boleh_lihat_bacaan(&s, &tps(), false));
    }

    #[test]
    fn phones_for_those_who_manage_the_saksi_only() {
        let saksi = [tugas(Peran::Saksi, Cakupan::Tps(tps()))];
        let lain = [tugas(
            Peran::Saksi,
            Cakupan::Tps(KodeTps::parse("3171011001002").unwrap()),
        )];
        assert!(boleh_lihat_telepon(
            &[tugas(Peran::Manager, Cakupan::Semua)],
            &saksi
        ));
        assert!(boleh_lihat_telepon(
            &[tugas(Peran::Koordinator, jakpus())],
            &saksi
        ));
        let luar = [tugas(
            Peran::Koordinator,
            Cakupan::Wilayah(KodeWilayah::parse("31.72").unwrap()),
        )];
        assert!(!boleh_lihat_telepon(&luar, &saksi));
        assert!(!boleh_lihat_telepon(&lain, &saksi));
        assert!(!boleh_lihat_telepon(&saksi, &saksi));
        assert!(!boleh_lihat_telepon(
            &[tugas(Peran::Auditor, Cakupan::Semua)],
            &saksi
        ));
    }
}
