//! The content calendar: drafts through the review chain to the posted
//! record.
//!
//! A draft names the official accounts it is for and when it is planned
//! (local time, WIB). Nothing is planned outside the campaign period, in
//! the quiet period or on an account that is off by then
//! (`posko_domain::medsos::boleh_jadwalkan`), checked when the draft is
//! written and again when it is approved. The chain is the domain's
//! (`langkah_konten`): the author sends it, a reviewer (anyone of the team
//! but the author, or the settings' named reviewers) passes it, a manager
//! who is not its author approves it; an edit starts a new content
//! version, reviewed anew. Every step, comment and posting record is a new
//! stored version with its audit entry, so the history is the record.

use posko_domain::audit::sha256_hex;
use posko_domain::medsos::{LangkahKonten, StatusKonten, boleh_jadwalkan, langkah_konten};
use posko_domain::{Izin, Objek, diizinkan};
use posko_storage::{JenisMedsos, Pengguna};
use serde::{Deserialize, Serialize};
use time::PrimitiveDateTime;
use uuid::Uuid;

use super::akun::alamat_web;
use super::{Keputusan, Perubahan, RuangMedsos, Tersimpan, tolak};
use crate::foto::{FOTO_MAKS, cek_ukuran_foto, hash_sah, jenis_foto, ukuran_foto};
use crate::{AppError, Posko, Result};

/// Largest media file: a phone photo, as a form photo.
pub const MEDIA_MAKS: usize = FOTO_MAKS;
/// The audit entity a media file's upload is recorded under: what binds
/// it to its election (as a finance proof is bound), so a draft never
/// names a C.Hasil photo or another election's file.
/// A draft photo's binding to its election.
const MEDIA: crate::berkas_terikat::Ikatan = crate::berkas_terikat::Ikatan {
    entitas: "medsos_media",
    aksi: "medsos.media",
    apa: "media konten",
};

/// Checks a media file's bytes (a JPEG, PNG or HEIC photo, by its first
/// bytes, within the size and pixel limits) and returns its hash and kind.
pub fn periksa_media(nama: &str, bytes: &[u8]) -> Result<(String, &'static str)> {
    let nama = if nama.trim().is_empty() {
        "media"
    } else {
        nama.trim()
    };
    if bytes.is_empty() {
        return Err(tolak(format!("{nama}: berkas kosong")));
    }
    if bytes.len() > MEDIA_MAKS {
        return Err(tolak(format!(
            "{nama}: berkas terlalu besar (maksimal {} MB)",
            MEDIA_MAKS / (1024 * 1024)
        )));
    }
    let jenis = jenis_foto(bytes)
        .ok_or_else(|| tolak(format!("{nama}: media harus foto JPEG, PNG atau HEIC")))?;
    if let Some((lebar, tinggi)) = ukuran_foto(bytes) {
        cek_ukuran_foto(lebar, tinggi).map_err(|e| tolak(format!("{nama}: {e}")))?;
    }
    Ok((sha256_hex(bytes), jenis))
}

/// Longest text of a draft, in characters.
pub const TEKS_MAKS: usize = 5000;
const JUDUL_MAKS: usize = 200;
const CATATAN_MAKS: usize = 2000;
/// Media and accounts a draft may name.
const MEDIA_PER_KONTEN: usize = 20;
const AKUN_MAKS: usize = 40;

/// One step taken on a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LangkahTercatat {
    /// tulis, ubah, ajukan, periksa, setujui, kembalikan, batalkan, posting
    pub langkah: String,
    pub oleh: Uuid,
    /// Unix seconds.
    pub waktu: i64,
    pub catatan: String,
    /// The content version the step was taken on.
    pub versi_isi: u32,
}

/// A comment on a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KomentarKonten {
    pub oleh: Uuid,
    pub waktu: i64,
    pub teks: String,
    pub versi_isi: u32,
}

/// Where a draft went out: the live post on one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingKonten {
    pub akun: Uuid,
    pub url: String,
    pub oleh: Uuid,
    pub waktu: i64,
}

