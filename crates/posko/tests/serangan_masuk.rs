//! Attacks on the ways in, through the real HTTP server on every backend
//! (issue 17): racing the sign-in throttle.

mod common;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use common::{backends, client, serve, store};
use posko_domain::audit::sha256_hex;

/// Tests here that run Argon2 in this process take turns: the bound on
/// concurrent Argon2 work is process-wide, and a test that floods it must
/// not make another test's one sign-in wait past its timeout.
static BERGILIR: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

// --- item 4: the throttle cannot be raced -------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_concurrent_wrong_passwords_for_one_account_evaluate_at_most_ten() {
    let _giliran = BERGILIR.lock().await;
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let s = serve(store(backend, dir.path()).await, dir).await;
        let mut tugas = Vec::new();
        for _ in 0..40 {
            let (anon, url) = (client(), s.url("/masuk"));
            tugas.push(tokio::spawn(async move {
                anon.post(url)
                    .form(&[
                        ("username", "uji.manajer"),
                        ("password", "tebakan-salah-lagi"),
                    ])
                    .send()
                    .await
                    .unwrap()
            }));
        }
        let mut per_status: BTreeMap<u16, usize> = BTreeMap::new();
        for t in tugas {
            let r = t.await.unwrap();
            if r.status() == StatusCode::SERVICE_UNAVAILABLE {
                assert!(
                    r.headers().contains_key("retry-after"),
                    "{backend}: a busy answer says when to come back"
                );
            }
            *per_status.entry(r.status().as_u16()).or_default() += 1;
        }
        let dinilai = per_status.get(&401).copied().unwrap_or(0);
        assert!(
            dinilai <= 10,
            "{backend}: {dinilai} evaluated: {per_status:?}"
        );
        assert!(
            per_status.get(&429).copied().unwrap_or(0) >= 30,
            "{backend}: the rest are refused before any Argon2 work: {per_status:?}"
        );
        assert!(
            per_status.keys().all(|s| [401, 429, 503].contains(s)),
            "{backend}: {per_status:?}"
        );
        // The right password waits out the window too.
        let r = client()
            .post(s.url("/masuk"))
            .form(&[("username", "uji.manajer"), ("password", common::PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{backend}");
    }
}

// --- item 11: failed sign-ins in the audit log, as hashes ----------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_sign_ins_are_audited_as_hashes_but_throttled_refusals_are_not() {
    let _giliran = BERGILIR.lock().await;
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let s = serve(store(backend, dir.path()).await, dir).await;
        let akun = sha256_hex(b"akun:uji.manajer");
        let alamat = sha256_hex(b"alamat:127.0.0.1");
        let sebelum = s.posko.store().list_audit(0, 10_000).await.unwrap().len();
        let salah = |n: usize| {
            let url = s.url("/masuk");
            async move {
                let mut statuses = Vec::new();
                for _ in 0..n {
                    statuses.push(
                        client()
                            .post(&url)
                            .form(&[
                                ("username", "Uji.Manajer"),
                                ("password", "tebakan-salah-lagi"),
                            ])
                            .send()
                            .await
                            .unwrap()
                            .status(),
                    );
                }
                statuses
            }
        };
        assert!(
            salah(10)
                .await
                .iter()
                .all(|s| *s == StatusCode::UNAUTHORIZED)
        );
        let log = s.posko.store().list_audit(0, 10_000).await.unwrap();
        let baru = &log[sebelum..];
        let tercatat: Vec<_> = baru
            .iter()
            .filter(|e| e.ringkasan.contains(&akun) && e.ringkasan.contains(&alamat))
            .collect();
        assert_eq!(tercatat.len(), 10, "{backend}: {baru:#?}");
        for e in baru {
            let teks = format!("{e:?}").to_lowercase();
            assert!(
                !teks.contains("uji.manajer") && !teks.contains("127.0.0.1"),
                "{backend}: no name or address in clear: {e:?}"
            );
        }
        // Refused by the throttle: answered, but nothing added to the chain.
        assert!(
            salah(5)
                .await
                .iter()
                .all(|s| *s == StatusCode::TOO_MANY_REQUESTS)
        );
        assert_eq!(
            s.posko.store().list_audit(0, 10_000).await.unwrap().len(),
            log.len(),
            "{backend}: throttled refusals are not each logged"
        );
        let check = s.posko.verify_audit().await.unwrap();
        assert_eq!(check.broken, None, "{backend}");
    }
}
