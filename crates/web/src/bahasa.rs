//! The message catalogue: every user-facing text of the web pages, in
//! Bahasa Indonesia (the default) and English, from the Fluent files in
//! `crates/web/i18n/{id,en}/` compiled into the binary.
//!
//! The language of a request is chosen once, by the [`pilih`] middleware
//! (`?bahasa=` link, then the `bahasa` cookie, then `Accept-Language`,
//! then Indonesian), and held in a task-local for the rest of the request.
//! Templates call `crate::t("masuk-judul")` and handlers [`Bahasa::kini`], so no
//! handler has to carry the language and none can forget it; pages that
//! never heard of the catalogue still get the right `<html lang>` and
//! switcher from `base.html`.

use std::sync::LazyLock;

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language the pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bahasa {
    #[default]
    Id,
    En,
}

/// The name of the cookie that remembers a chosen language.
pub const COOKIE: &str = "bahasa";

/// Each language's Fluent files, split by area of the product. A new
/// area adds its file to both lists.
const BERKAS_ID: &[(&str, &str)] = &[
    ("umum.ftl", include_str!("../i18n/id/umum.ftl")),
    ("akun.ftl", include_str!("../i18n/id/akun.ftl")),
    ("hari-h.ftl", include_str!("../i18n/id/hari-h.ftl")),
    ("relawan.ftl", include_str!("../i18n/id/relawan.ftl")),
    ("impor.ftl", include_str!("../i18n/id/impor.ftl")),
    ("ruang.ftl", include_str!("../i18n/id/ruang.ftl")),
    ("ekspor.ftl", include_str!("../i18n/id/ekspor.ftl")),
    ("verifikasi.ftl", include_str!("../i18n/id/verifikasi.ftl")),
    ("pantau.ftl", include_str!("../i18n/id/pantau.ftl")),
    ("tps.ftl", include_str!("../i18n/id/tps.ftl")),
    ("menang.ftl", include_str!("../i18n/id/menang.ftl")),
    (
        "kejanggalan.ftl",
        include_str!("../i18n/id/kejanggalan.ftl"),
    ),
    ("dana.ftl", include_str!("../i18n/id/dana.ftl")),
    ("medsos.ftl", include_str!("../i18n/id/medsos.ftl")),
    (
        "medsos-konten.ftl",
        include_str!("../i18n/id/medsos-konten.ftl"),
    ),
    ("medsos-isu.ftl", include_str!("../i18n/id/medsos-isu.ftl")),
    ("lapangan.ftl", include_str!("../i18n/id/lapangan.ftl")),
    (
        "lapangan-survei.ftl",
        include_str!("../i18n/id/lapangan-survei.ftl"),
    ),
    (
        "lapangan-apk.ftl",
        include_str!("../i18n/id/lapangan-apk.ftl"),
    ),
    (
        "lapangan-tugas.ftl",
        include_str!("../i18n/id/lapangan-tugas.ftl"),
    ),
];
const BERKAS_EN: &[(&str, &str)] = &[
    ("umum.ftl", include_str!("../i18n/en/umum.ftl")),
    ("akun.ftl", include_str!("../i18n/en/akun.ftl")),
    ("hari-h.ftl", include_str!("../i18n/en/hari-h.ftl")),
    ("relawan.ftl", include_str!("../i18n/en/relawan.ftl")),
    ("impor.ftl", include_str!("../i18n/en/impor.ftl")),
    ("ruang.ftl", include_str!("../i18n/en/ruang.ftl")),
    ("ekspor.ftl", include_str!("../i18n/en/ekspor.ftl")),
    ("verifikasi.ftl", include_str!("../i18n/en/verifikasi.ftl")),
    ("pantau.ftl", include_str!("../i18n/en/pantau.ftl")),
    ("tps.ftl", include_str!("../i18n/en/tps.ftl")),
    ("menang.ftl", include_str!("../i18n/en/menang.ftl")),
    (
        "kejanggalan.ftl",
        include_str!("../i18n/en/kejanggalan.ftl"),
    ),
    ("dana.ftl", include_str!("../i18n/en/dana.ftl")),
    ("medsos.ftl", include_str!("../i18n/en/medsos.ftl")),
    (
        "medsos-konten.ftl",
        include_str!("../i18n/en/medsos-konten.ftl"),
    ),
    ("medsos-isu.ftl", include_str!("../i18n/en/medsos-isu.ftl")),
    ("lapangan.ftl", include_str!("../i18n/en/lapangan.ftl")),
    (
        "lapangan-survei.ftl",
        include_str!("../i18n/en/lapangan-survei.ftl"),
    ),
    (
        "lapangan-apk.ftl",
        include_str!("../i18n/en/lapangan-apk.ftl"),
    ),
    (
        "lapangan-tugas.ftl",
        include_str!("../i18n/en/lapangan-tugas.ftl"),
    ),
];

