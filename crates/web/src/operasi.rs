//! Running the server as an operator needs it: `/healthz` (the process
//! answers; no database), `/readyz` (the database and the photo store
//! answer: 200, or 503 naming what does not), Prometheus `/metrics` behind
//! a bearer token, and a graceful stop on SIGTERM or Ctrl-C that finishes
//! the requests in flight (within a bound) and ends live streams.
//!
//! These routes sit outside the session middleware: a load balancer's
//! probe or a scrape never looks a session up, so `/healthz` touches no
//! database whatever the caller sends. Requests are counted by their
//! route's template (`/pemilihan/{id}/tps/{kode}`), never the raw path,
//! so the labels stay few whatever is asked.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use futures::StreamExt;
use posko_app::Posko;
use posko_app::operasi::{AkhirKiriman, KedalamanAntrean};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::{ConstGauge, Gauge};
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::auth::Kebijakan;
use crate::{AppState, Rutes};

/// How long a stop waits for requests in flight before it exits anyway.
/// A systemd unit's `TimeoutStopSec` should be longer (docs/DEPLOY.md).
pub const BATAS_BERHENTI: Duration = Duration::from_secs(30);

/// What `posko serve` is told about operating it.
#[derive(Debug, Clone)]
pub struct Opsi {
    /// The bearer token `/metrics` asks for; without one, `/metrics` is
    /// not there (404).
    pub token_metrik: Option<String>,
    /// See [`BATAS_BERHENTI`].
    pub batas_berhenti: Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client
    /// ([`crate::proksi`]); none by default.
    pub proxy_tepercaya: Vec<crate::proksi::IpNet>,
}

impl Default for Opsi {
    fn default() -> Opsi {
        Opsi {
            token_metrik: None,
            batas_berhenti: BATAS_BERHENTI,
            proxy_tepercaya: Vec::new(),
        }
    }
}

/// The operating state of one server, shared by every request.
pub struct Operasi {
    pub(crate) opsi: Opsi,
    metrik: Metrik,
    /// The migration version last read (at start, and by each `/readyz`),
    /// so `/healthz` can say it without asking the database.
    versi_skema: AtomicI64,
    /// Whether the last `/readyz` was ready: a change is logged once, not
    /// every probe.
    siap_terakhir: AtomicBool,
    /// Set to true when the server begins to stop: live streams end.
    berhenti: watch::Sender<bool>,
}

impl Operasi {
    pub fn baru(opsi: Opsi) -> Operasi {
        Operasi {
            opsi,
            metrik: Metrik::baru(),
            versi_skema: AtomicI64::new(-1),
            siap_terakhir: AtomicBool::new(true),
            berhenti: watch::channel(false).0,
        }
    }

    /// Reads the migration version once for `/healthz` (best effort: a
    /// database down at start leaves it unknown until a `/readyz`).
    pub(crate) async fn mulai(posko: &Posko, opsi: Opsi) -> Arc<Operasi> {
        let o = Operasi::baru(opsi);
        if let Ok(Ok(v)) =
            tokio::time::timeout(posko_app::operasi::BATAS_PERIKSA, posko.versi_skema()).await
        {
            o.versi_skema.store(v, Ordering::Relaxed);
        }
        Arc::new(o)
    }

    fn versi_skema(&self) -> Option<i64> {
        Some(self.versi_skema.load(Ordering::Relaxed)).filter(|v| *v >= 0)
    }

    /// Resolves once the server has begun to stop.
    fn berhenti(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut rx = self.berhenti.subscribe();
        async move {
            if rx.wait_for(|b| *b).await.is_err() {
                // The server is gone without a stop: nothing to wait for.
                std::future::pending::<()>().await;
            }
        }
    }

