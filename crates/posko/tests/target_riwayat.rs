//! Targets from an earlier election's turnout, on both backends: the real
//! 2019 per-TPS results of DKI Jakarta, Kota Bandung and Kota Surabaya as
//! the history, DKI's real regions and 2017 TPS as the current ground.

use crate::common;

use common::{pemilihan_gubernur, serve, shared_data, store, store_dki};
use posko_app::{Aktor, AppError, ImportRequest};
use posko_domain::hitung_cepat::{Alokasi, Stratifikasi};
use posko_domain::{Cakupan, KodeWilayah, Penugasan, Peran, Persen};
use posko_storage::SumberPartisipasi;

const BERKAS: &str = "hasil/kawalpemilu2019_pilpres_tps_dki_bandung_surabaya_named.csv";

per_backend!(history_turnout_drives_targets_and_assumptions_are_saved);
async fn history_turnout_drives_targets_and_assumptions_are_saved(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let aktor = Aktor::system();
    let pid = pemilihan_gubernur(&posko, &aktor, "31", 2).await;
    let dki = KodeWilayah::parse("31").unwrap();
    let p70 = Persen::parse("70").unwrap();

    // The quick count's expected margin before any history: the usual
    // assumed spread.
    let pratinjau = || async {
        posko
            .pratinjau_sampel(
                pid,
                Stratifikasi::KabKota,
                Alokasi::ProporsionalDpt,
                Some(400),
                None,
            )
            .await
            .unwrap()
    };
    let awal = pratinjau().await;
    assert_eq!(awal.riwayat, None);

    // Turnout from history needs a history.
    let e = posko
        .simpan_asumsi_target(&aktor, "sistem", pid, p70, SumberPartisipasi::Riwayat, None)
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Invalid(ref m) if m.contains("posko import riwayat")),
        "{e}"
    );

    // The real file has 119 Surabaya TPS without a desa code (rows that
    // cannot be placed: problems), and 928 rows KPU published as they are
    // but that break a rule: 718 with valid + invalid votes above the DPT
    // (voters added on the day), 214 where "ours" exceeds the valid votes
    // (SITUNG's own data-entry errors), 4 rows with both. Those are loaded,
    // each named by line and column, and kept out of turnout.
    let file = data.join(BERKAS);
    let r = posko
        .import_riwayat(
            &aktor,
            &file,
            "Pilpres 2019",
            Some("kpu_pas1"),
            ImportRequest::default(),
        )
        .await
        .unwrap();
    assert!(!r.applied, "{backend}");
    assert_eq!(r.problems.len(), 119, "{backend}: {:?}", &r.problems[..3]);
    assert_eq!(r.rows_bermasalah, 119, "{backend}");
    assert!(
        r.problems
            .iter()
            .all(|p| p.contains("kolom 'kode_desa_kemendagri'")),
        "{backend}: {:?}",
        &r.problems[..3]
    );
    assert_eq!(r.ditandai.len(), 718 + 214, "{backend}");
    assert!(
        r.ditandai.iter().any(|p| p.contains(
            ".csv:120: kolom 'kpu_pas1': suara kita (94) melebihi suara sah (0); dimuat"
        )),
        "{backend}: {:?}",
        &r.ditandai[..3]
    );
    assert!(
        r.ditandai
            .iter()
            .any(|p| p.contains("kolom 'kpu_sah': suara sah + tidak sah (")),
        "{backend}"
    );
    assert_eq!(r.rows_ditandai, 928, "{backend}");
    assert!(
        r.summary().contains(
            "119 baris bermasalah; tidak ada yang diimpor (perbaiki berkas, atau pakai --skip-invalid untuk mengimpor 44197 baris yang sah saja); 928 baris ditandai, 932 alasan"
        ),
        "{backend}: {}",
        r.summary()
    );
    assert!(posko.ambil_riwayat().await.unwrap().is_none(), "{backend}");

    // Skipping the unplaceable rows imports every other one, flagged
    // rows included: history is what was published.
    let r = posko
        .import_riwayat(
            &aktor,
            &file,
            "Pilpres 2019",
            Some("kpu_pas1"),
            ImportRequest {
                skip_invalid: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(r.applied, "{backend}");
    let h = posko.ambil_riwayat().await.unwrap().unwrap();
    assert_eq!(h.nama, "Pilpres 2019");
    assert!(h.ada_suara_kita);
    assert_eq!(h.tps, r.rows_valid, "{backend}");
    assert_eq!(h.tps, 44_197, "{backend}");
    let semua = posko
        .store()
        .daftar_hasil_lalu(KodeWilayah::parse("31").unwrap())
        .await
        .unwrap();
    let ditandai: Vec<_> = semua.iter().filter(|h| h.ditandai).collect();
    assert!(
        ditandai.iter().all(
            |h| u64::from(h.sah) + u64::from(h.tidak_sah) > u64::from(h.dpt)
                || h.kita > Some(h.sah)
        ),
        "{backend}"
    );
    assert!(!ditandai.is_empty(), "{backend}");
    // Turnout leaves every flagged row out: its desa's sums are those of
    // the other rows only.
    let partisipasi = posko
        .store()
        .daftar_partisipasi_lalu(KodeWilayah::parse("31").unwrap())
        .await
        .unwrap();
    let mut harus: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    for h in semua.iter().filter(|h| !h.ditandai && h.dpt > 0) {
        let e = harus.entry(h.tps.desa().to_string()).or_default();
        e.0 += u64::from(h.dpt);
        e.1 += u64::from(h.sah);
    }
    assert_eq!(partisipasi.len(), harus.len(), "{backend}");
    for p in &partisipasi {
        assert_eq!(
            harus[&p.desa.to_string()],
            (p.dpt, p.sah),
            "{backend}: {}",
            p.desa
        );
        assert!(p.sah <= p.dpt, "{backend}: {} turnout above 100 %", p.desa);
    }

    // With one turnout for all: 70 % of DPT are valid votes.
    let tetap = posko
        .target_dengan(pid, dki, p70, SumberPartisipasi::Tetap, None)
        .await
        .unwrap();
    let sum = |t: &posko_app::TargetWilayah| {
        t.baris
            .iter()
            .fold((0u64, 0u64), |(d, s), b| (d + b.dpt, s + b.suara_sah))
    };
    let (dpt, sah) = sum(&tetap);
    assert!((sah as f64 / dpt as f64 - 0.70).abs() < 0.001);
    assert_eq!(tetap.tps_riwayat, 0);

    // From history: DKI's 2019 valid votes were 81.5 % of its DPT
    // (KPU: 6,327,822 of 7,761,598), applied desa by desa.
    let lalu = posko
        .target_dengan(pid, dki, p70, SumberPartisipasi::Riwayat, None)
        .await
        .unwrap();
    let (dpt2, sah2) = sum(&lalu);
    assert_eq!(dpt, dpt2);
    let rasio = sah2 as f64 / dpt2 as f64;
    assert!((0.79..0.84).contains(&rasio), "{backend}: {rasio}");
    // Nearly every current TPS lies in a desa with history.
    let share = lalu.tps_riwayat as f64 / (lalu.tps_riwayat + lalu.tps_tetap) as f64;
    assert!(share > 0.95, "{backend}: {share}");
    // Higher turnout means more votes needed: the biggest gap grows.
    assert!(lalu.baris[0].selisih > tetap.baris[0].selisih);

    // The quick count's expected margin now uses the spread of the
    // followed candidate's 2019 share in DKI's TPS.
    let kini = pratinjau().await;
    let asal = kini.riwayat.clone().expect("history used");
    eprintln!(
        "{backend}: 400 TPS by kab/kota, expected margin ±{:.2} pt assumed, ±{:.2} pt from {asal}",
        awal.margin * 100.0,
        kini.margin * 100.0
    );
    assert!(asal.starts_with("Pilpres 2019: "), "{asal}");
    assert!(
        kini.margin != awal.margin && (0.005..0.05).contains(&kini.margin),
        "{backend}: {} vs {}",
        kini.margin,
        awal.margin
    );

    // Saved per election, and read back.
    let a = posko
        .simpan_asumsi_target(&aktor, "sistem", pid, p70, SumberPartisipasi::Riwayat, None)
        .await
        .unwrap();
    assert_eq!(posko.ambil_asumsi_target(pid).await.unwrap(), Some(a));

    // The target page: turnout per desa on request, saved by a manager
    // for everyone, and no save button for a coordinator.
    let s = serve(posko, dir).await;
    let c = s.client();
    let page = c
        .get(s.url(&format!(
            "/target/31?pemilihan={pid}&partisipasi=65&sumber=tetap"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Pilpres 2019, per desa"), "{backend}");
    assert!(!page.contains("suara sah ÷ DPT desanya"), "{backend}");
    let csrf = common::nilai_input(&page, "csrf");
    let r = c
        .post(s.url(&format!("/pemilihan/{pid}/asumsi-target")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("partisipasi", "65"),
            ("target", ""),
            ("sumber", "tetap"),
            ("kembali", "31"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER, "{backend}");
    let saved = s.posko.ambil_asumsi_target(pid).await.unwrap().unwrap();
    assert_eq!(
        (
            saved.partisipasi.to_string(),
            saved.sumber,
            saved.oleh.as_str()
        ),
        ("65".to_string(), SumberPartisipasi::Tetap, "uji.manajer")
    );
    let page = c
        .get(s.url(&format!("/target/31?pemilihan={pid}&disimpan=1")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Asumsi disimpan"), "{backend}");
    assert!(
        page.contains("Asumsi tersimpan untuk pemilihan ini (oleh uji.manajer"),
        "{backend}"
    );
    assert!(
        page.contains("name=\"partisipasi\" value=\"65\""),
        "{backend}"
    );
    // Turnout per desa, asked for on the page.
    let page = c
        .get(s.url(&format!("/target/31?pemilihan={pid}&sumber=riwayat")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("suara sah ÷ DPT desanya pada Pilpres 2019"),
        "{backend}"
    );
    // The quick-count preview names the history its margin comes from.
    let page = c
        .get(s.url(&format!(
            "/pemilihan/{pid}/hitung-cepat?stratifikasi=kab_kota&alokasi=proporsional_dpt&ukuran=400&margin=&benih=1"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("antar-TPS pada Pilpres 2019: "), "{backend}");

    // A bad figure is refused with the field named, and nothing changes.
    let r = c
        .post(s.url(&format!("/pemilihan/{pid}/asumsi-target")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("partisipasi", "120"),
            ("kembali", "31"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("partisipasi"), "{backend}");
    assert_eq!(
        s.posko.ambil_asumsi_target(pid).await.unwrap().unwrap(),
        saved
    );
    let koordinator = s
        .client_as(
            &format!("koord.{backend}"),
            vec![Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(dki)).unwrap()],
        )
        .await;
    let page = koordinator
        .get(s.url(&format!("/target/31?pemilihan={pid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("asumsi-target"),
        "{backend}: a coordinator saw the save form"
    );
}

per_backend!(a_bad_history_file_is_named_by_line_and_column_and_writes_nothing);
async fn a_bad_history_file_is_named_by_line_and_column_and_writes_nothing(backend: &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let posko = store(backend, dir.path()).await;
    let aktor = Aktor::system();
    let f = dir.path().join("lalu.csv");
    std::fs::write(
        &f,
        "kode_desa,tps,dpt,sah,tidak_sah,suara_01\n\
         32.73.01.1001,1,200,150,5,80\n\
         32.73.01.1001,2,200,210,5,80\n\
         32.73.01.1001,3,200,150,5,151\n\
         32.73.01.1001,1,200,150,5,80\n\
         32.73.01.1001,4,dua ratus,150,5,80\n\
         32.73.01.1001,5,200,banyak,5,-1\n\
         ,6,200,150,5,80\n\
         32.73.01.1001,9,10,4294967295,5,\n\
         32.73.01.1001,10,10,1000000,1000000,\n",
    )
    .unwrap();
    let r = posko
        .import_riwayat(
            &aktor,
            &f,
            "Pilkada 2020",
            Some("suara_01"),
            ImportRequest::default(),
        )
        .await
        .unwrap();
    assert!(!r.applied);
    let all = r.problems.join("\n");
    // Rows that cannot be read are problems, each named; one row can
    // have more than one, and the summary counts rows and problems apart.
    for want in [
        "lalu.csv:5: TPS 32.73.01.1001-001 sudah ada di baris 2",
        "lalu.csv:6: kolom 'dpt'",
        "lalu.csv:7: kolom 'sah'",
        "lalu.csv:7: kolom 'suara_01'",
        "lalu.csv:8: kolom 'kode_desa'",
        "lalu.csv:9: kolom 'sah': 4294967295 terlalu besar untuk satu TPS (paling banyak 1000000)",
    ] {
        assert!(all.contains(want), "{backend}: missing {want:?} in\n{all}");
    }
    assert_eq!(r.problems.len(), 6, "{backend}: {all}");
    assert_eq!(r.rows_bermasalah, 5, "{backend}");
    assert!(
        r.summary()
            .contains("5 baris bermasalah (6 masalah); tidak ada yang diimpor"),
        "{backend}: {}",
        r.summary()
    );
    // Published figures that break a rule are flagged, not refused.
    let tanda = r.ditandai.join("\n");
    for want in [
        "lalu.csv:3: kolom 'sah': suara sah + tidak sah (215) melebihi DPT (200); dimuat",
        "lalu.csv:4: kolom 'suara_01': suara kita (151) melebihi suara sah (150); dimuat",
        "lalu.csv:10: kolom 'sah': suara sah + tidak sah (2000000) melebihi DPT (10)",
    ] {
        assert!(
            tanda.contains(want),
            "{backend}: missing {want:?} in\n{tanda}"
        );
    }
    assert_eq!(r.ditandai.len(), 3, "{backend}: {tanda}");
    assert!(posko.ambil_riwayat().await.unwrap().is_none());

    // With the unreadable rows skipped, the flagged ones load and stay out
    // of turnout: desa 1001's is TPS 1's alone.
    let r = posko
        .import_riwayat(
            &aktor,
            &f,
            "Pilkada 2020",
            Some("suara_01"),
            ImportRequest {
                skip_invalid: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(r.applied, "{backend}");
    assert!(
        r.summary().contains(
            "5 baris bermasalah (6 masalah) dilewati; 3 baris ditandai (dimuat, tidak dipakai untuk statistik)"
        ),
        "{backend}: {}",
        r.summary()
    );
    assert_eq!(posko.ambil_riwayat().await.unwrap().unwrap().tps, 4);
    let w = KodeWilayah::parse("32.73").unwrap();
    let p = posko.store().daftar_partisipasi_lalu(w).await.unwrap();
    assert_eq!(p.len(), 1, "{backend}: {p:?}");
    assert_eq!((p[0].dpt, p[0].sah), (200, 150), "{backend}");
    let lalu = posko.store().daftar_hasil_lalu(w).await.unwrap();
    let ditandai: Vec<u16> = lalu
        .iter()
        .filter(|h| h.ditandai)
        .map(|h| h.tps.nomor().get())
        .collect();
    assert_eq!(ditandai, [2, 3, 10], "{backend}");

    // A "ours" column the file lacks is named, with what it has.
    let e = posko
        .import_riwayat(
            &aktor,
            &f,
            "Pilkada 2020",
            Some("pas9"),
            ImportRequest::default(),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("pas9"), "{e}");
    // And a nameless history is refused before reading.
    let e = posko
        .import_riwayat(&aktor, &f, "  ", None, ImportRequest::default())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("--nama"), "{e}");
}
