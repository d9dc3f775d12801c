//! Tabulation: live totals of an election by region (page, JSON and
//! server-sent events), read from the incrementally kept totals.

use askama::Template;
use axum::Extension;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use posko_app::RekapView;
use posko_domain::Tingkat;
use posko_storage::{Angka, RekapHasil, StatusHasil};

use crate::auth::{Kebijakan, Pengunjung, Sasaran, masuk};
use crate::ekspor::{Berkas, Tautan};
use crate::error::{ApiError, PageError};
use crate::format::{persen, ribuan};
use crate::pages::render;
use crate::{AppState, Rutes};

pub fn routes(r: Rutes) -> Rutes {
    use Kebijakan::*;
    let lihat_wilayah = Izin(posko_domain::Izin::LihatHasil, Sasaran::Wilayah);
    let lihat_pemilihan = Izin(posko_domain::Izin::LihatHasil, Sasaran::Pemilihan);
    r.add(
        "GET",
        "/pemilihan/{id}/hasil",
        "/pemilihan/{id}/hasil",
        lihat_pemilihan,
        get(rekap_awal),
    )
    .add(
        "GET",
        "/pemilihan/{id}/hasil/{kode}",
        "/pemilihan/{id}/hasil/31.71",
        lihat_wilayah,
        get(rekap_page),
    )
    .add(
        "GET",
        "/pemilihan/{id}/hasil/{kode}/xlsx",
        "/pemilihan/{id}/hasil/31.71/xlsx",
        lihat_wilayah,
        get(rekap_unduh),
    )
    .add(
        "GET",
        "/pemilihan/{id}/hasil/{kode}/pdf",
        "/pemilihan/{id}/hasil/31.71/pdf",
        lihat_wilayah,
        get(rekap_unduh),
    )
    .add(
        "GET",
        "/pemilihan/{id}/hasil/{kode}/langsung",
        "/pemilihan/{id}/hasil/31.71/langsung",
        lihat_wilayah,
        get(langsung),
    )
    .add(
        "GET",
        "/api/v1/pemilihan/{id}/rekap/{kode}",
        "/api/v1/pemilihan/{id}/rekap/31.71",
        lihat_wilayah,
        get(api_rekap),
    )
}

