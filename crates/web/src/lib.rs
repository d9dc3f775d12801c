//! HTTP delivery for Posko. Handlers parse the request, call one use case
//! of `posko_app::Posko`, and render HTML (askama) or JSON. No SQL, no
//! business rules here.

mod akun;
mod api;
mod audit;
pub mod auth;
mod bahasa;
mod cakupan_saksi;
mod dana;
mod ekspor;
mod error;
mod format;
pub mod gerbang;
mod hari_h;
mod hasil;
mod hitung_cepat;
mod impor_dpt;
mod jalan;
mod kejanggalan;
mod kilas;
mod lapangan;
mod medsos;
mod menang;
mod menu;
pub mod operasi;
mod pages;
mod pantau;
mod param;
mod peta;
pub mod proksi;
mod qr;
mod rekap;
mod relawan;
mod ruang;
mod selisih;
mod survei;
pub mod telegram;
mod terlalu_besar;
mod tps;
mod verifikasi;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use posko_app::Posko;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use api::ApiDoc;
pub use auth::{Kebijakan, Sasaran};
pub(crate) use bahasa::{t, t1, t2, tn};

use axum::routing::MethodRouter;

/// One row of the route table: where, what it needs, and an example path
/// (inside DKI Jakarta, 31.71) used by the authorization matrix test.
#[derive(Debug, Clone, Copy)]
pub struct Rute {
    pub path: &'static str,
    pub metode: &'static str,
    pub kebijakan: Kebijakan,
    pub contoh: &'static str,
}

/// Builds the router and the table together, so a route cannot exist
/// without a declared policy.
pub struct Rutes {
    router: axum::Router<AppState>,
    /// Routes outside the session middleware ([`Rutes::add_operasi`]).
    operasi: axum::Router<AppState>,
    pub daftar: Vec<Rute>,
    state: AppState,
}

impl Rutes {
    fn new(state: AppState) -> Rutes {
        Rutes {
            router: axum::Router::new(),
            operasi: axum::Router::new(),
            daftar: Vec::new(),
            state,
        }
    }

    fn add(
        self,
        metode: &'static str,
        path: &'static str,
        contoh: &'static str,
        kebijakan: Kebijakan,
        handler: MethodRouter<AppState>,
    ) -> Rutes {
        self.add_dengan_batas(metode, path, contoh, kebijakan, BODY_LIMIT, handler)
    }

    /// A route that takes bodies larger than the usual limit (photos).
    fn add_dengan_batas(
        mut self,
        metode: &'static str,
        path: &'static str,
        contoh: &'static str,
        kebijakan: Kebijakan,
        batas: usize,
        handler: MethodRouter<AppState>,
    ) -> Rutes {
        let guard =
            axum::middleware::from_fn_with_state((self.state.clone(), kebijakan), auth::enforce);
        // Checked before the policy runs (a refused body is never read
        // whole), and told to axum's extractors, which have their own.
        let handler: MethodRouter<AppState> = handler
            .route_layer(guard)
            .layer(axum::extract::DefaultBodyLimit::max(batas));
        let handler =
            handler
                .layer(RequestBodyLimitLayer::new(batas))
                .layer(axum::middleware::from_fn(
                    move |req: axum::extract::Request, next: axum::middleware::Next| {
                        terlalu_besar::jawab(batas, req, next)
                    },
                ));
        self.router = self.router.route(path, handler);
        self.daftar.push(Rute {
            path,
            metode,
            kebijakan,
            contoh,
        });
        self
    }
}

/// The route table of the whole server.
pub fn route_table(posko: Posko) -> Vec<Rute> {
    build(AppState::new(posko, gerbang::Gerbang::default())).daftar
}