/// A draft and its way to being posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KontenMedsos {
    pub penulis: Uuid,
    pub judul: String,
    pub teks: String,
    /// SHA-256 (hex) of the files in the photo store that go with it.
    pub media: Vec<String>,
    /// The official accounts it is for.
    pub akun: Vec<Uuid>,
    /// When it is planned, local time (WIB).
    pub rencana: PrimitiveDateTime,
    pub status: StatusKonten,
    /// The content version: 1, and one more at each edit.
    pub versi_isi: u32,
    pub riwayat: Vec<LangkahTercatat>,
    pub komentar: Vec<KomentarKonten>,
    pub diposting: Vec<PostingKonten>,
    /// Claims of the issue desk it answers.
    pub isu: Vec<Uuid>,
}

/// A draft as its author writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KontenBaru {
    pub judul: String,
    pub teks: String,
    pub media: Vec<String>,
    pub akun: Vec<Uuid>,
    pub rencana: PrimitiveDateTime,
    pub isu: Vec<Uuid>,
}

/// A step's slug, as stored in the history and sent by forms.
pub fn slug_langkah(l: LangkahKonten) -> &'static str {
    match l {
        LangkahKonten::Ajukan => "ajukan",
        LangkahKonten::Periksa => "periksa",
        LangkahKonten::Setujui => "setujui",
        LangkahKonten::Kembalikan => "kembalikan",
        LangkahKonten::Posting => "posting",
        LangkahKonten::Batalkan => "batalkan",
        LangkahKonten::Ubah => "ubah",
    }
}

/// The steps taken on the step form (not edits or posting records).
pub const LANGKAH_FORMULIR: [LangkahKonten; 5] = [
    LangkahKonten::Ajukan,
    LangkahKonten::Periksa,
    LangkahKonten::Setujui,
    LangkahKonten::Kembalikan,
    LangkahKonten::Batalkan,
];

/// A step of the step form by its slug.
pub fn langkah_dari_slug(s: &str) -> Option<LangkahKonten> {
    let s = s.trim().to_ascii_lowercase();
    LANGKAH_FORMULIR.into_iter().find(|l| slug_langkah(*l) == s)
}

fn teks(nama: &str, s: &str, maks: usize) -> Result<String> {
    let s = s.trim().replace("\r\n", "\n");
    if s.chars().count() > maks {
        return Err(tolak(format!("{nama} paling panjang {maks} huruf")));
    }
    if s.chars().any(|c| c.is_control() && c != '\n') {
        return Err(tolak(format!("{nama} berisi karakter kendali")));
    }
    Ok(s)
}

fn sha256_sah(h: &str) -> Result<String> {
    let h = h.trim().to_ascii_lowercase();
    if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(h)
    } else {
        Err(tolak(format!(
            "media '{h}' bukan sidik SHA-256 berkas (64 huruf heksadesimal)"
        )))
    }
}

fn punya(oleh: &Pengguna, r: &RuangMedsos, izin: Izin) -> bool {
    diizinkan(&oleh.penugasan, izin, &Objek::Wilayah(r.pemilihan.wilayah))
}

fn dilarang(pesan: impl Into<String>) -> AppError {
    AppError::Dilarang(pesan.into())
}

/// Whether `oleh` may review a draft by `penulis`: of the team, not its
/// author, and one of the named reviewers when the settings name some.
fn boleh_periksa(r: &RuangMedsos, oleh: &Pengguna, penulis: Uuid) -> bool {
    oleh.id != penulis
        && punya(oleh, r, Izin::TulisMedsos)
        && r.pengaturan
            .as_ref()
            .is_none_or(|p| p.isi.peninjau.is_empty() || p.isi.peninjau.contains(&oleh.id))
}

