//! Importing a voter list from the browser, on the real server and both
//! backends: the upload streams to disk, progress arrives over server-sent
//! events, the report names the uploaded file's lines, a bad file writes
//! nothing, and only campaign-wide importers may use it.

use crate::common;

use std::fmt::Write as _;

use common::{nilai_input, serve, store};
use posko_app::{Aktor, ImportRequest, Posko};
use posko_domain::{Cakupan, KodeWilayah, Penugasan, Peran};
use reqwest::StatusCode;

const HEADER: &str = "KODE DESA,TPS,NAMA LENGKAP,JK,TGL LAHIR,ALAMAT,RT,RW,NIK\n";
/// More than two of the importer's 8,192-row batches, so progress is
/// reported before the end.
const ROWS: u32 = 20_000;

async fn seeded(posko: &Posko, dir: &std::path::Path) {
    let w = dir.join("wilayah.csv");
    std::fs::write(
        &w,
        "kode,nama\n32,Jawa Barat\n32.73,Kota Bandung\n32.73.01,Sukasari\n32.73.01.1001,Gegerkalong\n",
    )
    .unwrap();
    let r = posko
        .import_wilayah(&Aktor::system(), &w, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let t = dir.join("tps.csv");
    std::fs::write(&t, "kode_desa,tps_no\n32.73.01.1001,1\n32.73.01.1001,2\n").unwrap();
    let r = posko
        .import_tps(&Aktor::system(), &t, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
}

fn dpt(rows: u32, bad_at: Option<u32>) -> String {
    let mut text = String::from(HEADER);
    for i in 1..=rows {
        let jk = match (Some(i) == bad_at, i % 2) {
            (true, _) => "X",
            (false, 0) => "P",
            (false, _) => "L",
        };
        let _ = writeln!(
            text,
            "32.73.01.1001,{},NAMA {i},{jk},01-01-1980,Jl. Sukasari,1,2,327301**********",
            1 + i % 2
        );
    }
    text
}

/// Uploads `body` as `name` and returns the job's page path.
async fn upload(
    s: &common::TestServer,
    client: &reqwest::Client,
    name: &str,
    body: String,
) -> String {
    let form = client
        .get(s.url("/impor/dpt"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = nilai_input(&form, "csrf");
    let parts = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("encoding", "auto")
        .part(
            "berkas",
            reqwest::multipart::Part::bytes(body.into_bytes()).file_name(name.to_string()),
        );
    let r = client
        .post(s.url("/impor/dpt"))
        .header("origin", s.url(""))
        .multipart(parts)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    r.headers()["location"].to_str().unwrap().to_string()
}

/// Reads the job's event stream to its end: every `kemajuan` event's JSON.
async fn events(
    s: &common::TestServer,
    client: &reqwest::Client,
    job: &str,
) -> Vec<serde_json::Value> {
    let r = client
        .get(s.url(&format!("{job}/kemajuan")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let mut r = r;
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(120);
    // The stream ends after the final event; the deadline only guards
    // against a server that never finishes.
    loop {
        match tokio::time::timeout_at(deadline, r.chunk()).await {
            Ok(Ok(Some(chunk))) => text.push_str(&String::from_utf8_lossy(&chunk)),
            Ok(Ok(None)) => break,
            Ok(Err(e)) => panic!("event stream broke: {e}"),
            Err(_) => panic!("no final event within 120 s: {text}"),
        }
    }
    text.split("\n\n")
        .filter(|ev| ev.contains("event: kemajuan"))
        .filter_map(|ev| ev.lines().find_map(|l| l.strip_prefix("data: ")))
        .map(|d| serde_json::from_str(d).unwrap())
        .collect()
}

per_backend!(upload_reports_progress_then_the_result_and_a_bad_file_writes_nothing);
async fn upload_reports_progress_then_the_result_and_a_bad_file_writes_nothing(
    backend: &'static str,
) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    seeded(&posko, dir.path()).await;
    let s = serve(posko, dir).await;
    let c = s.client();

    let job = upload(&s, &c, "DPT Sukasari.csv", dpt(ROWS, None)).await;
    let ev = events(&s, &c, &job).await;
    let last = ev.last().expect("at least the final event");
    assert_eq!(last["selesai"], true, "{backend}: {ev:?}");
    assert_eq!(last["diterapkan"], true, "{backend}: {last}");
    assert_eq!(last["baris"], ROWS, "{backend}");
    assert_eq!(last["baris_teks"], "20.000", "{backend}");
    // Figures only ever grow.
    let rows: Vec<u64> = ev.iter().map(|e| e["baris"].as_u64().unwrap()).collect();
    assert!(rows.windows(2).all(|w| w[0] <= w[1]), "{backend}: {rows:?}");
    let page = c.get(s.url(&job)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("DPT Sukasari.csv: 20000 pemilih diimpor ke 2 TPS (0 baris lama diganti)"),
        "{backend}: {page}"
    );
    assert!(page.contains("Impor selesai."), "{backend}");

    // One bad line near the end: reported with the uploaded file's name,
    // line and column, and nothing changes.
    let job = upload(&s, &c, "rusak.csv", dpt(ROWS, Some(ROWS - 5))).await;
    let ev = events(&s, &c, &job).await;
    let last = ev.last().unwrap();
    assert_eq!(
        (&last["selesai"], &last["diterapkan"], &last["masalah"]),
        (&true.into(), &false.into(), &1.into()),
        "{backend}: {last}"
    );
    let page = c.get(s.url(&job)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = page.text().await.unwrap();
    let line = ROWS - 5 + 1;
    assert!(
        page.contains(&format!(
            "rusak.csv:{line}: kolom &#39;JK&#39;: jenis kelamin &#39;X&#39; bukan L atau P"
        )),
        "{backend}: {page}"
    );
    assert!(
        !page.contains("/tmp"),
        "{backend}: the server's path leaked"
    );

    // The first import is still whole: importing it again replaces
    // exactly its rows.
    let job = upload(&s, &c, "DPT Sukasari.csv", dpt(ROWS, None)).await;
    let last = events(&s, &c, &job).await.pop().unwrap();
    assert_eq!(last["diterapkan"], true);
    let page = c
        .get(s.url(&job))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("(20000 baris lama diganti)"),
        "{backend}: {page}"
    );
    // The form lists the three jobs, newest first.
    let form = c
        .get(s.url("/impor/dpt"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(form.matches("/impor/dpt/0").count(), 3, "{backend}");
    assert!(form.contains("gagal: 1 masalah"), "{backend}");

    // An empty upload is answered on the form, not as a job.
    let csrf = nilai_input(&form, "csrf");
    let r = c
        .post(s.url("/impor/dpt"))
        .header("origin", s.url(""))
        .multipart(reqwest::multipart::Form::new().text("csrf", csrf).part(
            "berkas",
            reqwest::multipart::Part::bytes(Vec::new()).file_name("x.csv"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Pilih berkas DPT"));

    // A kab/kota coordinator may not replace the voter list.
    let koordinator = s
        .client_as(
            &format!("koord.{backend}"),
            vec![
                Penugasan::new(
                    Peran::Koordinator,
                    Cakupan::Wilayah(KodeWilayah::parse("32.73").unwrap()),
                )
                .unwrap(),
            ],
        )
        .await;
    let r = koordinator.get(s.url("/impor/dpt")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
    let r = koordinator.get(s.url(&job)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");
}
