//! Importing a voter list (DPT) from the browser. A province's DPT is
//! gigabytes, so the upload is streamed to a private temporary file (never
//! held in memory), the import runs as a background task of this server
//! process, and its progress is pushed to the page over server-sent events.
//! The page also works without JavaScript: it reloads itself until done.
//!
//! A job lives in the process that received the upload; behind several
//! servers the progress page needs the same server (sticky sessions), and a
//! restart mid-import loses the job but not data (the load is one
//! transaction that never committed).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use askama::Template;
use axum::Extension;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use posko_app::{Aktor, EncodingChoice, ImportRequest, KemajuanDpt, Posko};
use serde::Serialize;
use tokio::io::AsyncWriteExt;
use tokio::sync::watch;
use uuid::Uuid;

use crate::auth::{Kebijakan, Pengunjung, Sasaran, form_ditolak, masuk, same_origin};
use crate::error::PageError;
use crate::format::ribuan;
use crate::pages::render;
use crate::{AppState, Rutes, t, t1, t2};

/// Largest DPT upload: West Java's 35 M voters are about 5 GB of CSV.
const BODY_LIMIT_DPT: usize = 16 * 1024 * 1024 * 1024;
/// How long a finished job's report stays readable.
const SIMPAN_SELESAI: Duration = Duration::from_secs(6 * 3600);
/// Problems shown on the page; the rest are counted.
const MASALAH_DITAMPILKAN: usize = 100;

pub fn routes(r: Rutes) -> Rutes {
    let impor = Kebijakan::Izin(posko_domain::Izin::ImporData, Sasaran::Global);
    r.add("GET", "/impor/dpt", "/impor/dpt", impor, get(formulir))
        .add_dengan_batas(
            "POST",
            "/impor/dpt",
            "/impor/dpt",
            impor,
            BODY_LIMIT_DPT,
            post(unggah),
        )
        .add(
            "GET",
            "/impor/dpt/{id}",
            "/impor/dpt/0192b3c4-0000-7000-8000-000000000000",
            impor,
            get(halaman_pekerjaan),
        )
        .add(
            "GET",
            "/impor/dpt/{id}/kemajuan",
            "/impor/dpt/0192b3c4-0000-7000-8000-000000000000/kemajuan",
            impor,
            get(kemajuan_sse),
        )
}

/// What the page and the event stream show of a job.
#[derive(Debug, Clone, Default, Serialize)]
struct Keadaan {
    baris: u64,
    masalah: u64,
    detik: f64,
    selesai: bool,
    diterapkan: bool,
    ringkasan: String,
    contoh_masalah: Vec<String>,
    catatan: Vec<String>,
}

struct Pekerjaan {
    berkas: String,
    ukuran: u64,
    oleh: String,
    mulai: Instant,
    keadaan: watch::Receiver<Keadaan>,
}

/// The DPT imports this process runs or ran lately.
#[derive(Default)]
pub(crate) struct DaftarImpor {
    pekerjaan: Mutex<HashMap<Uuid, Arc<Pekerjaan>>>,
}

impl DaftarImpor {
    fn get(&self, id: Uuid) -> Option<Arc<Pekerjaan>> {
        self.pekerjaan.lock().expect("lock").get(&id).cloned()
    }

    /// Registers a job unless another is still running: two loads would
    /// fight over the single SQLite writer and over the same TPS sets.
    fn daftar(&self, id: Uuid, p: Pekerjaan) -> Result<(), Arc<Pekerjaan>> {
        let mut map = self.pekerjaan.lock().expect("lock");
        map.retain(|_, j| !j.keadaan.borrow().selesai || j.mulai.elapsed() < SIMPAN_SELESAI);
        if let Some(jalan) = map.values().find(|j| !j.keadaan.borrow().selesai) {
            return Err(jalan.clone());
        }
        map.insert(id, Arc::new(p));
        Ok(())
    }

    fn terbaru(&self) -> Vec<(Uuid, Arc<Pekerjaan>)> {
        let map = self.pekerjaan.lock().expect("lock");
        let mut v: Vec<_> = map.iter().map(|(k, j)| (*k, j.clone())).collect();
        v.sort_by_key(|(_, j)| std::cmp::Reverse(j.mulai));
        v
    }
}

struct BarisPekerjaan {
    href: String,
    berkas: String,
    oleh: String,
    status: String,
}