    /// Serves `app` until `sinyal` (SIGTERM or Ctrl-C), then stops accepting, ends
    /// live streams, lets the requests in flight finish for at most
    /// [`Opsi::batas_berhenti`], and returns.
    pub(crate) async fn layani(
        self: Arc<Operasi>,
        listener: TcpListener,
        app: axum::Router,
        sinyal: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let ops = self.clone();
        tokio::spawn(async move {
            sinyal.await;
            tracing::info!(
                "berhenti: tidak menerima koneksi baru; menunggu permintaan yang berjalan (paling lama {:?})",
                ops.opsi.batas_berhenti
            );
            ops.berhenti.send_replace(true);
        });
        let server = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(self.berhenti());
        let batas = self.opsi.batas_berhenti;
        let habis = {
            let b = self.berhenti();
            async move {
                b.await;
                tokio::time::sleep(batas).await;
            }
        };
        tokio::select! {
            r = server.into_future() => {
                tracing::info!("berhenti: semua permintaan selesai");
                r
            }
            () = habis => {
                tracing::warn!("berhenti: permintaan yang masih berjalan setelah {batas:?} diputus");
                Ok(())
            }
        }
    }
}

// ------------------------------------------------------------ metrics

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LabelPermintaan {
    method: &'static str,
    route: String,
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LabelRute {
    method: &'static str,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LabelKiriman {
    channel: &'static str,
    outcome: &'static str,
}

/// The queue depths of the last scrape, written only when the database
/// answered: a scrape during an outage leaves them out rather than report
/// a stale or zero figure.
#[derive(Debug, Default)]
struct GaugeAntrean(std::sync::Mutex<Option<KedalamanAntrean>>);

impl Collector for GaugeAntrean {
    fn encode(&self, mut encoder: DescriptorEncoder) -> std::fmt::Result {
        let isi = self.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let Some(a) = isi else {
            return Ok(());
        };
        let satu = |encoder: &mut DescriptorEncoder, nama: &str, help: &str, n: u64| {
            let g = ConstGauge::new(n as i64);
            g.encode(encoder.encode_descriptor(nama, help, None, g.metric_type())?)
        };
        let per_status =
            |encoder: &mut DescriptorEncoder, nama: &str, help: &str, baris: &[(String, u64)]| {
                let mut e = encoder.encode_descriptor(nama, help, None, MetricType::Gauge)?;
                for (status, n) in baris {
                    ConstGauge::new(*n as i64)
                        .encode(e.encode_family(&[("status", status.as_str())])?)?;
                }
                Ok::<(), std::fmt::Error>(())
            };
        satu(
            &mut encoder,
            "verification_queue_depth",
            "TPS results waiting for verifiers' readings (status masuk), all elections; read from the database at scrape",
            a.verifikasi(),
        )?;
        per_status(
            &mut encoder,
            "results",
            "TPS current results by status, all elections; read from the database at scrape",
            &a.hasil,
        )?;
        satu(
            &mut encoder,
            "reply_outbox_depth",
            "SMS/Telegram replies waiting to be sent; read from the database at scrape",
            a.kotak_keluar(),
        )?;
        per_status(
            &mut encoder,
            "reply_outbox",
            "SMS/Telegram replies by status (antre, terkirim, gagal); read from the database at scrape",
            &a.balasan,
        )
    }
}

type Durasi = Family<LabelRute, Histogram, fn() -> Histogram>;

fn histogram_durasi() -> Histogram {
    Histogram::new([
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
    ])
}

/// The server's Prometheus registry: what requests count as they pass,
/// and what a scrape reads through `Posko` (queue depths, submissions).
struct Metrik {
    registry: Registry,
    permintaan: Family<LabelPermintaan, Counter>,
    durasi: Durasi,
    sse: Gauge,
    kiriman: Family<LabelKiriman, Counter>,
    antrean: Arc<GaugeAntrean>,
    basis_data: Gauge,
    /// One scrape at a time moves the counters copied from `Posko`.
    scrape: tokio::sync::Mutex<()>,
}

impl Metrik {
    fn baru() -> Metrik {
        let mut registry = Registry::with_prefix("posko");
        let permintaan = Family::<LabelPermintaan, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route template and status class",
            permintaan.clone(),
        );
        let durasi: Durasi = Family::new_with_constructor(histogram_durasi);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request (to its headers), by method and route template",
            durasi.clone(),
        );
        let sse = Gauge::default();
        registry.register(
            "sse_clients",
            "Server-sent event streams open on this server",
            sse.clone(),
        );
        let kiriman = Family::<LabelKiriman, Counter>::default();
        registry.register(
            "result_submissions",
            "C.Hasil submissions received by this process, by channel and outcome (accepted, resent, refused, failed)",
            kiriman.clone(),
        );
        let antrean = Arc::new(GaugeAntrean::default());
        registry.register_collector(Box::new(antrean.clone()));
        let basis_data = Gauge::default();
        registry.register(
            "database_up",
            "1 when this scrape's database reads succeeded, else 0 (the database gauges are then absent)",
            basis_data.clone(),
        );
        Metrik {
            registry,
            permintaan,
            durasi,
            sse,
            kiriman,
            antrean,
            basis_data,
            scrape: tokio::sync::Mutex::new(()),
        }
    }

    /// The OpenMetrics text of a scrape: reads the database gauges and the
    /// submission counts through `posko` first.
    async fn tulis(&self, posko: &Posko) -> String {
        let _satu = self.scrape.lock().await;
        for (saluran, akhir, n) in posko.kiriman_per_saluran() {
            let c = self.kiriman.get_or_create(&LabelKiriman {
                channel: saluran,
                outcome: hasil_kiriman(akhir),
            });
            c.inc_by(n.saturating_sub(c.get()));
        }
        let antrean =
            tokio::time::timeout(posko_app::operasi::BATAS_PERIKSA, posko.kedalaman_antrean())
                .await;
        let antrean = match antrean {
            Ok(Ok(a)) => {
                self.basis_data.set(1);
                Some(a)
            }
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "metrics: antrean tidak terbaca");
                self.basis_data.set(0);
                None
            }
            Err(_) => {
                tracing::warn!("metrics: basis data tidak menjawab");
                self.basis_data.set(0);
                None
            }
        };
        *self.antrean.0.lock().unwrap_or_else(|p| p.into_inner()) = antrean;
        let mut teks = String::new();
        if let Err(e) = prometheus_client::encoding::text::encode(&mut teks, &self.registry) {
            tracing::error!(error = %e, "metrics: menulis");
        }
        teks
    }
}