/// Live totals of a region and of each region one level down (or of each
/// TPS at desa level): TPS in, votes per paslon, verified figures apart.
#[utoipa::path(
    get, path = "/api/v1/pemilihan/{id}/rekap/{kode}",
    params(("id" = String, Path, description = "Id pemilihan"), ("kode" = String, Path, description = "Kode wilayah: 32.73")),
    responses((status = 200, description = "{wilayah, jumlah_tps, rekap, aturan, menang, anak, tps}: `aturan` is the win rule in force ({aturan, dipilih, tidak_cocok, jumlah_kolom}); `menang` applies it to these totals ({kode, tps_belum, status: {aturan, putusan: {jenis: belum_ada|menang|putaran_kedua|pemilihan_ulang|seri, kolom…}, unggul, sah, batas_suara, selisih_suara, selisih_poin, sisa_maks, pasti}}), columns counted from 0 = nomor urut 1, for calon_tunggal column 1 = the blank box; `pasti` is true only when no fill of the TPS not yet in (each at most DPT + 2.5 %, ≤ 600) changes `putusan`"), (status = 404, body = crate::error::ErrorBody))
)]
pub(crate) async fn api_rekap(
    State(s): State<AppState>,
    Path((id, kode)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let v = s.posko.rekap_view(id, Some(kode)).await?;
    Ok(Json(serde_json::json!({
        "wilayah": v.wilayah,
        "jumlah_tps": v.jumlah_tps,
        "rekap": v.rekap,
        "aturan": v.aturan,
        "menang": v.menang,
        "anak": v.anak.iter().zip(&v.menang_anak).map(|((w, r, n), m)| serde_json::json!({"wilayah": w, "jumlah_tps": n, "rekap": r, "menang": m})).collect::<Vec<_>>(),
        "tps": v.tps,
    }))
    .into_response())
}

// ------------------------------------------------------------ tabulation

/// How often an open results page looks for new totals while word of
/// changes is not heard (the listener is down). Read from the database
/// (one indexed row), so it works the same with many servers.
const LANGSUNG_JEDA: std::time::Duration = std::time::Duration::from_secs(2);

/// While word of changes is heard (`NOTIFY` on PostgreSQL, in-process on
/// SQLite) a page looks when a result under its region counts, and at
/// least this often for changes no word is sent for (verification).
const LANGSUNG_CADANGAN: std::time::Duration = std::time::Duration::from_secs(15);

/// The least time between two looks of one page: a burst of results costs
/// each open page a few reads a second, not one per result.
const LANGSUNG_RAPAT: std::time::Duration = std::time::Duration::from_millis(250);

/// How often an open stream asks again whether its viewer may still
/// watch (session or token valid, account active, role still covering the
/// region): a revoked or disabled viewer's stream ends within this, plus
/// one [`LANGSUNG_JEDA`].
const LANGSUNG_PERIKSA: std::time::Duration = std::time::Duration::from_secs(10);

/// Server-sent events: an `rekap` event with the region's totals whenever
/// they change (and once at the start), looked up when word comes that a
/// result under the region counts, from any server ([`LANGSUNG_CADANGAN`]),
/// or every [`LANGSUNG_JEDA`] while no word can be heard. The stream ends when its viewer's
/// session or token is revoked, the account disabled, or the permission
/// to see this region's results taken away.
async fn langsung(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
) -> Result<Response, PageError> {
    use axum::response::sse::{Event, KeepAlive, Sse};
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let paslon = s.posko.pemilihan_view(id).await?.paslon.len();
    struct Keadaan {
        posko: posko_app::Posko,
        m: posko_app::Masuk,
        last: Option<String>,
        diperiksa: std::time::Instant,
        pertama: bool,
        mundur: posko_app::latar::Mundur,
        kabar: tokio::sync::broadcast::Receiver<posko_storage::Kabar>,
        dilihat: std::time::Instant,
    }
    let awal = Keadaan {
        kabar: s.posko.dengar_kabar(),
        dilihat: std::time::Instant::now(),
        posko: s.posko.clone(),
        m,
        last: None,
        diperiksa: std::time::Instant::now(),
        pertama: true,
        mundur: posko_app::latar::Mundur::new(LANGSUNG_JEDA, std::time::Duration::from_secs(60)),
    };
    let stream = futures::stream::unfold(awal, move |mut k| async move {
        loop {
            if !k.pertama {
                let batas = if k.posko.kabar_hidup() {
                    LANGSUNG_CADANGAN
                } else {
                    LANGSUNG_JEDA
                };
                let _ = tokio::time::timeout(batas, tunggu_kabar(&mut k.kabar, id, kode)).await;
                let sela = k.dilihat.elapsed();
                if sela < LANGSUNG_RAPAT {
                    tokio::time::sleep(LANGSUNG_RAPAT - sela).await;
                }
            }
            k.pertama = false;
            k.dilihat = std::time::Instant::now();
            if k.diperiksa.elapsed() >= LANGSUNG_PERIKSA {
                k.diperiksa = std::time::Instant::now();
                match k.posko.periksa_ulang(&k.m).await {
                    Ok(Some(baru))
                        if posko_domain::diizinkan(
                            &baru.pengguna.penugasan,
                            posko_domain::Izin::LihatHasil,
                            &posko_domain::Objek::Wilayah(kode),
                        ) =>
                    {
                        k.m = baru;
                    }
                    Ok(_) => return None,
                    // A database that does not answer cannot vouch for
                    // the viewer either: end, the page reconnects.
                    Err(e) => {
                        posko_app::redam::peringatan(
                            "rekap langsung: sesi",
                            e.jenis(),
                            &e.to_string(),
                        );
                        return None;
                    }
                }
            }
            let now = match k.posko.rekap_wilayah(id, kode, paslon).await {
                Ok(r) => {
                    k.mundur.berhasil();
                    serde_json::to_string(&r).unwrap_or_default()
                }
                Err(e) => {
                    // On top of the usual pause: a failing database is
                    // asked less and less often by each open page.
                    let tunggu = k.mundur.gagal();
                    posko_app::redam::peringatan("rekap langsung", e.jenis(), &e.to_string());
                    tokio::time::sleep(tunggu).await;
                    continue;
                }
            };
            if k.last.as_deref() != Some(now.as_str()) {
                let ev = Event::default().event("rekap").data(now.clone());
                k.last = Some(now);
                return Some((Ok::<_, std::convert::Infallible>(ev), k));
            }
        }
    });
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}

/// Waits for word that something under `kode` in election `id` may have
/// changed: a result there, the listener (re)connecting or dropping, or
/// news missed.
async fn tunggu_kabar(
    rx: &mut tokio::sync::broadcast::Receiver<posko_storage::Kabar>,
    id: uuid::Uuid,
    kode: posko_domain::KodeWilayah,
) {
    use posko_storage::Kabar;
    use tokio::sync::broadcast::error::RecvError;
    loop {
        match rx.recv().await {
            Ok(Kabar::Hasil { pemilihan_id, tps }) => {
                if pemilihan_id == id && kode.mencakup(&tps.desa()) {
                    return;
                }
            }
            Ok(Kabar::Tersambung | Kabar::Terputus) | Err(RecvError::Lagged(_)) => return,
            // No sender left: only the timeout ends the wait.
            Err(RecvError::Closed) => std::future::pending::<()>().await,
        }
    }
}

async fn rekap_awal(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let v = s.posko.pemilihan_view(id).await?;
    // Start where the person may look: the whole election, their own
    // territory inside it, or (a saksi) their TPS's form.
    if crate::auth::sees(&m, &v.pemilihan.wilayah) {
        let target = v.pemilihan.wilayah;
        return Ok(Redirect::to(&format!("/pemilihan/{id}/hasil/{target}")).into_response());
    }
    let mut tps_saya = None;
    for t in &m.pengguna.penugasan {
        match t.cakupan {
            posko_domain::Cakupan::Wilayah(w) if v.pemilihan.wilayah.mencakup(&w) => {
                return Ok(Redirect::to(&format!("/pemilihan/{id}/hasil/{w}")).into_response());
            }
            posko_domain::Cakupan::Tps(t) if v.pemilihan.wilayah.mencakup(&t.desa()) => {
                tps_saya.get_or_insert(t);
            }
            _ => {}
        }
    }
    let target = tps_saya
        .ok_or_else(|| PageError(StatusCode::FORBIDDEN, crate::t("rekap-tidak-berwenang")))?;
    Ok(Redirect::to(&format!("/pemilihan/{id}/tps/{}/kirim", target.undotted())).into_response())
}

struct KolomPaslon {
    nama: String,
}

struct SelPaslon {
    suara: String,
    persen: String,
}

struct BarisRekap {
    nama: String,
    href: Option<String>,
    tps: String,
    paslon: Vec<SelPaslon>,
    sah: String,
    tidak_sah: String,
    partisipasi: String,
    status: String,
}

struct Kepala {
    nomor: u8,
    nama: String,
    suara: String,
    persen: String,
    /// The share of valid votes as a bar on a 0–100 % scale, in the
    /// paslon's colour.
    batang: String,
}

#[derive(Template)]
#[template(path = "rekap.html")]
struct RekapPage {
    judul: String,
    /// When these figures were read, in the region's own zone: the page
    /// refreshes itself, and says so.
    diperbarui: String,
    selisih_href: Option<String>,
    pantau_href: Option<String>,
    ruang_href: Option<String>,
    /// The disputes list of this region, for those who settle disputes.
    bermasalah_href: Option<String>,
    /// The review queue of this region with its open flags, for those who
    /// may open it.
    kejanggalan: Option<(String, String)>,
    langsung: String,
    remah: Vec<crate::pages::Remah>,
    kepala: Vec<Kepala>,
    selisih: String,
    tps_masuk: String,
    terverifikasi: String,
    bermasalah: String,
    bertanda: String,
    /// The flagged TPS behind `bertanda` (the watch page's list).
    bertanda_href: Option<String>,
    partisipasi: String,
    kolom: Vec<KolomPaslon>,
    baris: Vec<BarisRekap>,
    tingkat_anak: String,
    unduh: Tautan,
    /// The win rule, the decision it gives, and whether it is settled.
    menang: crate::menang::KartuMenang,
}

fn sel(a: &Angka) -> Vec<SelPaslon> {
    a.suara
        .iter()
        .map(|v| SelPaslon {
            suara: ribuan(*v),
            persen: persen(*v, a.sah),
        })
        .collect()
}

fn partisipasi(r: &RekapHasil) -> String {
    persen(r.angka.sah + r.angka.tidak_sah, r.dpt_masuk)
}

async fn rekap_page(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
) -> Result<Html<String>, PageError> {
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    // Links to the rooms around the results, each only for those it lets in.
    let m = masuk(p)?;
    let params = [("id", id.to_string()), ("kode", kode.to_string())];
    let tautan = async |pola: &str| crate::menu::tautan(&s, &m, pola, &params).await;
    let selisih_href = tautan("/pemilihan/{id}/selisih/{kode}").await;
    let pantau_href = tautan("/pemilihan/{id}/pantau/{kode}").await;
    let ruang_href = tautan("/pemilihan/{id}/ruang/{kode}").await;
    let bertanda_href = tautan("/pemilihan/{id}/pantau/{kode}/tps")
        .await
        .map(|h| format!("{h}?saring=bertanda"));
    let bermasalah_href = tautan("/verifikasi/{id}/sengketa")
        .await
        .map(|h| format!("{h}?wilayah={kode}"));
    let kejanggalan = match tautan("/pemilihan/{id}/kejanggalan/{kode}").await {
        Some(h) => s
            .posko
            .hitung_kejanggalan_terbuka(&m.pengguna, id, kode)
            .await?
            .map(|n| (h, ribuan(n as u64))),
        None => None,
    };
    let v: RekapView = s.posko.rekap_view(id, Some(kode)).await?;
    let r = &v.rekap;
    let mut urut: Vec<(usize, u64)> = r.angka.suara.iter().copied().enumerate().collect();
    urut.sort_by_key(|x| std::cmp::Reverse(x.1));
    let selisih = match (urut.first(), urut.get(1)) {
        (Some(a), Some(b)) if r.angka.sah > 0 => crate::tn(
            "rekap-selisih",
            &[
                ("a", &(a.0 + 1)),
                ("b", &(b.0 + 1)),
                ("suara", &ribuan(a.1 - b.1)),
                (
                    "poin",
                    &persen(a.1 - b.1, r.angka.sah)
                        .trim_end_matches(" %")
                        .to_string(),
                ),
            ],
        ),
        _ => crate::t("rekap-belum-ada-suara"),
    };
    let kepala = v
        .paslon
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let suara = r.angka.suara.get(i).copied().unwrap_or(0);
            Kepala {
                nomor: p.nomor_urut.get(),
                nama: format!("{} – {}", p.calon_kepala, p.calon_wakil),
                suara: ribuan(suara),
                persen: persen(suara, r.angka.sah),
                batang: crate::ruang::grafik::batang_porsi(
                    u32::from(p.nomor_urut.get()),
                    if r.angka.sah == 0 {
                        0.0
                    } else {
                        suara as f64 / r.angka.sah as f64
                    },
                    &persen(suara, r.angka.sah),
                ),
            }
        })
        .collect();
    let status = |h: &posko_storage::HasilTps| {
        let s = crate::t(match h.status {
            StatusHasil::Masuk => "rekap-status-masuk",
            StatusHasil::Terverifikasi => "rekap-status-terverifikasi",
            StatusHasil::Bermasalah => "rekap-status-bermasalah",
            StatusHasil::PerluFoto => "rekap-status-perlu-foto",
        });
        if h.jumlah_temuan > 0 {
            crate::t2(
                "rekap-status-temuan",
                "status",
                s,
                "jumlah",
                h.jumlah_temuan,
            )
        } else {
            s
        }
    };
    let baris = if v.wilayah.kode.tingkat() == Tingkat::Desa {
        v.tps
            .iter()
            .map(|h| {
                let a = h.terverifikasi.as_ref().unwrap_or(&h.angka);
                BarisRekap {
                    nama: format!("TPS {:03}", h.tps.nomor().get()),
                    href: Some(crate::tps::href(id, h.tps)),
                    tps: crate::t1("rekap-revisi", "n", h.revisi.to_string()),
                    paslon: sel(a),
                    sah: ribuan(a.sah),
                    tidak_sah: ribuan(a.tidak_sah),
                    partisipasi: persen(a.sah + a.tidak_sah, h.dpt),
                    status: status(h),
                }
            })
            .collect()
    } else {
        v.anak
            .iter()
            .map(|(w, r, n)| BarisRekap {
                nama: w.nama.clone(),
                href: Some(format!("/pemilihan/{id}/hasil/{}", w.kode)),
                tps: format!("{} / {}", ribuan(r.tps_masuk), ribuan(*n)),
                paslon: sel(&r.angka),
                sah: ribuan(r.angka.sah),
                tidak_sah: ribuan(r.angka.tidak_sah),
                partisipasi: partisipasi(r),
                status: format!("{} terverifikasi", ribuan(r.tps_terverifikasi)),
            })
            .collect()
    };
    let mut remah: Vec<crate::pages::Remah> = v
        .leluhur
        .iter()
        .map(|w| crate::pages::Remah {
            href: format!("/pemilihan/{id}/hasil/{}", w.kode),
            nama: w.nama.clone(),
        })
        .collect();
    remah.insert(
        0,
        crate::pages::Remah {
            href: format!("/pemilihan/{id}"),
            nama: v.pemilihan.nama.clone(),
        },
    );
    render(RekapPage {
        diperbarui: crate::format::jam(
            time::OffsetDateTime::now_utc().unix_timestamp(),
            posko_domain::ZonaWaktu::dari_wilayah(&v.wilayah.kode),
        ),
        judul: v.wilayah.nama.clone(),
        selisih_href,
        bermasalah_href,
        kejanggalan,
        langsung: format!("/pemilihan/{id}/hasil/{}/langsung", v.wilayah.kode),
        pantau_href,
        ruang_href,
        remah,
        kepala,
        selisih,
        tps_masuk: format!(
            "{} / {} ({})",
            ribuan(r.tps_masuk),
            ribuan(v.jumlah_tps),
            persen(r.tps_masuk, v.jumlah_tps)
        ),
        terverifikasi: format!(
            "{} ({})",
            ribuan(r.tps_terverifikasi),
            persen(r.tps_terverifikasi, r.tps_masuk)
        ),
        bermasalah: ribuan(r.tps_bermasalah),
        bertanda: ribuan(r.tps_bertanda),
        bertanda_href,
        partisipasi: partisipasi(r),
        kolom: v
            .paslon
            .iter()
            .map(|p| KolomPaslon {
                nama: format!("{:02}", p.nomor_urut.get()),
            })
            .chain(
                // A calon tunggal's blank box, a column of its own.
                (v.aturan.jumlah_kolom > v.paslon.len()).then(|| KolomPaslon {
                    nama: crate::t("menang-kolom-kosong"),
                }),
            )
            .collect(),
        menang: crate::menang::kartu(&v.aturan, &v.menang, &v.paslon),
        baris,
        unduh: Tautan::new(&format!("/pemilihan/{id}/hasil/{}", v.wilayah.kode), ""),
        tingkat_anak: match v.wilayah.kode.tingkat() {
            Tingkat::Provinsi => "Kabupaten/kota",
            Tingkat::Kabkota => "Kecamatan",
            Tingkat::Kecamatan => "Desa/kelurahan",
            Tingkat::Desa => "TPS",
        }
        .into(),
    })
}