#[derive(Template)]
#[template(path = "impor_dpt.html")]
struct FormulirPage {
    csrf: String,
    pesan: Option<String>,
    pekerjaan: Vec<BarisPekerjaan>,
}

#[derive(Template)]
#[template(path = "impor_dpt_jalan.html")]
struct PekerjaanPage {
    berkas: String,
    ukuran: String,
    oleh: String,
    sumber: String,
    k: Keadaan,
    baris: String,
    laju: String,
    masalah_lain: u64,
}

fn status_singkat(k: &Keadaan) -> String {
    match (k.selesai, k.diterapkan) {
        (false, _) => t1("impor-dpt-status-berjalan", "baris", ribuan(k.baris)),
        (true, true) => t1("impor-dpt-status-selesai", "baris", ribuan(k.baris)),
        (true, false) => t1("impor-dpt-status-gagal", "masalah", ribuan(k.masalah)),
    }
}

async fn formulir(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
) -> Result<Html<String>, PageError> {
    let m = masuk(p)?;
    halaman_formulir(&s, m.sesi.csrf, None)
}

fn halaman_formulir(
    s: &AppState,
    csrf: String,
    pesan: Option<String>,
) -> Result<Html<String>, PageError> {
    let pekerjaan = s
        .impor
        .terbaru()
        .into_iter()
        .map(|(id, j)| BarisPekerjaan {
            href: format!("/impor/dpt/{id}"),
            berkas: j.berkas.clone(),
            oleh: j.oleh.clone(),
            status: status_singkat(&j.keadaan.borrow()),
        })
        .collect();
    render(FormulirPage {
        csrf,
        pesan,
        pekerjaan,
    })
}

/// Keeps a browser-sent file name safe as a path component, and its
/// extension, by which the importer picks CSV or spreadsheet.
fn nama_aman(name: &str) -> String {
    let safe: String = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.trim_matches('.').is_empty() {
        "dpt.csv".into()
    } else {
        safe
    }
}

/// `?csrf=`: the token in the address, for scripts that stream a file.
#[derive(serde::Deserialize)]
struct TokenQ {
    csrf: Option<String>,
}

/// The header scripts may carry the token in instead.
const HEADER_TOKEN: &str = "x-csrf-token";

