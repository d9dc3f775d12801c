//! Accounts from the command line, and signing in, on every backend.

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::store;
use posko_app::{Aktor, NewPengguna};
use posko_domain::{Cakupan, KodeWilayah, Penugasan, Peran};

fn posko(db: &std::path::Path, args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_posko"))
        .args(args)
        .arg("--database-url")
        .arg(format!("sqlite://{}", db.display()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_manages_accounts_and_roles() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("posko.db");
    let (ok, out, err) = posko(
        &db,
        &[
            "user",
            "add",
            "Ani.Koord",
            "--nama",
            "Ani  Lestari",
            "--peran",
            "koordinator",
            "--cakupan",
            "32.73.01",
            "--password-stdin",
        ],
        "kata-sandi-panjang\n",
    );
    assert!(ok, "{err}");
    assert!(out.contains("Akun ani.koord dibuat"), "{out}");
    assert!(
        !out.contains("Kata sandi awal"),
        "given passwords are never echoed"
    );

    let (ok, out, _) = posko(&db, &["user", "add", "budi", "--nama", "Budi"], "");
    assert!(ok);
    let generated = out.lines().find(|l| l.contains("Kata sandi awal")).unwrap();
    assert_eq!(generated.rsplit(' ').next().unwrap().len(), 16, "{out}");

    let (ok, _, err) = posko(&db, &["user", "add", "ani.koord", "--nama", "Lain"], "");
    assert!(!ok);
    assert!(err.contains("sudah dipakai"), "{err}");
    let (ok, _, err) = posko(
        &db,
        &["user", "add", "cici", "--nama", "C", "--password-stdin"],
        "pendek\n",
    );
    assert!(!ok);
    assert!(err.contains("terlalu pendek"), "{err}");
    let (ok, _, err) = posko(
        &db,
        &[
            "user",
            "add",
            "dedi",
            "--nama",
            "D",
            "--peran",
            "saksi",
            "--cakupan",
            "32.73",
        ],
        "",
    );
    assert!(!ok, "a saksi's scope must be one TPS");
    assert!(err.contains("saksi selalu satu TPS"), "{err}");

    let (ok, out, _) = posko(
        &db,
        &["user", "grant", "budi", "saksi", "3273011001003"],
        "",
    );
    assert!(ok);
    assert!(out.contains("diberikan"), "{out}");
    let (_, out, _) = posko(
        &db,
        &["user", "grant", "budi", "saksi", "3273011001003"],
        "",
    );
    assert!(out.contains("sudah dimiliki"), "{out}");
    let (_, out, _) = posko(&db, &["user", "list"], "");
    assert!(
        out.contains("ani.koord\taktif\tAni Lestari\tkoordinator@32.73.01"),
        "{out}"
    );
    assert!(
        out.contains("budi\taktif\tBudi\tsaksi@32.73.01.1001-003"),
        "{out}"
    );

    let (ok, _, _) = posko(
        &db,
        &["user", "revoke", "budi", "saksi", "3273011001003"],
        "",
    );
    assert!(ok);
    let (ok, _, _) = posko(&db, &["user", "disable", "budi"], "");
    assert!(ok);
    let (_, out, _) = posko(&db, &["user", "list"], "");
    assert!(out.contains("budi\tnonaktif\tBudi\t\n"), "{out}");
    let (ok, _, err) = posko(&db, &["user", "disable", "tidak.ada"], "");
    assert!(!ok);
    assert!(err.contains("tidak ditemukan"), "{err}");

    // Every change is in the audit log, and the chain holds.
    let (_, out, _) = posko(&db, &["audit", "list", "--limit", "50"], "");
    for aksi in [
        "pengguna.buat",
        "peran.beri",
        "peran.cabut",
        "pengguna.nonaktifkan",
    ] {
        assert!(out.contains(aksi), "{aksi} missing from\n{out}");
    }
    assert!(!out.contains("kata-sandi-panjang"));
    let (ok, _, _) = posko(&db, &["audit", "verify"], "");
    assert!(ok);
}

per_backend!(sign_in_accepts_only_the_right_password_of_an_active_account);
async fn sign_in_accepts_only_the_right_password_of_an_active_account(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let role = Penugasan::new(
        Peran::Koordinator,
        Cakupan::Wilayah(KodeWilayah::parse("32.73").unwrap()),
    )
    .unwrap();
    posko
        .add_pengguna(
            &Aktor::system(),
            NewPengguna {
                username: "ani".into(),
                nama: "Ani".into(),
                password: Some("kata-sandi-panjang".into()),
                penugasan: vec![role],
                telepon: None,
            },
        )
        .await
        .unwrap();
    let ok = posko
        .verify_login("ANI", "kata-sandi-panjang")
        .await
        .unwrap()
        .expect("right password");
    assert_eq!(ok.penugasan, vec![role], "{backend}");
    for (u, p) in [
        ("ani", "kata-sandi-salah!"),
        ("ani", ""),
        ("tidak.ada", "kata-sandi-panjang"),
        ("x", "kata-sandi-panjang"),
    ] {
        assert!(
            posko.verify_login(u, p).await.unwrap().is_none(),
            "{backend} {u}"
        );
    }
    posko
        .set_pengguna_aktif(&Aktor::system(), "ani", false)
        .await
        .unwrap();
    assert!(
        posko
            .verify_login("ani", "kata-sandi-panjang")
            .await
            .unwrap()
            .is_none(),
        "{backend}: disabled accounts cannot sign in"
    );
    posko
        .set_pengguna_aktif(&Aktor::system(), "ani", true)
        .await
        .unwrap();
    posko
        .set_password(&Aktor::system(), "ani", "sandi-baru-yang-panjang".into())
        .await
        .unwrap();
    assert!(
        posko
            .verify_login("ani", "kata-sandi-panjang")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        posko
            .verify_login("ani", "sandi-baru-yang-panjang")
            .await
            .unwrap()
            .is_some()
    );
}