fn hasil_kiriman(a: AkhirKiriman) -> &'static str {
    match a {
        AkhirKiriman::Diterima => "accepted",
        AkhirKiriman::Ulang => "resent",
        AkhirKiriman::Ditolak => "refused",
        AkhirKiriman::Galat => "failed",
    }
}

/// A method as a label: the usual ones by name, anything else as `other`
/// (a client may send any token as a method).
fn metode(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

fn kelas_status(s: StatusCode) -> &'static str {
    match s.as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// Middleware on every route: counts and times the request under its
/// route template (`unmatched` for what no route answers), and follows
/// each server-sent event stream it answers with: counted while open,
/// ended when the server stops.
pub(crate) async fn ukur(State(ops): State<Arc<Operasi>>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let method = metode(req.method());
    let mulai = Instant::now();
    let res = next.run(req).await;
    let m = &ops.metrik;
    m.durasi
        .get_or_create(&LabelRute {
            method,
            route: route.clone(),
        })
        .observe(mulai.elapsed().as_secs_f64());
    m.permintaan
        .get_or_create(&LabelPermintaan {
            method,
            route,
            status: kelas_status(res.status()),
        })
        .inc();
    let sse = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/event-stream"));
    if !sse {
        return res;
    }
    let (parts, body) = res.into_parts();
    let terbuka = AliranTerbuka::buka(m.sse.clone());
    let aliran = body
        .into_data_stream()
        .take_until(ops.berhenti())
        .map(move |x| {
            let _ = &terbuka;
            x
        });
    Response::from_parts(parts, axum::body::Body::from_stream(aliran))
}

/// Counts one open stream for as long as it lives.
struct AliranTerbuka(Gauge);

impl AliranTerbuka {
    fn buka(g: Gauge) -> AliranTerbuka {
        g.inc();
        AliranTerbuka(g)
    }
}

impl Drop for AliranTerbuka {
    fn drop(&mut self) {
        self.0.dec();
    }
}

// ------------------------------------------------------------ routes

impl Rutes {
    /// A route served outside the session middleware (no session is
    /// looked up, so no database is touched on the way in), still listed in
    /// the route table with its policy. Only public routes belong here:
    /// their handler checks what they need themselves.
    pub(crate) fn add_operasi(
        mut self,
        metode: &'static str,
        path: &'static str,
        kebijakan: Kebijakan,
        handler: MethodRouter<AppState>,
    ) -> Rutes {
        assert_eq!(kebijakan, Kebijakan::Publik, "{path}");
        self.operasi = self.operasi.route(path, handler);
        self.daftar.push(crate::Rute {
            path,
            metode,
            kebijakan,
            contoh: path,
        });
        self
    }
}

pub(crate) fn routes(r: Rutes) -> Rutes {
    use axum::routing::get;
    r.add_operasi("GET", "/readyz", Kebijakan::Publik, get(readyz))
        .add_operasi("GET", "/metrics", Kebijakan::Publik, get(metrics))
}

/// The migration version `/healthz` reports, read without the database.
pub(crate) fn versi_skema(s: &AppState) -> Option<i64> {
    s.operasi.versi_skema()
}

#[derive(Serialize)]
struct Kesiapan {
    /// "ready" or "not_ready".
    status: &'static str,
    backend: &'static str,
    schema_version: Option<i64>,
    /// Each dependency: "ok", or "unavailable".
    checks: Cek,
    /// The dependencies that did not answer, by name.
    not_ready: Vec<&'static str>,
}

#[derive(Serialize)]
struct Cek {
    database: &'static str,
    photos: &'static str,
}

/// Ready to serve: the database answers a trivial query and the photo
/// store takes a file. 503 with `Retry-After` otherwise; the body names
/// what is not ready, the log says why (once per change, not per probe).
async fn readyz(State(s): State<AppState>) -> Response {
    let k = s.posko.siap().await;
    if let Some(v) = k.versi_skema {
        s.operasi.versi_skema.store(v, Ordering::Relaxed);
    }
    let siap = k.siap();
    if s.operasi.siap_terakhir.swap(siap, Ordering::Relaxed) != siap {
        if siap {
            tracing::info!("siap kembali: basis data dan penyimpanan foto menjawab");
        } else {
            tracing::warn!(
                basis_data = k.basis_data.as_deref().unwrap_or("ok"),
                foto = k.foto.as_deref().unwrap_or("ok"),
                "tidak siap"
            );
        }
    }
    let cek = |x: &Option<String>| if x.is_none() { "ok" } else { "unavailable" };
    let mut not_ready = Vec::new();
    if k.basis_data.is_some() {
        not_ready.push("database");
    }
    if k.foto.is_some() {
        not_ready.push("photos");
    }
    let body = Kesiapan {
        status: if siap { "ready" } else { "not_ready" },
        backend: s.posko.backend(),
        schema_version: s.operasi.versi_skema(),
        checks: Cek {
            database: cek(&k.basis_data),
            photos: cek(&k.foto),
        },
        not_ready,
    };
    let mut res = axum::Json(body).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if !siap {
        *res.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
    res
}

/// Prometheus metrics for whoever holds the token: 404 when the server
/// has none (as any unknown address), 401 for a missing or wrong one. The
/// token is compared in constant time (as SHA-256 digests, so its length
/// does not show either).
async fn metrics(State(s): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let Some(token) = s.operasi.opsi.token_metrik.as_deref() else {
        return crate::tidak_ada(uri).await;
    };
    let diberi = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    use sha2::Digest;
    let cocok = crate::gerbang::sama_waktu_tetap(
        &sha2::Sha256::digest(diberi.as_bytes()),
        &sha2::Sha256::digest(token.as_bytes()),
    );
    if diberi.is_empty() || !cocok {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer realm=\"posko-metrics\"")],
            axum::Json(crate::error::ErrorBody {
                error: "token metrics salah atau tidak ada".into(),
            }),
        )
            .into_response();
    }
    let teks = s.operasi.metrik.tulis(&s.posko).await;
    (
        [
            (
                header::CONTENT_TYPE,
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        teks,
    )
        .into_response()
}