tokio::task_local! {
    static KINI: Bahasa;
}

impl Bahasa {
    #[cfg(test)]
    pub const SEMUA: [Bahasa; 2] = [Bahasa::Id, Bahasa::En];

    /// The BCP 47 code, as in `<html lang>` and `?bahasa=`.
    pub fn kode(self) -> &'static str {
        match self {
            Bahasa::Id => "id",
            Bahasa::En => "en",
        }
    }

    /// `id`, `en`, or a regional variant of either (`en-GB`, `id-ID`).
    pub fn dari_kode(kode: &str) -> Option<Bahasa> {
        let utama = kode.trim().split(['-', '_']).next()?;
        if utama.eq_ignore_ascii_case("id") || utama.eq_ignore_ascii_case("in") {
            Some(Bahasa::Id)
        } else if utama.eq_ignore_ascii_case("en") {
            Some(Bahasa::En)
        } else {
            None
        }
    }

    /// The most preferred language of an `Accept-Language` header that
    /// Posko speaks.
    pub fn dari_accept_language(nilai: &str) -> Option<Bahasa> {
        let mut pilihan: Vec<(u16, usize, Bahasa)> = nilai
            .split(',')
            .enumerate()
            .filter_map(|(urutan, bagian)| {
                let mut potongan = bagian.split(';');
                let bahasa = Bahasa::dari_kode(potongan.next()?)?;
                let q = potongan
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1000), |q| {
                        q.trim().parse::<f32>().ok().map(|q| (q * 1000.0) as u16)
                    })?;
                (q > 0).then_some((q, urutan, bahasa))
            })
            .collect();
        pilihan.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        pilihan.first().map(|p| p.2)
    }

    /// The language of the request being answered; Indonesian outside one
    /// (background work, unit tests).
    pub fn kini() -> Bahasa {
        KINI.try_with(|b| *b).unwrap_or_default()
    }

    /// Runs `f` as if answering a request in this language.
    #[cfg(test)]
    pub async fn dalam<F: Future>(self, f: F) -> F::Output {
        KINI.scope(self, f).await
    }

    /// Runs `f` (on a blocking thread, which the request's task-local does
    /// not reach) in this language.
    pub fn dalam_sync<T>(self, f: impl FnOnce() -> T) -> T {
        KINI.sync_scope(self, f)
    }

    /// A stream that speaks this language every time it is polled: a
    /// response body is polled after the request's task-local scope has
    /// ended, so a stream opened on an English page would speak Indonesian.
    pub fn aliran<S>(self, s: S) -> impl futures::Stream<Item = S::Item> + Send
    where
        S: futures::Stream + Send + 'static,
        S::Item: Send,
    {
        use futures::StreamExt;
        futures::stream::unfold(Box::pin(s), move |mut s| async move {
            KINI.scope(self, s.next()).await.map(|x| (x, s))
        })
    }

    /// The message `id`, without variables.
    pub fn teks(self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with its Fluent variables.
    pub fn teks_dengan(self, id: &str, variabel: &[(&str, FluentValue<'_>)]) -> String {
        let mut args = FluentArgs::new();
        for (nama, nilai) in variabel {
            args.set(*nama, nilai.clone());
        }
        self.format(id, Some(&args))
    }

    fn format(self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = bundle(self);
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, bahasa = self.kode(), "pesan tidak ada di katalog");
            return id.to_string();
        };
        let mut galat = Vec::new();
        let teks = bundle.format_pattern(pattern, args, &mut galat);
        if !galat.is_empty() {
            tracing::warn!(id, bahasa = self.kode(), ?galat, "pesan tidak lengkap");
        }
        teks.into_owned()
    }
}

/// Something a template or handler passes as a Fluent variable: numbers
/// stay numbers (so English can pick a plural), the rest becomes text.
pub trait Nilai {
    fn nilai(&self) -> FluentValue<'static>;
}

impl<T: Nilai + ?Sized> Nilai for &T {
    fn nilai(&self) -> FluentValue<'static> {
        (**self).nilai()
    }
}

macro_rules! nilai_angka {
    ($($t:ty),*) => {$(
        impl Nilai for $t {
            fn nilai(&self) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        }
    )*};
}
nilai_angka!(u8, u16, u32, u64, usize, i32, i64);

