use std::collections::BTreeSet;
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use super::*;

fn ids(bahasa: Bahasa) -> BTreeSet<String> {
    let mut semua = BTreeSet::new();
    for (nama, isi) in berkas(bahasa) {
        let resource = match FluentResource::try_new((*isi).to_string()) {
            Ok(r) => r,
            Err((_, galat)) => panic!("{}/{nama} does not parse: {galat:?}", bahasa.kode()),
        };
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                let id = m.id.name.to_string();
                assert!(
                    id.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{}/{nama}: message id {id} is not kebab-case",
                    bahasa.kode()
                );
                assert!(
                    m.value.is_some(),
                    "{}/{nama}: {id} has no value",
                    bahasa.kode()
                );
                assert!(
                    semua.insert(id.clone()),
                    "{}/{nama}: {id} is defined twice",
                    bahasa.kode()
                );
            }
        }
    }
    semua
}

#[test]
fn both_languages_define_the_same_messages_and_every_file_parses() {
    let id = ids(Bahasa::Id);
    let en = ids(Bahasa::En);
    let hanya_id: Vec<_> = id.difference(&en).collect();
    let hanya_en: Vec<_> = en.difference(&id).collect();
    assert!(hanya_id.is_empty(), "only in id/: {hanya_id:?}");
    assert!(hanya_en.is_empty(), "only in en/: {hanya_en:?}");
    // Building the bundles also rejects an id defined in two files.
    for b in Bahasa::SEMUA {
        let _ = bundle(b);
    }
}

/// The calls through which code names a message.
const POLA: [&str; 6] = [
    "t(\"",
    "t1(\"",
    "t2(\"",
    "tn(\"",
    "teks(\"",
    "teks_dengan(\"",
];

fn referenced(isi: &str) -> Vec<String> {
    let mut found = Vec::new();
    for pola in POLA {
        let mut dari = 0;
        while let Some(i) = isi[dari..].find(pola) {
            let mulai = dari + i;
            dari = mulai + pola.len();
            let sebelum = isi[..mulai].chars().next_back();
            if sebelum.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(akhir) = isi[dari..].find('"') {
                found.push(isi[dari..dari + akhir].to_string());
            }
        }
    }
    found
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs" || x == "html") {
            out.push(p);
        }
    }
}

#[test]
fn every_message_named_in_templates_and_handlers_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    walk(&root.join("templates"), &mut files);
    let known = ids(Bahasa::Id);
    let mut missing = Vec::new();
    let mut count = 0;
    for f in &files {
        if f.ends_with("bahasa/tests.rs") {
            continue;
        }
        let isi = std::fs::read_to_string(f).unwrap();
        for id in referenced(&isi) {
            count += 1;
            if !known.contains(&id) {
                missing.push(format!("{}: {id}", f.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "messages not in the catalogue: {missing:#?}"
    );
    assert!(count > 100, "the scan found only {count} references");
}

#[test]
fn the_scan_sees_each_way_of_naming_a_message() {
    let isi = r#"{{ crate::t("a-b") }} t1("c", "n", x) Bahasa::En.teks("d") split("x") "#;
    assert_eq!(referenced(isi), ["a-b", "c", "d"]);
}

#[test]
fn accept_language_picks_the_preferred_supported_language() {
    assert_eq!(Bahasa::dari_accept_language("en"), Some(Bahasa::En));
    assert_eq!(
        Bahasa::dari_accept_language("en-US,en;q=0.9,id;q=0.8"),
        Some(Bahasa::En)
    );
    assert_eq!(
        Bahasa::dari_accept_language("fr, id;q=0.5, en;q=0.4"),
        Some(Bahasa::Id)
    );
    assert_eq!(
        Bahasa::dari_accept_language("en;q=0.2, id-ID"),
        Some(Bahasa::Id)
    );
    assert_eq!(Bahasa::dari_accept_language("fr, de"), None);
    assert_eq!(Bahasa::dari_accept_language("en;q=0"), None);
}

#[test]
fn numbers_in_messages_are_grouped_and_english_picks_a_plural() {
    assert_eq!(
        Bahasa::En.teks_dengan("jumlah-tps", &[("jumlah", 1.into())]),
        "1 polling station"
    );
    assert_eq!(
        Bahasa::En.teks_dengan("jumlah-tps", &[("jumlah", 12345.into())]),
        "12,345 polling stations"
    );
    assert_eq!(
        Bahasa::Id.teks_dengan("jumlah-tps", &[("jumlah", 12345.into())]),
        "12.345 TPS"
    );
}

#[tokio::test]
async fn a_request_language_reaches_code_that_never_asked_for_it() {
    assert_eq!(t("beranda"), "Beranda");
    let en = Bahasa::En.dalam(async { t("beranda") }).await;
    assert_eq!(en, "Home");
    assert_eq!(Bahasa::kini(), Bahasa::Id);
}

/// A response body is polled after its request's task-local scope ends: a
/// progress stream opened on an English page must still speak English,
/// and work on a blocking thread too.
#[tokio::test]
async fn streams_and_blocking_work_keep_the_language_they_were_opened_in() {
    use futures::StreamExt;
    let tanpa = Bahasa::En
        .dalam(async { futures::stream::once(async { crate::format::ribuan(1_234_567) }).boxed() })
        .await;
    assert_eq!(tanpa.collect::<Vec<_>>().await, ["1.234.567"], "the bug");
    let dengan = Bahasa::En
        .dalam(async {
            Bahasa::kini().aliran(futures::stream::once(async {
                crate::format::ribuan(1_234_567)
            }))
        })
        .await;
    assert_eq!(dengan.collect::<Vec<_>>().await, ["1,234,567"]);
    let latar = Bahasa::En
        .dalam(crate::di_latar("uji", || crate::format::ribuan(1_234_567)))
        .await
        .ok()
        .unwrap();
    assert_eq!(latar, "1,234,567");
}

/// Menu and home-page labels are named in tables, not in `t("…")` calls,
/// so the scan above cannot see them.
#[test]
fn every_label_of_the_menu_and_the_home_page_exists() {
    for b in Bahasa::SEMUA {
        let known = ids(b);
        for (_, label) in crate::menu::HALAMAN
            .iter()
            .chain(crate::pages::RUANG_PEMILIHAN)
        {
            assert!(known.contains(*label), "{b:?}: {label}");
        }
    }
}
