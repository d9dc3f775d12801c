//! The TPS page, `/pemilihan/{id}/tps/{kode}`: one polling station on
//! election day for the people on it. One use case
//! ([`posko_app::Posko::halaman_tps`]) gives the view model, narrowed to
//! what the viewer may see; this module only words and formats it.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Html;
use axum::routing::get;
use posko_app::HalamanTps;
use posko_domain::{Izin, Kekurangan, Objek, Pelindung, ZonaWaktu, diizinkan};
use posko_storage::{Angka, StatusHasil};
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, masuk};
use crate::error::PageError;
use crate::format::{jam, persen, ribuan, tanggal};
use crate::pages::render;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    r.add(
        "GET",
        "/pemilihan/{id}/tps/{kode}",
        "/pemilihan/{id}/tps/3171011001001",
        Kebijakan::Izin(Izin::LihatHasil, Sasaran::Tps),
        get(halaman),
    )
}

/// The TPS page's address (undotted code, like every TPS route).
pub(crate) fn href(pemilihan: Uuid, tps: posko_domain::KodeTps) -> String {
    format!("/pemilihan/{pemilihan}/tps/{}", tps.undotted())
}

struct Tautan {
    href: Option<String>,
    teks: String,
}

/// A row of the counted figures, beside the official ones when imported.
struct BarisAngka {
    label: String,
    posko: String,
    resmi: Option<String>,
    selisih: Option<String>,
    beda: bool,
}

struct SelBacaan {
    nilai: String,
    /// Differs from the saksi's figure.
    beda: bool,
}

struct BarisBacaan {
    pembaca: String,
    waktu: String,
    putusan: bool,
    sel: Vec<SelBacaan>,
}

struct FotoView {
    href: String,
    alt: String,
}

struct RevisiView {
    judul: String,
    lencana: String,
    dihitung: bool,
    oleh: Tautan,
    waktu: String,
    saluran: String,
    alasan: Option<String>,
    angka: String,
    foto: Vec<FotoView>,
    temuan: Vec<String>,
    tidak_dihitung: Option<String>,
}

struct InsidenView {
    waktu: String,
    kategori: String,
    teks: String,
    oleh: String,
}

struct TeleponView {
    tel: String,
    wa: String,
    tampil: String,
}

struct SaksiView {
    nama: Tautan,
    peran: String,
    telepon: Option<TeleponView>,
}

#[derive(Template)]
#[template(path = "tps.html")]
struct TpsPage {
    judul: String,
    remah: Vec<Tautan>,
    data: Vec<(String, String)>,
    kirim_href: Option<String>,
    /// Lines saying which revision counts and why; empty before any.
    keterangan: Vec<String>,
    angka: Vec<BarisAngka>,
    ada_resmi: bool,
    resmi_catatan: Option<String>,
    status: Option<String>,
    dibaca: Option<String>,
    /// A disputed result, for those who settle disputes.
    sengketa_href: Option<String>,
    bacaan_kepala: Vec<String>,
    /// None: the viewer may not see the readings.
    bacaan: Option<Vec<BarisBacaan>>,
    revisi: Vec<RevisiView>,
    checkin: Vec<String>,
    insiden: Vec<InsidenView>,
    saksi: Vec<SaksiView>,
    telepon_tersembunyi: bool,
    /// The review queue's flags on this TPS: (check, explanation, decision).
    kejanggalan: Vec<(String, String, String)>,
    /// The queue of this TPS's desa, for those who may open it.
    kejanggalan_href: Option<String>,
}

/// `6 Desember 2026 14.05 WITA`: the place's own time zone.
fn waktu(detik: i64, zona: ZonaWaktu) -> String {
    match time::OffsetDateTime::from_unix_timestamp(detik) {
        Ok(t) => format!(
            "{} {}",
            tanggal(t.to_offset(zona.offset()).date()),
            jam(detik, zona)
        ),
        Err(_) => String::new(),
    }
}

