//! Conformance: an election's own survey questions (replaced whole, kept in
//! order, retired ones kept) and the count of answers per area.

use posko_domain::kunjungan::{PertanyaanSurvei, PilihanJawaban};

use super::kegiatan::relawan_di;
use super::{DynStore, jejak, jumlah_audit, k, kunjungan, muat_contoh, pemilihan, seeded};

fn soal(kode: &str, pilihan: &[&str], aktif: bool) -> PertanyaanSurvei {
    PertanyaanSurvei {
        kode: kode.into(),
        teks: format!("Pertanyaan {kode}? (a=b)"),
        teks_en: (kode == "air").then(|| "Water?".to_string()),
        pilihan: pilihan
            .iter()
            .map(|p| PilihanJawaban {
                kode: p.to_string(),
                label: format!("Jawab {p} = ya"),
            })
            .collect(),
        aktif,
    }
}

pub async fn survey_questions_per_election_and_answer_counts(store: DynStore) {
    seeded(&store).await;
    muat_contoh(&store).await;
    let p = pemilihan();
    store.simpan_pemilihan(&p, &jejak()).await.unwrap();
    assert!(
        store
            .daftar_pertanyaan_survei(p.id)
            .await
            .unwrap()
            .is_empty()
    );

    let rows = vec![
        soal("kenal", &["ya", "belum"], true),
        soal("air", &["cukup", "kurang", "tidak-ada"], true),
    ];
    let audit = jumlah_audit(&store).await;
    store
        .ganti_pertanyaan_survei(p.id, &rows, 1_780_000_000, &jejak())
        .await
        .unwrap();
    assert_eq!(jumlah_audit(&store).await, audit + 1);
    assert_eq!(store.daftar_pertanyaan_survei(p.id).await.unwrap(), rows);
    // Replaced whole, in the new order; a retired question stays.
    let rows = vec![
        soal("air", &["cukup", "kurang", "tidak-ada"], true),
        soal("kenal", &["ya", "belum"], false),
        soal("datang", &["pasti", "tidak"], true),
    ];
    store
        .ganti_pertanyaan_survei(p.id, &rows, 1_780_000_100, &jejak())
        .await
        .unwrap();
    assert_eq!(store.daftar_pertanyaan_survei(p.id).await.unwrap(), rows);
    // Another election's questions are its own.
    let mut lain = pemilihan();
    lain.id = uuid::Uuid::now_v7();
    store.simpan_pemilihan(&lain, &jejak()).await.unwrap();
    assert!(
        store
            .daftar_pertanyaan_survei(lain.id)
            .await
            .unwrap()
            .is_empty()
    );

    // Answers counted per question and answer, under the area asked.
    let r = relawan_di(&store, "Rina", "32.73").await;
    let mut a = kunjungan(r.id, "32.73.01.1001-001", 1, 1_780_000_000);
    a.jawaban = vec![
        ("air".into(), "kurang".into()),
        ("kenal".into(), "ya".into()),
    ];
    let mut b = kunjungan(r.id, "32.73.01.1001-002", 1, 1_780_000_000);
    b.jawaban = vec![("air".into(), "kurang".into())];
    let mut c = kunjungan(r.id, "32.73.02.1001-001", 1, 1_780_000_000);
    c.jawaban = vec![("air".into(), "cukup".into())];
    let mut d = kunjungan(r.id, "32.73.01.1001-001", 2, 1_780_000_000);
    d.jawaban.clear();
    store
        .simpan_kunjungan(&[a, b, c, d], &jejak())
        .await
        .unwrap();
    let t = |k: &str, j: &str, n: u64| (k.to_string(), j.to_string(), n);
    assert_eq!(
        store.hitung_jawaban_survei(k("32.73")).await.unwrap(),
        vec![
            t("air", "cukup", 1),
            t("air", "kurang", 2),
            t("kenal", "ya", 1)
        ]
    );
    assert_eq!(
        store.hitung_jawaban_survei(k("32.73.01")).await.unwrap(),
        vec![t("air", "kurang", 2), t("kenal", "ya", 1)]
    );
    assert!(
        store
            .hitung_jawaban_survei(k("31"))
            .await
            .unwrap()
            .is_empty()
    );
}