fn build(state: AppState) -> Rutes {
    let r = Rutes::new(state);
    let r = pages::routes(r);
    let r = audit::routes(r);
    let r = peta::routes(r);
    let r = akun::routes(r);
    let r = cakupan_saksi::routes(r);
    let r = hasil::routes(r);
    let r = rekap::routes(r);
    let r = ruang::routes(r);
    let r = hari_h::routes(r);
    let r = pantau::routes(r);
    let r = verifikasi::routes(r);
    let r = selisih::routes(r);
    let r = kejanggalan::routes(r);
    let r = dana::routes(r);
    let r = medsos::routes(r);
    let r = lapangan::routes(r);
    let r = hitung_cepat::routes(r);
    let r = relawan::routes(r);
    let r = impor_dpt::routes(r);
    let r = jalan::routes(r);
    let r = survei::routes(r);
    let r = menang::routes(r);
    let r = gerbang::routes(r);
    let r = telegram::routes(r);
    let r = tps::routes(r);
    let r = operasi::routes(r);
    api::routes(r)
}

/// CPU work of a page (a spreadsheet, a map) off the async threads, in the
/// request's language; a lost thread is a 500 naming `apa`.
pub(crate) async fn di_latar<T: Send + 'static>(
    apa: &'static str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, error::PageError> {
    let bahasa = bahasa::Bahasa::kini();
    Ok(posko_app::latar::kerja(apa, move || bahasa.dalam_sync(f)).await?)
}

/// Largest request body accepted, except on routes that take photos.
const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// A C.Hasil with its photos (six phone photos plus the form fields).
pub(crate) const BODY_LIMIT_FOTO: usize = 6 * 12 * 1024 * 1024 + 64 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub posko: Posko,
    pub gerbang: gerbang::Gerbang,
    /// Outbound calls to the gateways made while answering a webhook.
    pub(crate) klien: Arc<gerbang::KlienGerbang>,
    /// Voter-list imports started from the browser in this process.
    pub(crate) impor: Arc<impor_dpt::DaftarImpor>,
    /// The route table, set once the router is built: menus and home links
    /// ask it whether a page would open for the person.
    pub(crate) rutes: Arc<std::sync::OnceLock<Vec<Rute>>>,
    /// Readiness, metrics and stopping (see [`operasi`]).
    pub(crate) operasi: Arc<operasi::Operasi>,
}

impl AppState {
    fn new(posko: Posko, gerbang: gerbang::Gerbang) -> AppState {
        AppState {
            posko,
            klien: Arc::new(gerbang::KlienGerbang::new(gerbang.clone())),
            impor: Arc::default(),
            rutes: Arc::default(),
            operasi: Arc::new(operasi::Operasi::baru(operasi::Opsi::default())),
            gerbang,
        }
    }
}

/// The whole HTTP surface: pages, API, static files, security headers.
pub fn router(posko: Posko) -> Router {
    router_dengan(posko, gerbang::Gerbang::default())
}

/// [`router`] answering the SMS/Telegram gateways configured in `gerbang`.
pub fn router_dengan(posko: Posko, gerbang: gerbang::Gerbang) -> Router {
    let ops = Arc::new(operasi::Operasi::baru(operasi::Opsi::default()));
    router_operasi(posko, gerbang, ops)
}

