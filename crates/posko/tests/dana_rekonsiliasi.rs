//! The RKDK statement reconciled on the real server, both backends: both
//! banks' layouts uploaded through the page's form and the API (CSV and
//! XLSX), the unmatched lists checked exactly, a bad row reported with its
//! line and column and nothing stored, hostile files refused, and the
//! roles without `LihatDana` refused.

use crate::common;
use crate::dana_web::{cakupan, siapkan};

use common::{nilai_input, serve, store};
use posko_app::dana::{BelanjaBaru, IdentitasPenyumbang, PilihPenyumbang, SumbanganBaru};
use posko_domain::Peran;
use posko_domain::dana::{BentukDana, KategoriBelanja, Rekening, SumberDana, Uang};
use posko_storage::SaringDana;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use time::macros::date;

const BCA: &str = "No. rekening : 1234567890\r\n\
Periode : 01/10/2029 - 31/10/2029\r\n\
\r\n\
Tanggal,Keterangan,Cabang,Jumlah,,Saldo\r\n\
01/10,\"SETORAN BUDI, TUNAI\",0000,\"50,000,000.00\",CR,\"50,000,000.00\"\r\n\
06/10,BAYAR BAHAN KAMPANYE,0000,\"7,500,000.00 DB\",,\"42,500,000.00\"\r\n\
07/10,BIAYA ADM,0998,\"15,000.00 DB\",,\"42,485,000.00\"\r\n\
\r\n\
Saldo Awal,=,0.00\r\n";

const MANDIRI: &str = "Tanggal cetak: 01/11/2029\n\
Tanggal;Keterangan;Debet;Kredit;Saldo\n\
01-Okt-2029;Setoran Budi;;50.000.000,00;50.000.000,00\n\
05-Okt-2029;Bahan kampanye;7.500.000,00;;42.500.000,00\n\
10 Oktober 2029;Honor saksi;2.000.000,00;;40.500.000,00\n\
12-Okt-2029;Bunga;;1.234,56;40.501.234,56\n";

fn rp(n: i64) -> Uang {
    Uang::rupiah(n).unwrap()
}

/// The ledger: a donation and two payments through the RKDK, one petty
/// cash payment that the bank never sees. Returns the ids of the RKDK
/// payment the BCA statement lacks.
async fn isi_buku(posko: &posko_app::Posko, id: uuid::Uuid) -> uuid::Uuid {
    let b = posko.akun_cli("uji.bendahara").await.unwrap();
    posko
        .atur_dana(&b, id, date!(2029 - 09 - 24), date!(2029 - 11 - 23), None)
        .await
        .unwrap();
    posko
        .catat_sumbangan(
            &b,
            id,
            &SumbanganBaru {
                tanggal: date!(2029 - 10 - 01),
                penyumbang: PilihPenyumbang::Baru {
                    sumber: SumberDana::Perseorangan,
                    identitas: IdentitasPenyumbang {
                        nama: "Budi Santoso".into(),
                        alamat: "Bandung".into(),
                        telepon: None,
                        nik: Some("3273011203800001".into()),
                        npwp: None,
                    },
                },
                bentuk: BentukDana::Uang,
                rekening: Rekening::Rkdk,
                nilai: rp(50_000_000),
                uraian: "setoran Budi".into(),
                bukti: vec![],
            },
        )
        .await
        .unwrap();
    let belanja = |tanggal, rekening, nilai, uraian: &str| BelanjaBaru {
        tanggal,
        kategori: KategoriBelanja::BahanKampanye,
        bentuk: BentukDana::Uang,
        rekening,
        nilai: rp(nilai),
        uraian: uraian.into(),
        bukti: vec![],
    };
    posko
        .catat_belanja(
            &b,
            id,
            &belanja(
                date!(2029 - 10 - 05),
                Rekening::Rkdk,
                7_500_000,
                "bahan kampanye",
            ),
        )
        .await
        .unwrap();
    let saksi = posko
        .catat_belanja(
            &b,
            id,
            &belanja(
                date!(2029 - 10 - 10),
                Rekening::Rkdk,
                2_000_000,
                "honor saksi",
            ),
        )
        .await
        .unwrap();
    posko
        .catat_belanja(
            &b,
            id,
            &belanja(date!(2029 - 10 - 11), Rekening::Tunai, 300_000, "konsumsi"),
        )
        .await
        .unwrap();
    saksi.id
}

