//! Re-importing a TPS list never erases what the file does not mention:
//! on the real DKI Jakarta 2017 list, a file without the DPT-by-sex or
//! address columns leaves them (and `rekap_dpt`) as they are, an empty
//! cell in a column the file has clears, an identical re-import changes
//! nothing, and the summary counts the changes per field.

use crate::common;

use common::{shared_data, store_dki};
use posko_app::{Aktor, ImportRequest, Posko};
use posko_domain::{KodeTps, KodeWilayah};

/// The first `n` TPS of the real list as (kode_desa, tps_no).
fn tps_nyata(data: &std::path::Path, n: usize) -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(data.join("tps/pilkada_dki2017_putaran1_dpt_tps.csv")).unwrap();
    let mut lines = text.lines();
    let kepala: Vec<&str> = lines.next().unwrap().split(',').collect();
    let kol = |nama: &str| kepala.iter().position(|h| *h == nama).unwrap();
    let (desa, no) = (kol("kode_desa_kemendagri"), kol("tps_no"));
    lines
        .take(n)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[desa].to_string(), c[no].to_string())
        })
        .collect()
}

async fn impor(
    posko: &Posko,
    dir: &std::path::Path,
    nama: &str,
    isi: String,
) -> posko_app::ImportReport {
    let path = dir.join(nama);
    std::fs::write(&path, isi).unwrap();
    let r = posko
        .import_tps(&Aktor::system(), &path, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    r
}

fn kode(desa: &str, no: &str) -> KodeTps {
    KodeTps::new(
        KodeWilayah::parse(desa).unwrap(),
        posko_domain::NomorTps::new(no.parse().unwrap()).unwrap(),
    )
    .unwrap()
}

per_backend!(impor_tps_a_file_without_a_column_keeps_its_stored_values);
async fn impor_tps_a_file_without_a_column_keeps_its_stored_values(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let store = posko.store().clone();
    let rekap_awal = store.ambil_rekap_dpt(None).await.unwrap();
    assert!(rekap_awal.dpt_laki > 0, "{rekap_awal:?}");
    let tps = tps_nyata(&data, 2000);
    let (d0, n0) = &tps[0];
    let awal = store.ambil_tps(kode(d0, n0)).await.unwrap().unwrap();
    assert!(awal.dpt.laki().is_some());

    // Addresses only (no DPT columns at all): the counts stay.
    let mut isi = String::from("kode_desa,tps_no,alamat\n");
    for (i, (d, n)) in tps.iter().enumerate() {
        isi.push_str(&format!("{d},{n},Jl. Uji {i}\n"));
    }
    let r = impor(&posko, dir.path(), "alamat.csv", isi.clone()).await;
    assert_eq!(
        (r.counts.baru, r.counts.berubah, r.counts.sama),
        (0, 2000, 0)
    );
    assert!(
        r.summary().contains("2000 berubah (alamat 2000), 0 sama"),
        "{}",
        r.summary()
    );
    assert_eq!(store.ambil_rekap_dpt(None).await.unwrap(), rekap_awal);
    let t = store.ambil_tps(kode(d0, n0)).await.unwrap().unwrap();
    assert_eq!((t.dpt, t.alamat.as_deref()), (awal.dpt, Some("Jl. Uji 0")));

    // The identical file again: nothing changes.
    let r = impor(&posko, dir.path(), "alamat.csv", isi).await;
    assert_eq!(
        (r.counts.baru, r.counts.berubah, r.counts.sama),
        (0, 0, 2000)
    );

    // Only the total, as stored: the sexes and the addresses stay.
    let mut isi = String::from("kode_desa,tps_no,dpt_total\n");
    for (d, n) in &tps {
        let t = store.ambil_tps(kode(d, n)).await.unwrap().unwrap();
        isi.push_str(&format!("{d},{n},{}\n", t.dpt.total().unwrap()));
    }
    let r = impor(&posko, dir.path(), "total.csv", isi).await;
    assert_eq!(r.counts.berubah, 0, "{}", r.summary());
    assert_eq!(store.ambil_rekap_dpt(None).await.unwrap(), rekap_awal);
    let t = store.ambil_tps(kode(d0, n0)).await.unwrap().unwrap();
    assert_eq!((t.dpt, t.alamat.as_deref()), (awal.dpt, Some("Jl. Uji 0")));

    // An empty cell in a column the file has clears that one value.
    let mut isi = String::from("kode_desa,tps_no,alamat\n");
    for (i, (d, n)) in tps.iter().enumerate() {
        let a = if i < 10 {
            String::new()
        } else {
            format!("Jl. Uji {i}")
        };
        isi.push_str(&format!("{d},{n},{a}\n"));
    }
    let r = impor(&posko, dir.path(), "kosong.csv", isi).await;
    assert_eq!(r.counts.berubah, 10, "{}", r.summary());
    assert!(r.summary().contains("alamat 10"), "{}", r.summary());
    let t = store.ambil_tps(kode(d0, n0)).await.unwrap().unwrap();
    assert_eq!((t.dpt, t.alamat), (awal.dpt, None));
    let (d9, n9) = &tps[10];
    let t = store.ambil_tps(kode(d9, n9)).await.unwrap().unwrap();
    assert_eq!(t.alamat.as_deref(), Some("Jl. Uji 10"));

    // Empty DPT-by-sex cells in present columns clear them.
    let mut isi = String::from("kode_desa,tps_no,dpt_laki,dpt_perempuan,dpt_total\n");
    isi.push_str(&format!("{d0},{n0},,,{}\n", awal.dpt.total().unwrap()));
    let r = impor(&posko, dir.path(), "lp.csv", isi).await;
    assert!(r.summary().contains("DPT L/P 1"), "{}", r.summary());
    let t = store.ambil_tps(kode(d0, n0)).await.unwrap().unwrap();
    assert_eq!((t.dpt.laki(), t.dpt.total()), (None, awal.dpt.total()));
    let rekap = store.ambil_rekap_dpt(None).await.unwrap();
    assert_eq!(
        rekap.dpt_laki,
        rekap_awal.dpt_laki - u64::from(awal.dpt.laki().unwrap())
    );
}

per_backend!(impor_resmi_without_invalid_votes_keeps_the_stored_ones);
async fn impor_resmi_without_invalid_votes_keeps_the_stored_ones(backend: &'static str) {
    use posko_app::{NewPaslon, NewPemilihan};
    use posko_domain::{JenisPemilihan, NamaCalon, NomorUrut};
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let p = posko
        .simpan_pemilihan(
            &Aktor::system(),
            NewPemilihan {
                jenis: JenisPemilihan::Gubernur,
                wilayah: KodeWilayah::parse("31").unwrap(),
                nama: None,
                tanggal: time::macros::date!(2029 - 11 - 28),
            },
        )
        .await
        .unwrap();
    for n in 1..=2u8 {
        posko
            .simpan_paslon(
                &Aktor::system(),
                p.id,
                NewPaslon {
                    nomor_urut: NomorUrut::new(n).unwrap(),
                    calon_kepala: NamaCalon::parse_field(&format!("Calon {n}"), "c").unwrap(),
                    calon_wakil: NamaCalon::parse_field(&format!("Wakil {n}"), "w").unwrap(),
                },
            )
            .await
            .unwrap();
    }
    let tps = tps_nyata(&data, 3);
    let resmi = |isi: String, nama: &str| {
        let path = dir.path().join(nama);
        std::fs::write(&path, isi).unwrap();
        path
    };
    let mut isi = String::from("kode_desa,tps_no,pas1,pas2,tidak_sah\n");
    for (d, n) in &tps {
        isi.push_str(&format!("{d},{n},100,80,7\n"));
    }
    let f = resmi(isi, "resmi.csv");
    let r = posko
        .import_resmi(&Aktor::system(), p.id, &f, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    // Corrected votes, and no invalid-votes column.
    let mut isi = String::from("kode_desa,tps_no,pas1,pas2\n");
    for (d, n) in &tps {
        isi.push_str(&format!("{d},{n},101,80\n"));
    }
    let f = resmi(isi, "resmi2.csv");
    let r = posko
        .import_resmi(&Aktor::system(), p.id, &f, ImportRequest::default())
        .await
        .unwrap();
    assert!(r.applied, "{:?}", r.problems);
    let simpan = posko
        .store()
        .daftar_hasil_resmi_di(p.id, KodeWilayah::parse("31").unwrap())
        .await
        .unwrap();
    assert_eq!(simpan.len(), 3);
    for (t, a) in simpan {
        assert_eq!((a.suara.clone(), a.tidak_sah), (vec![101, 80], 7), "{t}");
    }
}