impl Nilai for str {
    fn nilai(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

impl Nilai for String {
    fn nilai(&self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

/// The code of the current request's language, for `<html lang>`.
pub fn kode() -> &'static str {
    Bahasa::kini().kode()
}

/// The message `id` in the language of the current request.
pub fn t(id: &str) -> String {
    Bahasa::kini().teks(id)
}

/// [`t`] with one variable.
pub fn t1(id: &str, nama: &str, nilai: impl Nilai) -> String {
    Bahasa::kini().teks_dengan(id, &[(nama, nilai.nilai())])
}

/// [`t`] with two variables.
pub fn t2(id: &str, nama1: &str, nilai1: impl Nilai, nama2: &str, nilai2: impl Nilai) -> String {
    Bahasa::kini().teks_dengan(id, &[(nama1, nilai1.nilai()), (nama2, nilai2.nilai())])
}

/// [`t`] with any number of variables.
pub fn tn(id: &str, nilai: &[(&str, &dyn Nilai)]) -> String {
    let args: Vec<(&str, FluentValue<'static>)> =
        nilai.iter().map(|(nama, v)| (*nama, v.nilai())).collect();
    Bahasa::kini().teks_dengan(id, &args)
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(bahasa: Bahasa) -> &'static Bundle {
    static ID: LazyLock<Bundle> = LazyLock::new(|| buat(Bahasa::Id));
    static EN: LazyLock<Bundle> = LazyLock::new(|| buat(Bahasa::En));
    match bahasa {
        Bahasa::Id => &ID,
        Bahasa::En => &EN,
    }
}

fn berkas(bahasa: Bahasa) -> &'static [(&'static str, &'static str)] {
    match bahasa {
        Bahasa::Id => BERKAS_ID,
        Bahasa::En => BERKAS_EN,
    }
}

/// Parses one language's files. A syntax error panics at first use in
/// production, but the catalogue's tests parse every file first.
fn buat(bahasa: Bahasa) -> Bundle {
    let langid: LanguageIdentifier = bahasa.kode().parse().expect("kode bahasa");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // The pages are HTML with their own direction; Unicode isolation
    // marks around variables would only show up in copied text.
    bundle.set_use_isolating(false);
    match bahasa {
        Bahasa::Id => bundle.set_formatter(Some(format_angka_id)),
        Bahasa::En => bundle.set_formatter(Some(format_angka_en)),
    }
    for (nama, isi) in berkas(bahasa) {
        let resource = FluentResource::try_new((*isi).to_string())
            .unwrap_or_else(|(_, e)| panic!("{}/{nama}: {e:?}", bahasa.kode()));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|e| panic!("{}/{nama}: {e:?}", bahasa.kode()));
    }
    bundle
}

/// Whole numbers inside messages are grouped like every other number on
/// the page (see `format.rs`).
fn format_angka(bahasa: Bahasa, nilai: &FluentValue<'_>) -> Option<String> {
    match nilai {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value >= 0.0 => {
            Some(crate::format::ribuan_dalam(bahasa, n.value as u64))
        }
        _ => None,
    }
}

fn format_angka_id<M>(nilai: &FluentValue<'_>, _: &M) -> Option<String> {
    format_angka(Bahasa::Id, nilai)
}

fn format_angka_en<M>(nilai: &FluentValue<'_>, _: &M) -> Option<String> {
    format_angka(Bahasa::En, nilai)
}

/// Picks the request's language, remembers a `?bahasa=` choice in a
/// cookie, and answers the whole request in it.
pub async fn pilih(req: Request, next: Next) -> Response {
    let dari_tautan = req.uri().query().and_then(|q| {
        q.split('&')
            .find_map(|p| p.strip_prefix("bahasa="))
            .and_then(Bahasa::dari_kode)
    });
    let bahasa = dari_tautan.unwrap_or_else(|| dari_header(req.headers()));
    let mut jawaban = KINI.scope(bahasa, next.run(req)).await;
    let html = jawaban
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if html {
        // The same URL reads differently per language: caches must know.
        jawaban.headers_mut().append(
            header::VARY,
            HeaderValue::from_static("Accept-Language, Cookie"),
        );
    }
    if let Some(b) = dari_tautan {
        let cookie = format!(
            "{COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
            b.kode()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            jawaban.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    jawaban
}

fn dari_header(headers: &HeaderMap) -> Bahasa {
    let dari_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|p| p.trim().strip_prefix("bahasa="))
        .and_then(Bahasa::dari_kode);
    dari_cookie
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Bahasa::dari_accept_language)
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