// ------------------------------------------------------------ downloads

/// The tabulation table of the page, as a file: the same view, the same
/// rows (the route checked `{kode}` against the viewer's scope).
async fn rekap_unduh(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    Path((id, kode)): Path<(String, String)>,
    berkas: Berkas,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let id = crate::param::pemilihan(&id)?;
    let kode = crate::param::wilayah(&kode)?;
    let v = s.posko.rekap_view(id, Some(kode)).await?;
    let mut t = crate::ekspor::tabel(&m, posko_domain::ZonaWaktu::dari_wilayah(&kode));
    tabel_rekap(&mut t, &v);
    crate::ekspor::unduhan(t, berkas, &format!("rekap-{kode}")).await
}

/// Fills `t` with the tabulation of `v`: a row per region one level down
/// (per TPS at desa level) with its votes per paslon, and the region's
/// own totals as the total row. Also the table of the war room's report.
pub(crate) fn tabel_rekap(t: &mut posko_app::laporan::Tabel, v: &RekapView) {
    use posko_app::laporan::{JenisKolom as J, Kolom, Sel};
    let r = &v.rekap;
    let desa = v.wilayah.kode.tingkat() == Tingkat::Desa;
    t.judul = crate::t1("ekspor-rekap-judul", "nama", v.wilayah.nama.clone());
    t.subjudul = format!(
        "{} · {} ({})",
        v.pemilihan.nama, v.wilayah.nama, v.wilayah.kode
    );
    t.catatan = vec![crate::t("ekspor-rekap-catatan")];
    let pertama = match v.wilayah.kode.tingkat().child() {
        Some(anak) => crate::peta::label_tingkat(anak),
        None => "TPS".into(),
    };
    let mut kolom = vec![
        Kolom::new(pertama, J::Teks),
        Kolom::new(crate::t("ekspor-kolom-kode"), J::Kode),
    ];
    if desa {
        kolom.push(Kolom::new(crate::t("ekspor-kolom-revisi"), J::Bulat));
    } else {
        kolom.push(Kolom::new(crate::t("ekspor-kolom-tps-masuk"), J::Bulat));
        kolom.push(Kolom::new(crate::t("ekspor-kolom-jumlah-tps"), J::Bulat));
    }
    for p in &v.paslon {
        kolom.push(Kolom::new(
            format!("{:02} {}", p.nomor_urut.get(), p.calon_kepala),
            J::Bulat,
        ));
    }
    kolom.push(Kolom::new(crate::t("ekspor-kolom-sah"), J::Bulat));
    kolom.push(Kolom::new(crate::t("ekspor-kolom-tidak-sah"), J::Bulat));
    kolom.push(Kolom::new(crate::t("ekspor-kolom-partisipasi"), J::Persen));
    kolom.push(if desa {
        Kolom::new(crate::t("ekspor-kolom-status"), J::Teks)
    } else {
        Kolom::new(crate::t("ekspor-kolom-terverifikasi"), J::Bulat)
    });
    let n = v.paslon.len();
    let suara = |a: &Angka| -> Vec<Sel> {
        (0..n)
            .map(|i| Sel::Bulat(a.suara.get(i).copied().unwrap_or(0)))
            .collect()
    };
    t.baris = if desa {
        v.tps
            .iter()
            .map(|h| {
                let a = h.terverifikasi.as_ref().unwrap_or(&h.angka);
                let mut b = vec![
                    Sel::Teks(format!("TPS {:03}", h.tps.nomor().get())),
                    Sel::Teks(h.tps.to_string()),
                    Sel::Bulat(u64::try_from(h.revisi).unwrap_or(0)),
                ];
                b.extend(suara(a));
                b.push(Sel::Bulat(a.sah));
                b.push(Sel::Bulat(a.tidak_sah));
                b.push(Sel::rasio(a.sah + a.tidak_sah, h.dpt));
                b.push(Sel::Teks(
                    match h.status {
                        StatusHasil::Masuk => "masuk",
                        StatusHasil::Terverifikasi => "terverifikasi",
                        StatusHasil::Bermasalah => "bermasalah",
                        StatusHasil::PerluFoto => "perlu_foto",
                    }
                    .into(),
                ));
                b
            })
            .collect()
    } else {
        v.anak
            .iter()
            .map(|(w, r, jumlah)| {
                let mut b = vec![
                    Sel::Teks(w.nama.clone()),
                    Sel::Teks(w.kode.to_string()),
                    Sel::Bulat(r.tps_masuk),
                    Sel::Bulat(*jumlah),
                ];
                b.extend(suara(&r.angka));
                b.push(Sel::Bulat(r.angka.sah));
                b.push(Sel::Bulat(r.angka.tidak_sah));
                b.push(Sel::rasio(r.angka.sah + r.angka.tidak_sah, r.dpt_masuk));
                b.push(Sel::Bulat(r.tps_terverifikasi));
                b
            })
            .collect()
    };
    let mut total = vec![
        Sel::Teks(crate::t("ekspor-jumlah")),
        Sel::Teks(v.wilayah.kode.to_string()),
    ];
    if desa {
        total.push(Sel::Kosong);
    } else {
        total.push(Sel::Bulat(r.tps_masuk));
        total.push(Sel::Bulat(v.jumlah_tps));
    }
    total.extend(suara(&r.angka));
    total.push(Sel::Bulat(r.angka.sah));
    total.push(Sel::Bulat(r.angka.tidak_sah));
    total.push(Sel::rasio(r.angka.sah + r.angka.tidak_sah, r.dpt_masuk));
    total.push(if desa {
        Sel::Kosong
    } else {
        Sel::Bulat(r.tps_terverifikasi)
    });
    t.kolom = kolom;
    t.total = Some(total);
}