fn router_operasi(posko: Posko, gerbang: gerbang::Gerbang, ops: Arc<operasi::Operasi>) -> Router {
    let mut state = AppState::new(posko, gerbang);
    state.operasi = ops.clone();
    let headers = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
        ),
    ];
    let rutes = build(state.clone());
    let _ = state.rutes.set(rutes.daftar.clone());
    // One span per request, named by its route pattern, never its URI: a
    // path may carry a one-time sign-in code. `POSKO_LOG=debug` then shows
    // each request's way through the use cases and the store.
    let jejak_http = tower_http::trace::TraceLayer::new_for_http()
        .make_span_with(|req: &axum::http::Request<axum::body::Body>| {
            let rute = req
                .extensions()
                .get::<axum::extract::MatchedPath>()
                .map_or("-", |p| p.as_str());
            tracing::debug_span!("http", metode = %req.method(), rute)
        })
        // Its default writes an error line per 5xx: during an outage, one per
        // request. The cause is logged where it is known; this says only that
        // answers failed, once per interval per kind.
        .on_failure(
            |kelas: tower_http::classify::ServerErrorsFailureClass,
             _: std::time::Duration,
             _: &tracing::Span| {
                posko_app::redam::peringatan("jawaban gagal", "http", &kelas.to_string());
            },
        );
    let app = rutes
        .router
        .fallback(tidak_ada)
        .layer(jejak_http)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::resolve,
        ))
        .layer(axum::middleware::from_fn(bahasa::pilih))
        .with_state(state.clone());
    let mut app = rutes
        .operasi
        .layer(axum::middleware::from_fn(bahasa::pilih))
        .with_state(state)
        .merge(app)
        .layer(axum::middleware::from_fn_with_state(ops, operasi::ukur));
    for (name, value) in headers {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app
}

/// An address no route answers: the API's JSON error, or a page in the
/// reader's language with the menu to go on from (not the browser's bare
/// 404).
async fn tidak_ada(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    let pesan = crate::t("galat-halaman-tidak-ada");
    if uri.path().starts_with("/api/") {
        error::ApiError(axum::http::StatusCode::NOT_FOUND, pesan).into_response()
    } else {
        error::PageError(axum::http::StatusCode::NOT_FOUND, pesan).into_response()
    }
}

/// Binds `addr` (port 0 picks a free port) and returns the listener, so
/// callers can print or test the real address before serving.
pub async fn bind(addr: &str) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}

/// Serves until the process is stopped; Ctrl-C or SIGTERM (systemd, docker
/// stop) let requests in flight finish first.
pub async fn serve(listener: TcpListener, posko: Posko) -> std::io::Result<()> {
    serve_dengan(listener, posko, gerbang::Gerbang::default()).await
}

/// [`serve`] with gateways; their replies go out from a background worker
/// that also finishes messages a previous run left unprocessed.
pub async fn serve_dengan(
    listener: TcpListener,
    posko: Posko,
    gerbang: gerbang::Gerbang,
) -> std::io::Result<()> {
    serve_operasi(listener, posko, gerbang, operasi::Opsi::default()).await
}

/// [`serve_dengan`] with what operating it needs (the metrics token, how
/// long a stop waits): see [`operasi`].
pub async fn serve_operasi(
    listener: TcpListener,
    posko: Posko,
    gerbang: gerbang::Gerbang,
    opsi: operasi::Opsi,
) -> std::io::Result<()> {
    serve_sampai(listener, posko, gerbang, opsi, shutdown_signal()).await
}

/// [`serve_operasi`] that stops when `berhenti` resolves rather than on a
/// signal (a test stops one server of many in its process this way).
pub async fn serve_sampai(
    listener: TcpListener,
    posko: Posko,
    gerbang: gerbang::Gerbang,
    opsi: operasi::Opsi,
    berhenti: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let kurir = tokio::spawn(gerbang::kurir(posko.clone(), gerbang.clone()));
    let ops = operasi::Operasi::mulai(&posko, opsi).await;
    let app = router_operasi(posko, gerbang, ops.clone());
    let _berhenti = AbortOnDrop(kurir);
    ops.layani(listener, app, berhenti).await
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub(crate) async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    /// The app layer is the only door to storage: authorization and audit
    /// live there, so no handler may reach the `Store` around it.
    #[test]
    fn handlers_never_reach_the_store_directly() {
        let jarum = [".st", "ore()"].concat();
        let mut folder = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut dibaca = 0;
        while let Some(d) = folder.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    folder.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let isi = std::fs::read_to_string(&p).unwrap();
                    assert!(
                        !isi.contains(&jarum),
                        "{} calls the store directly",
                        p.display()
                    );
                    dibaca += 1;
                }
            }
        }
        assert!(dibaca > 20, "read only {dibaca} files");
    }
}