fn saluran(sumber: &str) -> String {
    match sumber {
        "web" => crate::t("tps-saluran-web"),
        "api" => crate::t("tps-saluran-api"),
        "sms_gateway" | "http" | "sms" => crate::t("tps-saluran-sms"),
        "telegram" => crate::t("tps-saluran-telegram"),
        "demo" => crate::t("tps-saluran-demo"),
        lain => lain.to_string(),
    }
}

/// Why a revision does not count, in the page's language.
pub(crate) fn tidak_dihitung(t: &posko_storage::TidakDihitung, revisi: i32) -> String {
    let pelindung = match t.alasan.pelindung {
        Pelindung::Foto => "foto",
        Pelindung::Verifikasi => "verifikasi",
    };
    let kurang = match t.alasan.kurang {
        Kekurangan::Foto => "foto",
        Kekurangan::Alasan => "alasan",
        Kekurangan::FotoDanAlasan => "keduanya",
    };
    crate::tn(
        "tps-tidak-dihitung",
        &[
            ("revisi", &revisi),
            ("dihitung", &t.revisi_dihitung),
            ("pelindung", &pelindung),
            ("kurang", &kurang),
        ],
    )
}

/// `+3` / `−3` / `0`: official minus ours.
fn bertanda(d: i64) -> String {
    match d.signum() {
        1 => format!("+{}", ribuan(d.unsigned_abs())),
        -1 => format!("−{}", ribuan(d.unsigned_abs())),
        _ => "0".into(),
    }
}

/// The figures of a form in one line: `1: 120 · 2: 98 · sah 218 · tidak sah 7`.
fn ringkas(a: &Angka) -> String {
    let mut s: Vec<String> = a
        .suara
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{}: {}", i + 1, ribuan(*v)))
        .collect();
    s.push(format!("{} {}", crate::t("tps-sah"), ribuan(a.sah)));
    s.push(format!(
        "{} {}",
        crate::t("tps-tidak-sah"),
        ribuan(a.tidak_sah)
    ));
    s.join(" · ")
}

async fn halaman(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    let (id, tps) = crate::param::pemilihan_tps(&id, &kode)?;
    let h = s.posko.halaman_tps(&m.pengguna, id, tps).await?;
    render(susun(&m.pengguna.penugasan, h))
}