/// Whether `langkah` may be taken by `oleh` on the draft, and its next
/// status: who may take it (the policy), then the chain's order and the
/// author never approving (the domain). The schedule is checked apart
/// ([`cek_jadwal`]).
pub fn boleh_langkah(
    r: &RuangMedsos,
    oleh: &Pengguna,
    k: &KontenMedsos,
    langkah: LangkahKonten,
) -> Result<StatusKonten> {
    use LangkahKonten as L;
    let penulis = k.penulis;
    let penyetuju = punya(oleh, r, Izin::SetujuiMedsos);
    match langkah {
        L::Ajukan if oleh.id != penulis => {
            return Err(dilarang("hanya penulisnya yang mengajukan konten ini"));
        }
        L::Periksa if oleh.id == penulis => {
            return Err(tolak(
                "penulis tidak boleh memeriksa konten tulisannya sendiri",
            ));
        }
        L::Periksa if !boleh_periksa(r, oleh, penulis) => {
            return Err(dilarang(
                "hanya peninjau yang ditunjuk di pengaturan ruang yang memeriksa konten",
            ));
        }
        L::Setujui if !penyetuju => {
            return Err(dilarang("menyetujui konten hanya untuk manajer kampanye"));
        }
        L::Kembalikan if oleh.id == penulis => {
            return Err(tolak(
                "penulis tidak mengembalikan konten tulisannya sendiri: ubah atau batalkan",
            ));
        }
        L::Kembalikan if !penyetuju && !boleh_periksa(r, oleh, penulis) => {
            return Err(dilarang(
                "hanya peninjau atau penyetuju yang mengembalikan konten",
            ));
        }
        L::Batalkan | L::Ubah if oleh.id != penulis && !penyetuju => {
            return Err(dilarang(
                "hanya penulisnya atau manajer kampanye yang mengubah atau membatalkan konten ini",
            ));
        }
        _ => {}
    }
    let ke =
        langkah_konten(k.status, langkah, penulis, oleh.id).map_err(|e| tolak(e.to_string()))?;
    if langkah == L::Setujui
        && k.status == StatusKonten::Ditinjau
        && r.pengaturan.as_ref().is_some_and(|p| p.isi.wajib_periksa)
    {
        return Err(tolak(
            "konten harus diperiksa peninjau lebih dulu sebelum disetujui",
        ));
    }
    Ok(ke)
}

/// The steps of the step form `oleh` may take on the draft now.
pub fn langkah_tersedia(r: &RuangMedsos, oleh: &Pengguna, k: &KontenMedsos) -> Vec<LangkahKonten> {
    LANGKAH_FORMULIR
        .into_iter()
        .filter(|l| boleh_langkah(r, oleh, k, *l).is_ok())
        .collect()
}

/// Whether a post planned at `rencana` may go out on each of `akun`: each
/// is registered in the room, not retired, and the day is inside the
/// campaign and before the account is off.
pub fn cek_jadwal(r: &RuangMedsos, akun: &[Uuid], rencana: PrimitiveDateTime) -> Result<()> {
    let tanggal = rencana.date();
    for id in akun {
        let a = r
            .cari_akun(*id)
            .ok_or_else(|| tolak(format!("akun {id} tidak terdaftar di ruang ini")))?;
        let label = a.isi.label();
        if a.isi.pensiun {
            return Err(tolak(format!(
                "{label} sudah dipensiunkan: tidak bisa dijadwalkan"
            )));
        }
        boleh_jadwalkan(&r.masa, Some(a.isi.nonaktif_berlaku(r)), tanggal).map_err(|alasan| {
            tolak(format!(
                "{label} tidak bisa dijadwalkan pada {tanggal}: {alasan} (masa kampanye {} sampai {}, masa tenang {} sampai {}, akun nonaktif mulai {})",
                r.masa.mulai,
                r.masa.akhir,
                r.masa.masa_tenang().0,
                r.masa.masa_tenang().1,
                a.isi.nonaktif_berlaku(r),
            ))
        })?;
    }
    Ok(())
}

fn catat(k: &mut KontenMedsos, langkah: &str, oleh: Uuid, waktu: i64, catatan: String) {
    k.riwayat.push(LangkahTercatat {
        langkah: langkah.into(),
        oleh,
        waktu,
        catatan,
        versi_isi: k.versi_isi,
    });
}

fn cari(r: &RuangMedsos, id: Uuid) -> Result<&Tersimpan<KontenMedsos>> {
    r.cari_konten(id)
        .ok_or_else(|| AppError::NotFound(format!("konten medsos {id}")))
}