fn unggah(csrf: &str, nama: &str, isi: Vec<u8>) -> Form {
    Form::new()
        .text("csrf", csrf.to_string())
        .part("berkas", Part::bytes(isi).file_name(nama.to_string()))
}

/// A Mandiri statement as XLSX: amounts as number cells, dates as text.
fn mandiri_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in MANDIRI.lines().enumerate() {
        for (c, v) in line.split(';').enumerate() {
            let angka = v.replace('.', "").replace(',', ".").parse::<f64>();
            match angka {
                Ok(f) if r > 1 && c >= 2 => ws.write_number(r as u32, c as u16, f),
                _ => ws.write_string(r as u32, c as u16, v),
            }
            .unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

per_backend!(rekonsiliasi_dua_bank_lewat_http);
async fn rekonsiliasi_dua_bank_lewat_http(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let id = siapkan(&posko).await;
    let s = serve(posko, dir).await;
    let bendahara = s
        .user("uji.bendahara", Peran::Bendahara, cakupan(Peran::Bendahara))
        .await;
    let saksi_id = isi_buku(&s.posko, id).await;
    let auditor = s
        .user("uji.auditor", Peran::Auditor, cakupan(Peran::Auditor))
        .await;
    let dasar = format!("/pemilihan/{id}/dana");
    let sebelum = s
        .posko
        .store()
        .daftar_entri_dana(id, &SaringDana::default())
        .await
        .unwrap();

    // The finance home links to it; the page has the upload form.
    let html = bendahara
        .get(s.url(&dasar))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("href=\"{dasar}/rekonsiliasi\"")),
        "{backend}"
    );
    let r = auditor
        .get(s.url(&format!("{dasar}/rekonsiliasi")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("enctype=\"multipart/form-data\""),
        "{backend}"
    );
    let csrf = nilai_input(&html, "csrf");

    // BCA through the page: the bank's fee has no entry, the 2M payment no line.
    let r = auditor
        .post(s.url(&format!("{dasar}/rekonsiliasi")))
        .multipart(unggah(&csrf, "bca.csv", BCA.into()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let html = r.text().await.unwrap();
    assert!(
        html.contains("id=\"jumlah-mutasi\">3<"),
        "{backend}: {html}"
    );
    assert!(html.contains("id=\"jumlah-entri\">3<"), "{backend}");
    assert!(html.contains("id=\"jumlah-cocok\">2<"), "{backend}");
    let lepas = &html[html.find("id=\"entri-lepas\"").expect("entri lepas")..];
    let lepas = &lepas[..lepas.find("</table>").unwrap()];
    assert_eq!(
        lepas.matches("<tr>").count(),
        2,
        "{backend}: header and one: {lepas}"
    );
    assert!(
        lepas.contains(&format!("href=\"{dasar}/entri/{saksi_id}\"")),
        "{backend}: {lepas}"
    );
    assert!(
        lepas.contains("honor saksi") && lepas.contains("Rp2.000.000"),
        "{backend}"
    );
    let mutasi = &html[html.find("id=\"mutasi-lepas\"").expect("mutasi lepas")..];
    let mutasi = &mutasi[..mutasi.find("</table>").unwrap()];
    assert_eq!(
        mutasi.matches("data-baris=").count(),
        1,
        "{backend}: {mutasi}"
    );
    assert!(mutasi.contains("data-baris=\"7\""), "{backend}");
    assert!(
        mutasi.contains("2029-10-07")
            && mutasi.contains("BIAYA ADM")
            && mutasi.contains("Rp15.000")
    );

    // Mandiri through the API, as the raw body: only the interest is new.
    let r = auditor
        .post(s.url(&format!("/api/v1{dasar}/rekonsiliasi?nama=mandiri.csv")))
        .body(MANDIRI)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let j: serde_json::Value = r.json().await.unwrap();
    assert_eq!(j["baris_mutasi"], 4, "{backend}: {j}");
    assert_eq!(j["cocok"], 3, "{backend}: {j}");
    assert_eq!(j["entri_lepas"], serde_json::json!([]), "{backend}: {j}");
    let m = j["mutasi_lepas"].as_array().unwrap();
    assert_eq!(m.len(), 1, "{backend}: {j}");
    assert_eq!(
        (
            &m[0]["baris"],
            &m[0]["tanggal"],
            &m[0]["arah"],
            &m[0]["nilai"]["sen"]
        ),
        (
            &serde_json::json!(6),
            &serde_json::json!("2029-10-12"),
            &serde_json::json!("penerimaan"),
            &serde_json::json!(123_456)
        ),
        "{backend}: {j}"
    );
    // The same statement as XLSX, as a multipart upload to the API.
    let r = bendahara
        .post(s.url(&format!("/api/v1{dasar}/rekonsiliasi")))
        .multipart(Form::new().part(
            "berkas",
            Part::bytes(mandiri_xlsx()).file_name("mandiri.xlsx"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let j: serde_json::Value = r.json().await.unwrap();
    assert_eq!(j["berkas"], "mandiri.xlsx [Sheet1]", "{backend}: {j}");
    assert_eq!(j["cocok"], 3, "{backend}: {j}");
    assert_eq!(j["mutasi_lepas"][0]["baris"], 6, "{backend}: {j}");

    // A bad row: every problem with its line and column, nothing stored.
    let salah = BCA
        .replace("06/10,BAYAR", "32/10,BAYAR")
        .replace("\"15,000.00 DB\"", "\"15,00,0.00 DB\"");
    let r = auditor
        .post(s.url(&format!("{dasar}/rekonsiliasi")))
        .multipart(unggah(&csrf, "bca.csv", salah.clone().into_bytes()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"masalah-mutasi\""), "{backend}");
    assert!(!html.contains("id=\"hasil-rekonsiliasi\""), "{backend}");
    for (baris, kolom) in [("6", "Tanggal"), ("7", "Jumlah")] {
        let tr = &html[html
            .find(&format!("<tr data-baris=\"{baris}\">"))
            .expect(baris)..];
        let tr = &tr[..tr.find("</tr>").unwrap()];
        assert!(
            tr.contains("bca.csv") && tr.contains(&format!("<td>{kolom}</td>")),
            "{backend}: {tr}"
        );
    }
    let r = auditor
        .post(s.url(&format!("/api/v1{dasar}/rekonsiliasi?nama=bca.csv")))
        .body(salah)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let j: serde_json::Value = r.json().await.unwrap();
    let m: Vec<(u64, String)> = j["masalah"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["baris"].as_u64().unwrap(),
                m["kolom"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        m,
        vec![(6, "Tanggal".into()), (7, "Jumlah".into())],
        "{backend}: {j}"
    );
    assert!(
        j["error"]
            .as_str()
            .unwrap()
            .starts_with("bca.csv:6: kolom 'Tanggal'"),
        "{backend}: {j}"
    );

    // A zip bomb as the statement: refused by the import reader's ceiling.
    let r = auditor
        .post(s.url(&format!("/api/v1{dasar}/rekonsiliasi?nama=bom.xlsx")))
        .body(crate::serangan_berkas::korpus::bom_zip(64))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
    let j: serde_json::Value = r.json().await.unwrap();
    assert!(
        j["masalah"][0]["alasan"]
            .as_str()
            .unwrap()
            .contains("dimampatkan"),
        "{backend}: {j}"
    );

    // No CSRF token, no reconciliation.
    let r = auditor
        .post(s.url(&format!("{dasar}/rekonsiliasi")))
        .multipart(unggah("salah", "bca.csv", BCA.into()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend}");

    let sesudah = s
        .posko
        .store()
        .daftar_entri_dana(id, &SaringDana::default())
        .await
        .unwrap();
    assert_eq!(sebelum, sesudah, "{backend}: reconciling stores nothing");

    // Those who may not see the finances are refused, page and API.
    for peran in [Peran::Relawan, Peran::Koordinator, Peran::Saksi] {
        let c = s.user(&format!("uji.{peran}"), peran, cakupan(peran)).await;
        let r = c
            .get(s.url(&format!("{dasar}/rekonsiliasi")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {peran}");
        let r = c
            .post(s.url(&format!("{dasar}/rekonsiliasi")))
            .multipart(unggah(&csrf, "bca.csv", BCA.into()))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {peran}");
        let r = c
            .post(s.url(&format!("/api/v1{dasar}/rekonsiliasi?nama=bca.csv")))
            .body(BCA)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {peran}");
    }
}