fn susun(oleh: &[posko_domain::Penugasan], h: HalamanTps) -> TpsPage {
    let id = h.pemilihan.id;
    let tps = h.tps.kode;
    let zona = h.zona;
    let nama = |t: posko_domain::Tingkat| {
        h.wilayah
            .iter()
            .find(|w| w.tingkat() == t)
            .map(|w| w.nama.clone())
            .unwrap_or_default()
    };
    let desa = nama(posko_domain::Tingkat::Desa);
    let nomor = format!("{:03}", tps.nomor().get());

    // Where it is: the election, then each region, linked where the
    // viewer may open its results.
    let mut remah = vec![Tautan {
        href: Some(format!("/pemilihan/{id}")),
        teks: h.pemilihan.nama.clone(),
    }];
    for w in &h.wilayah {
        let boleh = h.pemilihan.wilayah.mencakup(&w.kode)
            && diizinkan(oleh, Izin::LihatHasil, &Objek::Wilayah(w.kode));
        remah.push(Tautan {
            href: boleh.then(|| format!("/pemilihan/{id}/hasil/{}", w.kode)),
            teks: w.nama.clone(),
        });
    }

    let dpt = &h.tps.dpt;
    let dpt_teks = match dpt.total() {
        Some(total) => crate::tn(
            "tps-dpt-rinci",
            &[
                ("total", &ribuan(u64::from(total))),
                (
                    "laki",
                    &dpt.laki().map_or("–".into(), |v| ribuan(u64::from(v))),
                ),
                (
                    "perempuan",
                    &dpt.perempuan().map_or("–".into(), |v| ribuan(u64::from(v))),
                ),
            ],
        ),
        None => crate::t("tps-dpt-tidak-diketahui"),
    };
    let mut data = vec![
        (crate::t("tps-kode"), tps.to_string()),
        (crate::t("tps-desa"), desa.clone()),
        (
            crate::t("tps-kecamatan"),
            nama(posko_domain::Tingkat::Kecamatan),
        ),
        (
            crate::t("tps-kabupaten"),
            nama(posko_domain::Tingkat::Kabkota),
        ),
        (crate::t("tps-dpt"), dpt_teks),
    ];
    if let Some(a) = &h.tps.alamat {
        data.push((crate::t("tps-alamat"), a.clone()));
    }

    // Which revision replaced which: walking the history, a revision
    // that counted when it arrived replaced the one counting before it.
    let mut menggantikan: Vec<Option<i32>> = Vec::with_capacity(h.revisi.len());
    let mut kini: Option<i32> = None;
    for r in &h.revisi {
        if r.kiriman.tidak_dihitung.is_none() {
            menggantikan.push(kini);
            kini = Some(r.kiriman.revisi);
        } else {
            menggantikan.push(None);
        }
    }

    let mut keterangan = Vec::new();
    let mut angka = Vec::new();
    let mut resmi_catatan = None;
    let ada_resmi = h.resmi.is_some() && h.hasil.is_some();
    if let Some(hasil) = &h.hasil {
        let i = h.revisi.iter().position(|r| r.dihitung);
        let rev = hasil.revisi;
        keterangan.push(match i.and_then(|i| menggantikan[i]) {
            Some(sebelumnya) => crate::t2(
                "tps-dihitung-mengganti",
                "revisi",
                rev,
                "sebelumnya",
                sebelumnya,
            ),
            None => crate::t1("tps-dihitung-pertama", "revisi", rev),
        });
        let ditahan = h
            .revisi
            .iter()
            .filter(|r| r.kiriman.revisi > rev && r.kiriman.tidak_dihitung.is_some())
            .count();
        if ditahan > 0 {
            keterangan.push(crate::t2(
                "tps-dihitung-bertahan",
                "revisi",
                rev,
                "jumlah",
                ditahan,
            ));
        }
        let berfoto = h
            .revisi_dihitung()
            .is_some_and(|r| !r.kiriman.foto.is_empty());
        keterangan.push(crate::t(if berfoto {
            "tps-dihitung-berfoto"
        } else if hasil.status == StatusHasil::Terverifikasi {
            "tps-dihitung-terverifikasi"
        } else {
            "tps-dihitung-tanpa-foto"
        }));
        if berfoto && hasil.status == StatusHasil::Terverifikasi {
            keterangan.push(crate::t("tps-dihitung-terverifikasi"));
        }

        let a = hasil.terverifikasi.as_ref().unwrap_or(&hasil.angka);
        let r = h.resmi.as_ref();
        let mut baris = |label: String, ours: u64, theirs: Option<u64>| {
            let d = theirs.map(|t| t as i64 - ours as i64);
            angka.push(BarisAngka {
                label,
                posko: ribuan(ours),
                resmi: theirs.map(ribuan),
                selisih: d.map(bertanda),
                beda: d.is_some_and(|d| d != 0),
            });
        };
        for (i, p) in h.paslon.iter().enumerate() {
            baris(
                format!(
                    "{}. {} – {}",
                    p.nomor_urut.get(),
                    p.calon_kepala,
                    p.calon_wakil
                ),
                a.suara.get(i).copied().unwrap_or(0),
                r.map(|r| r.suara.get(i).copied().unwrap_or(0)),
            );
        }
        baris(crate::t("tps-sah"), a.sah, r.map(|r| r.sah));
        baris(
            crate::t("tps-tidak-sah"),
            a.tidak_sah,
            r.map(|r| r.tidak_sah),
        );
        baris(
            crate::t("tps-total"),
            a.sah + a.tidak_sah,
            r.map(|r| r.sah + r.tidak_sah),
        );
        let dpt = u64::from(dpt.total().unwrap_or(0));
        angka.push(BarisAngka {
            label: crate::t("tps-partisipasi"),
            posko: persen(a.sah + a.tidak_sah, dpt),
            resmi: r.map(|r| persen(r.sah + r.tidak_sah, dpt)),
            selisih: None,
            beda: false,
        });
        if r.is_some() {
            let n = angka.iter().filter(|b| b.beda).count();
            resmi_catatan = Some(if n == 0 {
                crate::t("tps-resmi-sama")
            } else {
                crate::t1("tps-resmi-beda", "jumlah", n)
            });
        }
    }
    if h.hasil.is_some() && h.resmi.is_none() {
        resmi_catatan = Some(crate::t("tps-resmi-belum"));
    }

    let status = h.hasil.as_ref().map(|x| {
        crate::t(match x.status {
            StatusHasil::Masuk => "tps-status-masuk",
            StatusHasil::Terverifikasi => "tps-status-terverifikasi",
            StatusHasil::Bermasalah => "tps-status-bermasalah",
            StatusHasil::PerluFoto => "rekap-status-perlu-foto",
        })
    });
    let dibaca = h.hasil.as_ref().map(|_| {
        crate::t2(
            "tps-dibaca",
            "jumlah",
            h.jumlah_bacaan,
            "perlu",
            posko_app::BACAAN_PERLU,
        )
    });
    let mut bacaan_kepala: Vec<String> = h
        .paslon
        .iter()
        .map(|p| p.nomor_urut.get().to_string())
        .collect();
    bacaan_kepala.push(crate::t("tps-sah"));
    bacaan_kepala.push(crate::t("tps-tidak-sah"));
    let saksi_angka = h
        .hasil
        .as_ref()
        .map(|x| x.angka.clone())
        .unwrap_or_default();
    let bacaan = h.bacaan.as_ref().map(|semua| {
        semua
            .iter()
            .map(|b| {
                let mut sel: Vec<SelBacaan> = (0..h.paslon.len())
                    .map(|i| {
                        let v = b.angka.suara.get(i).copied().unwrap_or(0);
                        SelBacaan {
                            nilai: ribuan(v),
                            beda: v != saksi_angka.suara.get(i).copied().unwrap_or(0),
                        }
                    })
                    .collect();
                sel.push(SelBacaan {
                    nilai: ribuan(b.angka.sah),
                    beda: b.angka.sah != saksi_angka.sah,
                });
                sel.push(SelBacaan {
                    nilai: ribuan(b.angka.tidak_sah),
                    beda: b.angka.tidak_sah != saksi_angka.tidak_sah,
                });
                BarisBacaan {
                    pembaca: b.verifier.clone(),
                    waktu: waktu(b.waktu, zona),
                    putusan: b.putusan,
                    sel,
                }
            })
            .collect()
    });

    // Newest first: what changed last is what people look for.
    let bahasa = crate::bahasa::Bahasa::kini();
    let revisi = h
        .revisi
        .iter()
        .rev()
        .map(|r| {
            let k = &r.kiriman;
            let nama = match &r.nama_pengirim {
                Some(n) if *n != k.pengirim => format!("{n} ({})", k.pengirim),
                _ => k.pengirim.clone(),
            };
            let foto_dasar =
                |hash: &str| format!("/pemilihan/{id}/tps/{}/foto/{hash}", tps.undotted());
            RevisiView {
                judul: crate::t1("tps-revisi", "revisi", k.revisi),
                lencana: crate::t(if r.dihitung {
                    "tps-lencana-dihitung"
                } else if k.tidak_dihitung.is_some() {
                    "tps-lencana-tidak-dihitung"
                } else {
                    "tps-lencana-digantikan"
                }),
                dihitung: r.dihitung,
                oleh: Tautan {
                    href: r
                        .boleh_buka_pengirim
                        .then(|| format!("/pengguna/akun/{}", k.pengirim)),
                    teks: nama,
                },
                waktu: waktu(k.waktu, zona),
                saluran: saluran(&k.sumber),
                alasan: k.alasan.clone(),
                angka: ringkas(&Angka::dari_formulir(&k.formulir)),
                foto: k
                    .foto
                    .iter()
                    .enumerate()
                    .map(|(i, f)| FotoView {
                        href: foto_dasar(f),
                        alt: crate::tn(
                            "tps-foto-alt",
                            &[
                                ("tps", &tps.to_string()),
                                ("revisi", &k.revisi),
                                ("nomor", &(i + 1)),
                            ],
                        ),
                    })
                    .collect(),
                temuan: r
                    .temuan
                    .iter()
                    .map(|t| match bahasa {
                        crate::bahasa::Bahasa::Id => t.pesan.clone(),
                        crate::bahasa::Bahasa::En => t.english().to_string(),
                    })
                    .collect(),
                tidak_dihitung: k
                    .tidak_dihitung
                    .as_ref()
                    .map(|t| tidak_dihitung(t, k.revisi)),
            }
        })
        .collect();

    let checkin = h
        .checkin
        .iter()
        .map(|c| {
            crate::t2(
                "tps-checkin-baris",
                "waktu",
                waktu(c.waktu, zona),
                "oleh",
                c.pengirim.as_str(),
            )
        })
        .collect();
    let insiden = h
        .insiden
        .iter()
        .map(|i| InsidenView {
            waktu: waktu(i.waktu, zona),
            kategori: crate::hari_h::label_kategori(&i.kategori),
            teks: i.teks.clone(),
            oleh: i.pengirim.clone(),
        })
        .collect();
    let saksi: Vec<SaksiView> = h
        .saksi
        .iter()
        .map(|x| SaksiView {
            nama: Tautan {
                href: x
                    .boleh_buka
                    .then(|| format!("/pengguna/akun/{}", x.username)),
                teks: format!("{} ({})", x.nama, x.username),
            },
            peran: crate::t(if x.utama {
                "tps-saksi-utama"
            } else {
                "tps-saksi-cadangan"
            }),
            telepon: x.telepon.as_ref().map(|t| TeleponView {
                tel: format!("tel:{}", t.as_str()),
                wa: format!("https://wa.me/{}", t.as_str().trim_start_matches('+')),
                tampil: t.lokal_berkelompok(),
            }),
        })
        .collect();
    let telepon_tersembunyi = !saksi.is_empty() && saksi.iter().all(|x| x.telepon.is_none());

    TpsPage {
        judul: crate::t2("tps-judul", "nomor", nomor, "desa", desa),
        remah,
        data,
        kirim_href: diizinkan(oleh, Izin::IsianHasil, &Objek::Tps(tps))
            .then(|| format!("{}/kirim", href(id, tps))),
        keterangan,
        angka,
        ada_resmi,
        resmi_catatan,
        status,
        dibaca,
        sengketa_href: h
            .hasil
            .as_ref()
            .filter(|x| {
                x.status == StatusHasil::Bermasalah
                    && diizinkan(oleh, Izin::KelolaPemilihan, &Objek::Global)
            })
            .map(|_| format!("/verifikasi/{id}/tps/{}/sengketa", tps.undotted())),
        bacaan_kepala,
        bacaan,
        revisi,
        checkin,
        insiden,
        saksi,
        telepon_tersembunyi,
        kejanggalan: h
            .kejanggalan
            .iter()
            .map(|i| crate::kejanggalan::ringkas(i, zona))
            .collect(),
        kejanggalan_href: diizinkan(oleh, Izin::LihatKejanggalan, &Objek::Wilayah(tps.desa()))
            .then(|| format!("/pemilihan/{id}/kejanggalan/{}?status=semua", tps.desa())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_carry_their_sign() {
        assert_eq!(bertanda(3), "+3");
        assert_eq!(bertanda(-1234), "−1.234");
        assert_eq!(bertanda(0), "0");
    }
}