async fn unggah(
    State(s): State<AppState>,
    Extension(p): Extension<Pengunjung>,
    headers: HeaderMap,
    Query(q): Query<TokenQ>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let m = masuk(p)?;
    let bad = |msg: String| PageError(StatusCode::BAD_REQUEST, msg);
    let internal = |e: std::io::Error| PageError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    // The token is checked before a byte of the file is written: from the
    // header or the address before the body is read at all, else from the
    // form's first field (the page puts it first). A file that arrives
    // before a valid token is refused unread, so a cross-site or token-less
    // upload leaves nothing on disk.
    let dari_luar = headers
        .get(HEADER_TOKEN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or(q.csrf);
    let mut sah = false;
    if let Some(t) = dari_luar {
        if let Some(r) = form_ditolak(&m, &t, &headers) {
            return Ok(r);
        }
        sah = true;
    } else if !same_origin(&headers) {
        return Ok((StatusCode::FORBIDDEN, t("galat-token-formulir")).into_response());
    }
    let mut dir: Option<tempfile::TempDir> = None;
    let mut req = ImportRequest::default();
    let mut berkas: Option<(String, PathBuf, u64)> = None;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(format!("formulir tidak terbaca: {e}")))?
    {
        match field.name() {
            Some("csrf") => {
                let token = field.text().await.map_err(|_| bad("csrf".into()))?;
                if let Some(r) = form_ditolak(&m, &token, &headers) {
                    return Ok(r);
                }
                sah = true;
            }
            Some("lewati") => req.skip_invalid = true,
            Some("encoding") => {
                req.encoding = match field.text().await.unwrap_or_default().as_str() {
                    "utf-8" => EncodingChoice::Utf8,
                    "windows-1252" => EncodingChoice::Windows1252,
                    _ => EncodingChoice::Auto,
                }
            }
            Some("berkas") if !sah => {
                return Ok((StatusCode::FORBIDDEN, t("impor-dpt-token-dulu")).into_response());
            }
            Some("berkas") => {
                let name = field.file_name().unwrap_or("dpt.csv").to_string();
                // A private folder for this upload only, made now that
                // the token is known good.
                let folder = match &dir {
                    Some(d) => d.path().to_path_buf(),
                    None => {
                        let d = tempfile::Builder::new()
                            .prefix("posko-dpt-")
                            .tempdir_in(s.posko.folder_unggahan())
                            .map_err(internal)?;
                        let p = d.path().to_path_buf();
                        dir = Some(d);
                        p
                    }
                };
                let path = folder.join(nama_aman(&name));
                let mut out = tokio::fs::File::create(&path).await.map_err(internal)?;
                let mut ukuran = 0u64;
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|e| bad(format!("unggahan {name} terputus: {e}")))?
                {
                    ukuran += chunk.len() as u64;
                    out.write_all(&chunk).await.map_err(internal)?;
                }
                out.flush().await.map_err(internal)?;
                berkas = Some((name, path, ukuran));
            }
            _ => {}
        }
    }
    if !sah {
        return Err(bad("formulir tidak lengkap: token tidak ada".into()));
    }
    let Some((name, path, ukuran)) = berkas.filter(|(_, _, n)| *n > 0) else {
        let page = halaman_formulir(&s, m.sesi.csrf, Some(t("impor-dpt-pilih-berkas")))?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let dir = dir.ok_or_else(|| bad("formulir tidak lengkap".into()))?;
    let id = Uuid::now_v7();
    let (tx, rx) = watch::channel(Keadaan::default());
    let job = Pekerjaan {
        berkas: name.clone(),
        ukuran,
        oleh: m.pengguna.username.clone(),
        mulai: Instant::now(),
        keadaan: rx,
    };
    if let Err(jalan) = s.impor.daftar(id, job) {
        let page = halaman_formulir(
            &s,
            m.sesi.csrf,
            Some(t2(
                "impor-dpt-masih-berjalan",
                "berkas",
                jalan.berkas.clone(),
                "oleh",
                jalan.oleh.clone(),
            )),
        )?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let aktor = Aktor::pengguna(&m.pengguna);
    tokio::spawn(jalankan(s.posko.clone(), aktor, dir, path, name, req, tx));
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, format!("/impor/dpt/{id}"))],
    )
        .into_response())
}

/// Runs one import to its end. `_dir` (the temporary folder with the
/// upload) is dropped, and the file deleted, only when the import is over.
async fn jalankan(
    posko: Posko,
    aktor: Aktor,
    _dir: tempfile::TempDir,
    path: PathBuf,
    name: String,
    req: ImportRequest,
    tx: watch::Sender<Keadaan>,
) {
    let mulai = Instant::now();
    let tx = Arc::new(tx);
    let t = tx.clone();
    let progress = Arc::new(move |k: KemajuanDpt| {
        t.send_modify(|s| {
            s.baris = k.baris;
            s.masalah = k.masalah;
            s.detik = mulai.elapsed().as_secs_f64();
        })
    });
    let hasil = posko.import_dpt(&aktor, &path, req, progress).await;
    let tempat = path.display().to_string();
    tx.send_modify(|s| {
        s.selesai = true;
        s.detik = mulai.elapsed().as_secs_f64();
        match hasil {
            Ok(lap) => {
                s.diterapkan = lap.applied;
                s.baris = if lap.applied {
                    lap.hasil.baris
                } else {
                    lap.rows_valid
                };
                s.masalah = lap.problem_count;
                s.ringkasan = lap.summary().replace(&tempat, &name);
                s.contoh_masalah = lap
                    .problems
                    .iter()
                    .take(MASALAH_DITAMPILKAN)
                    .map(|p| p.replace(&tempat, &name))
                    .collect();
                s.catatan = lap.notices.clone();
            }
            Err(e) => {
                tracing::warn!(error = %e, berkas = %name, "impor DPT gagal");
                s.diterapkan = false;
                s.ringkasan = format!(
                    "{name}: impor gagal, tidak ada yang diimpor: {}",
                    e.to_string().replace(&tempat, &name)
                );
            }
        }
    });
}

fn id_pekerjaan(s: &AppState, id: &str) -> Result<Arc<Pekerjaan>, PageError> {
    Uuid::parse_str(id)
        .ok()
        .and_then(|id| s.impor.get(id))
        .ok_or_else(|| PageError(StatusCode::NOT_FOUND, t("impor-dpt-tidak-dikenal")))
}