impl Posko {
    /// Writes a new draft (`id` None) or edits one: an edit is a new
    /// content version that goes back to draft and is reviewed anew;
    /// only its author or a manager edits. Every account must be
    /// registered, not retired, and open on the planned day.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tulis_konten_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        id: Option<Uuid>,
        baru: KontenBaru,
    ) -> Result<Uuid> {
        let judul = teks("judul", &baru.judul, JUDUL_MAKS)?.replace('\n', " ");
        if judul.is_empty() {
            return Err(tolak("judul konten wajib diisi"));
        }
        let isi_teks = teks("teks konten", &baru.teks, TEKS_MAKS)?;
        if isi_teks.is_empty() {
            return Err(tolak("teks konten wajib diisi"));
        }
        let media = baru
            .media
            .iter()
            .filter(|m| !m.trim().is_empty())
            .map(|m| sha256_sah(m))
            .collect::<Result<Vec<_>>>()?;
        let mut unik: Vec<String> = Vec::new();
        for h in media {
            if !unik.contains(&h) {
                unik.push(h);
            }
        }
        let media = unik;
        if media.len() > MEDIA_PER_KONTEN {
            return Err(tolak(format!("paling banyak {MEDIA_PER_KONTEN} media")));
        }
        let mut akun = baru.akun.clone();
        akun.sort();
        akun.dedup();
        if akun.is_empty() {
            return Err(tolak("pilih sedikitnya satu akun resmi tujuan"));
        }
        if akun.len() > AKUN_MAKS {
            return Err(tolak(format!("paling banyak {AKUN_MAKS} akun")));
        }
        self.pemilihan_medsos(oleh, pemilihan_id, Izin::TulisMedsos)
            .await?;
        for h in &media {
            if !(self.media_terunggah(pemilihan_id, h).await? && self.foto_ada(h).await?) {
                return Err(tolak(format!(
                    "media {h} belum diunggah untuk pemilihan ini; unggah berkasnya lebih dulu"
                )));
            }
        }
        let mut isu = baru.isu.clone();
        isu.sort();
        isu.dedup();
        let rencana = baru.rencana;
        let waktu = self.detik_medsos();
        self.ubah_medsos(oleh, pemilihan_id, Izin::TulisMedsos, |r| {
            cek_jadwal(r, &akun, rencana)?;
            if let Some(x) = isu.iter().find(|x| r.cari_isu(**x).is_none()) {
                return Err(tolak(format!("isu {x} tidak ada di meja isu ruang ini")));
            }
            let ringkas = |k: &KontenMedsos| {
                let nama: Vec<String> = k
                    .akun
                    .iter()
                    .filter_map(|a| r.cari_akun(*a).map(|a| a.isi.label()))
                    .collect();
                format!(
                    "\"{}\" untuk {} pada {} WIB (versi isi {})",
                    k.judul,
                    nama.join(", "),
                    k.rencana,
                    k.versi_isi
                )
            };
            match id {
                None => {
                    let id = Uuid::now_v7();
                    let mut k = KontenMedsos {
                        penulis: oleh.id,
                        judul: judul.clone(),
                        teks: isi_teks.clone(),
                        media: media.clone(),
                        akun: akun.clone(),
                        rencana,
                        status: StatusKonten::Draf,
                        versi_isi: 1,
                        riwayat: Vec::new(),
                        komentar: Vec::new(),
                        diposting: Vec::new(),
                        isu: isu.clone(),
                    };
                    catat(&mut k, "tulis", oleh.id, waktu, String::new());
                    Ok(Keputusan {
                        perubahan: vec![Perubahan::baru(JenisMedsos::Konten, id, &k)?],
                        aksi: "konten.tulis",
                        ringkasan: ringkas(&k),
                        hasil: id,
                    })
                }
                Some(id) => {
                    let lama = cari(r, id)?;
                    let l = &lama.isi;
                    let status = boleh_langkah(r, oleh, l, LangkahKonten::Ubah)?;
                    if l.judul == judul
                        && l.teks == isi_teks
                        && l.media == media
                        && l.akun == akun
                        && l.rencana == rencana
                        && l.isu == isu
                    {
                        return Ok(Keputusan {
                            perubahan: Vec::new(),
                            aksi: "konten.ubah",
                            ringkasan: String::new(),
                            hasil: id,
                        });
                    }
                    let mut k = l.clone();
                    k.judul = judul.clone();
                    k.teks = isi_teks.clone();
                    k.media = media.clone();
                    k.akun = akun.clone();
                    k.rencana = rencana;
                    k.isu = isu.clone();
                    k.status = status;
                    k.versi_isi += 1;
                    catat(&mut k, "ubah", oleh.id, waktu, String::new());
                    Ok(Keputusan {
                        perubahan: vec![Perubahan::ubah(JenisMedsos::Konten, lama, &k)?],
                        aksi: "konten.ubah",
                        ringkasan: format!("{}; kembali ke draf", ringkas(&k)),
                        hasil: id,
                    })
                }
            }
        })
        .await
    }

    /// One step of the review chain: send, review, approve, return (with
    /// a note), cancel. The approver is a manager who is not the author,
    /// and the schedule is checked again at approval (an account's
    /// deactivation may have moved since). Returns the new status.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn langkah_konten_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        id: Uuid,
        langkah: LangkahKonten,
        catatan: &str,
    ) -> Result<StatusKonten> {
        if !LANGKAH_FORMULIR.contains(&langkah) {
            return Err(tolak(
                "mengubah isi dan mencatat posting punya formulirnya sendiri",
            ));
        }
        let catatan = teks("catatan", catatan, CATATAN_MAKS)?;
        if langkah == LangkahKonten::Kembalikan && catatan.is_empty() {
            return Err(tolak(
                "tuliskan catatan untuk penulis: apa yang perlu diubah",
            ));
        }
        let waktu = self.detik_medsos();
        let aksi = match langkah {
            LangkahKonten::Ajukan => "konten.ajukan",
            LangkahKonten::Periksa => "konten.periksa",
            LangkahKonten::Setujui => "konten.setujui",
            LangkahKonten::Kembalikan => "konten.kembalikan",
            _ => "konten.batalkan",
        };
        self.ubah_medsos(oleh, pemilihan_id, Izin::TulisMedsos, |r| {
            let lama = cari(r, id)?;
            let status = boleh_langkah(r, oleh, &lama.isi, langkah)?;
            if langkah == LangkahKonten::Setujui {
                cek_jadwal(r, &lama.isi.akun, lama.isi.rencana)?;
            }
            let mut k = lama.isi.clone();
            k.status = status;
            catat(
                &mut k,
                slug_langkah(langkah),
                oleh.id,
                waktu,
                catatan.clone(),
            );
            Ok(Keputusan {
                perubahan: vec![Perubahan::ubah(JenisMedsos::Konten, lama, &k)?],
                aksi,
                ringkasan: format!(
                    "\"{}\" (versi isi {}) oleh {}: {} → {}{}",
                    k.judul,
                    k.versi_isi,
                    r.nama(k.penulis),
                    lama.isi.status.slug(),
                    status.slug(),
                    if catatan.is_empty() {
                        String::new()
                    } else {
                        format!("; catatan: {catatan}")
                    }
                ),
                hasil: status,
            })
        })
        .await
    }

    /// A comment on a draft, on its current content version.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn komentar_konten_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        id: Uuid,
        isi: &str,
    ) -> Result<()> {
        let isi = teks("komentar", isi, CATATAN_MAKS)?;
        if isi.is_empty() {
            return Err(tolak("komentar kosong"));
        }
        let waktu = self.detik_medsos();
        self.ubah_medsos(oleh, pemilihan_id, Izin::TulisMedsos, |r| {
            let lama = cari(r, id)?;
            let mut k = lama.isi.clone();
            k.komentar.push(KomentarKonten {
                oleh: oleh.id,
                waktu,
                teks: isi.clone(),
                versi_isi: k.versi_isi,
            });
            Ok(Keputusan {
                perubahan: vec![Perubahan::ubah(JenisMedsos::Konten, lama, &k)?],
                aksi: "konten.komentar",
                ringkasan: format!("komentar pada \"{}\": {isi}", k.judul),
                hasil: (),
            })
        })
        .await
    }

    /// Records where an approved draft went out: the live post's address
    /// on each of its accounts, and who posted it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn catat_posting_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        id: Uuid,
        posting: Vec<(Uuid, String)>,
    ) -> Result<()> {
        let mut baris = Vec::new();
        for (akun, url) in posting {
            let url = teks("alamat posting", &url, 500)?;
            baris.push((akun, alamat_web("alamat posting", url)?));
        }
        if baris.is_empty() {
            return Err(tolak("isi alamat posting sedikitnya untuk satu akun"));
        }
        let waktu = self.detik_medsos();
        self.ubah_medsos(oleh, pemilihan_id, Izin::TulisMedsos, |r| {
            let lama = cari(r, id)?;
            let mut k = lama.isi.clone();
            k.status = match k.status {
                // More of its accounts, recorded later.
                StatusKonten::Diposting => StatusKonten::Diposting,
                s => langkah_konten(s, LangkahKonten::Posting, k.penulis, oleh.id)
                    .map_err(|e| tolak(e.to_string()))?,
            };
            let mut label = Vec::new();
            for (akun, url) in &baris {
                let nama = r
                    .cari_akun(*akun)
                    .map_or_else(|| akun.to_string(), |a| a.isi.label());
                if !k.akun.contains(akun) {
                    return Err(tolak(format!("{nama} bukan akun tujuan konten ini")));
                }
                if k.diposting.iter().any(|p| p.akun == *akun) {
                    return Err(tolak(format!("posting di {nama} sudah tercatat")));
                }
                k.diposting.push(PostingKonten {
                    akun: *akun,
                    url: url.clone(),
                    oleh: oleh.id,
                    waktu,
                });
                label.push(format!("{nama} {url}"));
            }
            catat(&mut k, "posting", oleh.id, waktu, label.join("; "));
            Ok(Keputusan {
                perubahan: vec![Perubahan::ubah(JenisMedsos::Konten, lama, &k)?],
                aksi: "konten.posting",
                ringkasan: format!("\"{}\" terposting: {}", k.judul, label.join("; ")),
                hasil: (),
            })
        })
        .await
    }

    /// Every stored version of a draft, oldest first: each content
    /// version, step and comment, by whom and when.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn riwayat_konten_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        id: Uuid,
    ) -> Result<Vec<Tersimpan<KontenMedsos>>> {
        self.riwayat_medsos::<KontenMedsos>(oleh, pemilihan_id, id, JenisMedsos::Konten)
            .await
    }

    /// Checks and stores a media file for this election's drafts
    /// (`TulisMedsos`); returns its SHA-256 to list in a draft's `media`.
    /// The upload is recorded in the audit chain, which is what lets a
    /// draft of this election name it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn simpan_media_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        nama: &str,
        bytes: Vec<u8>,
    ) -> Result<String> {
        self.pemilihan_medsos(oleh, pemilihan_id, Izin::TulisMedsos)
            .await?;
        let nama_berkas = nama.to_string();
        let (hash, jenis, bytes) = crate::latar::kerja("memeriksa media konten", move || {
            let (hash, jenis) = periksa_media(&nama_berkas, &bytes)?;
            Ok::<_, AppError>((hash, jenis, bytes))
        })
        .await??;
        self.simpan_terikat(oleh, pemilihan_id, &MEDIA, &hash, jenis, bytes)
            .await?;
        Ok(hash)
    }

    async fn media_terunggah(&self, pemilihan_id: Uuid, hash: &str) -> Result<bool> {
        self.terikat(&MEDIA, pemilihan_id, hash).await
    }

    /// Uploads a file and adds it to a draft: a new content version, as
    /// any edit. Returns the file's hash.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn tambah_media_konten_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        id: Uuid,
        nama: &str,
        bytes: Vec<u8>,
    ) -> Result<String> {
        let r = self.ruang_medsos(oleh, pemilihan_id).await?;
        let k = cari(&r, id)?.isi.clone();
        boleh_langkah(&r, oleh, &k, LangkahKonten::Ubah)?;
        let hash = self
            .simpan_media_medsos(oleh, pemilihan_id, nama, bytes)
            .await?;
        let mut media = k.media.clone();
        if !media.contains(&hash) {
            media.push(hash.clone());
        }
        self.tulis_konten_medsos(
            oleh,
            pemilihan_id,
            Some(id),
            KontenBaru {
                judul: k.judul,
                teks: k.teks,
                media,
                akun: k.akun,
                rencana: k.rencana,
                isu: k.isu,
            },
        )
        .await?;
        Ok(hash)
    }

    /// A media file of a draft, for someone who may read the room, only
    /// when that draft lists it now: `None` otherwise, so the room never
    /// opens a C.Hasil photo or a file of another election. Bytes that
    /// no longer hash to their name are an error.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn media_konten_medsos(
        &self,
        oleh: &Pengguna,
        pemilihan_id: Uuid,
        id: Uuid,
        hash: &str,
    ) -> Result<Option<(Vec<u8>, &'static str)>> {
        let r = self.ruang_medsos(oleh, pemilihan_id).await?;
        let hash = hash.to_ascii_lowercase();
        if !hash_sah(&hash)
            || !r
                .cari_konten(id)
                .is_some_and(|k| k.isi.media.contains(&hash))
        {
            return Ok(None);
        }
        self.baca_terikat(&MEDIA, &hash).await
    }
}
