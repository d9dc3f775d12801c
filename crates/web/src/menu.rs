//! The top menu: the pages the signed-in person may open, decided per
//! request by the same route-table policies that guard the pages, so an
//! item never answers "tidak berwenang". Held in a task-local like the
//! language, so every template reads it without handlers passing it on.

use std::collections::HashMap;
use std::sync::Arc;

use posko_app::Masuk;

use crate::auth::{self, Kebijakan};
use crate::{AppState, Rute};

/// One menu item: where it goes and the message id of its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub href: String,
    pub label: &'static str,
}

tokio::task_local! {
    static MENU: Arc<Vec<Item>>;
    static AKAR: Arc<str>;
}

/// Where this request's region pickers start: the person's own area
/// (empty for campaign-wide roles and strangers).
pub fn akar() -> Arc<str> {
    AKAR.try_with(Arc::clone).unwrap_or_else(|_| Arc::from(""))
}

/// The area a region picker opens on for `masuk`: the first region they
/// cover (a saksi's desa), none for campaign-wide roles.
pub fn akar_untuk(masuk: Option<&Masuk>) -> Arc<str> {
    let Some(m) = masuk else {
        return Arc::from("");
    };
    let mut cakupan = m.pengguna.penugasan.iter().map(|p| p.cakupan);
    if cakupan.clone().any(|c| c == posko_domain::Cakupan::Semua) {
        return Arc::from("");
    }
    match cakupan.next() {
        Some(posko_domain::Cakupan::Wilayah(w)) => Arc::from(w.to_string()),
        Some(posko_domain::Cakupan::Tps(t)) => Arc::from(t.desa().to_string()),
        _ => Arc::from(""),
    }
}

/// The menu of this request (empty for strangers and outside a request).
pub fn items() -> Arc<Vec<Item>> {
    MENU.try_with(Arc::clone).unwrap_or_default()
}

/// Runs `f` with `menu` as this request's menu and `akar` as where its
/// region pickers start.
pub async fn dengan<F: std::future::Future>(
    menu: Arc<Vec<Item>>,
    akar: Arc<str>,
    f: F,
) -> F::Output {
    MENU.scope(menu, AKAR.scope(akar, f)).await
}

/// Campaign-wide pages, in menu order: (route pattern, label).
pub(crate) const HALAMAN: &[(&str, &str)] = &[
    ("/", "nav-beranda"),
    ("/wilayah", "nav-wilayah"),
    ("/pendukung", "nav-pendukung"),
    ("/relawan", "nav-relawan"),
    ("/pengguna", "nav-pengguna"),
    ("/pesan", "nav-pesan"),
    ("/dana", "nav-dana"),
    ("/medsos", "nav-medsos"),
    ("/lapangan", "nav-lapangan"),
    ("/audit", "nav-audit"),
    ("/akun", "nav-akun"),
];

/// The menu for `masuk`: every page of [`HALAMAN`] its route's policy lets
/// them open. A page missing from the table is left out (fails closed).
pub async fn untuk(s: &AppState, rutes: &[Rute], masuk: Option<&Masuk>) -> Arc<Vec<Item>> {
    let Some(m) = masuk else {
        return Arc::default();
    };
    let mut items = Vec::new();
    for (pola, label) in HALAMAN {
        if !boleh_buka(s, rutes, m, pola, &HashMap::new()).await {
            continue;
        }
        let href = if *pola == "/wilayah" {
            // Someone with no region page (a saksi) has only their home.
            match auth::home(m) {
                h if h == "/" => continue,
                h => h,
            }
        } else {
            (*pola).to_string()
        };
        items.push(Item { href, label });
    }
    Arc::new(items)
}

/// Whether `m` may open the GET route `pola` with path parameters `params`,
/// by the route's own policy; false when no such route exists or the check
/// itself fails.
pub async fn boleh_buka(
    s: &AppState,
    rutes: &[Rute],
    m: &Masuk,
    pola: &str,
    params: &HashMap<String, String>,
) -> bool {
    let Some(rute) = rutes.iter().find(|r| r.metode == "GET" && r.path == pola) else {
        return false;
    };
    match rute.kebijakan {
        Kebijakan::Publik | Kebijakan::Masuk => true,
        Kebijakan::Izin(izin, sasaran) => auth::allowed(s, m, izin, sasaran, params)
            .await
            .unwrap_or(false),
    }
}

/// `pola` with `params` filled in, when `m` may open it by the route's own
/// policy: a link on a page exists only for those it would let in.
pub async fn tautan(
    s: &AppState,
    m: &Masuk,
    pola: &str,
    params: &[(&str, String)],
) -> Option<String> {
    let rutes = s.rutes.get().map_or(&[][..], Vec::as_slice);
    let peta: HashMap<String, String> = params
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect();
    if !boleh_buka(s, rutes, m, pola, &peta).await {
        return None;
    }
    Some(params.iter().fold(pola.to_string(), |h, (k, v)| {
        h.replace(&format!("{{{k}}}"), v)
    }))
}