fn laju(k: &Keadaan) -> String {
    if k.detik > 0.0 && k.baris > 0 {
        t1(
            "impor-dpt-baris-per-detik",
            "baris",
            ribuan((k.baris as f64 / k.detik) as u64),
        )
    } else {
        "–".into()
    }
}

async fn halaman_pekerjaan(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let job = id_pekerjaan(&s, &id)?;
    let mut k = job.keadaan.borrow().clone();
    if !k.selesai {
        k.detik = job.mulai.elapsed().as_secs_f64();
    }
    // A failed import answers 422 so scripts and tests see it without
    // reading the page; judged from the same snapshot the page shows (a
    // job ending between two looks gave a 422 over a "running" page).
    let status = if k.selesai && !k.diterapkan {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = render(PekerjaanPage {
        berkas: job.berkas.clone(),
        ukuran: format!("{} KB", ribuan(job.ukuran.div_ceil(1024))),
        oleh: job.oleh.clone(),
        sumber: format!("/impor/dpt/{id}/kemajuan"),
        baris: ribuan(k.baris),
        laju: laju(&k),
        masalah_lain: k.masalah.saturating_sub(k.contoh_masalah.len() as u64),
        k,
    })?;
    Ok((status, page).into_response())
}

/// One `kemajuan` event per change (at most every 250 ms), the last with
/// `selesai: true`; then the stream ends.
async fn kemajuan_sse(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    use axum::response::sse::{Event, KeepAlive, Sse};
    let job = id_pekerjaan(&s, &id)?;
    let rx = job.keadaan.clone();
    // The first event goes out at once; each later one waits for a change.
    let stream =
        futures::stream::unfold((rx, true, false), |(mut rx, pertama, tamat)| async move {
            if tamat {
                return None;
            }
            // A sender dropped before saying `selesai` means the task died:
            // send what is known and end, rather than repeat it forever.
            let mut putus = false;
            if !pertama {
                tokio::time::sleep(Duration::from_millis(250)).await;
                putus = rx.changed().await.is_err();
            }
            let k = rx.borrow_and_update().clone();
            let ev = Event::default()
                .event("kemajuan")
                .data(serde_json::to_string(&TampilanKemajuan::dari(&k)).unwrap_or_default());
            Some((
                Ok::<_, std::convert::Infallible>(ev),
                (rx, false, k.selesai || putus),
            ))
        });
    // The body is polled after this handler returns, outside the request's
    // language: numbers must still be grouped the page's way.
    let stream = crate::bahasa::Bahasa::kini().aliran(stream);
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}

/// A progress event: the raw figures and the same figures as the page
/// prints them, so the script only copies text.
#[derive(Serialize)]
struct TampilanKemajuan<'a> {
    #[serde(flatten)]
    k: &'a Keadaan,
    baris_teks: String,
    laju: String,
}

impl<'a> TampilanKemajuan<'a> {
    fn dari(k: &'a Keadaan) -> Self {
        TampilanKemajuan {
            baris_teks: ribuan(k.baris),
            laju: laju(k),
            k,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_stay_inside_the_folder_and_keep_their_extension() {
        assert_eq!(nama_aman("../../etc/passwd"), "passwd");
        assert_eq!(nama_aman("C:\\data\\DPT Kec. A.xlsx"), "DPT_Kec._A.xlsx");
        assert_eq!(nama_aman(".."), "dpt.csv");
        assert_eq!(nama_aman(""), "dpt.csv");
    }

    #[test]
    fn a_second_running_import_is_refused_until_the_first_ends() {
        let d = DaftarImpor::default();
        let job = |tx: &watch::Sender<Keadaan>| Pekerjaan {
            berkas: "a.csv".into(),
            ukuran: 1,
            oleh: "admin".into(),
            mulai: Instant::now(),
            keadaan: tx.subscribe(),
        };
        let (tx1, _) = watch::channel(Keadaan::default());
        let (tx2, _) = watch::channel(Keadaan::default());
        assert!(d.daftar(Uuid::now_v7(), job(&tx1)).is_ok());
        assert!(d.daftar(Uuid::now_v7(), job(&tx2)).is_err());
        tx1.send_modify(|k| k.selesai = true);
        assert!(d.daftar(Uuid::now_v7(), job(&tx2)).is_ok());
        assert_eq!(d.terbaru().len(), 2);
    }
}
