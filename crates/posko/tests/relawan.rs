//! The ground game on both backends: invitation → downline, supporters with
//! consent, NIK checks, territory, concurrent duplicates, fuzzy review,
//! erasure and targets on real DKI data.

use crate::common;

use common::{shared_data, store_dki};
use posko_app::{CatatPendukung, Gabung};
use posko_domain::{Cakupan, IsianPendukung, KodeWilayah, Penugasan, Peran, Persen};
use posko_storage::Pengguna;

fn c(s: &str) -> Cakupan {
    Cakupan::parse(s).unwrap()
}

fn isian<'a>(nama: &'a str, nik: &'a str, domisili: &'a str) -> IsianPendukung<'a> {
    IsianPendukung {
        nama,
        nik,
        telepon: "0812-3456-7890",
        alamat: "Jl. Kenari 3",
        domisili,
        tanggal_lahir: "",
        dukungan: "kuat",
        sumber: "kunjungan",
    }
}

async fn manajer(posko: &posko_app::Posko) -> Pengguna {
    let (p, _) = posko
        .add_pengguna(
            &posko_app::Aktor::system(),
            posko_app::NewPengguna {
                username: "manajer".into(),
                nama: "Manajer".into(),
                password: Some(common::PASSWORD.into()),
                penugasan: vec![Penugasan::new(Peran::Manager, Cakupan::Semua).unwrap()],
                telepon: None,
            },
        )
        .await
        .unwrap();
    p
}

per_backend!(
    relawan_tree_supporters_rights_and_targets,
    worker_threads = 4
);
async fn relawan_tree_supporters_rights_and_targets(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let m = manajer(&posko).await;
    let top = posko
        .tambah_relawan(&m, "Koordinator Gambir", c("31.71.01"), Some(m.id))
        .await
        .unwrap();
    let m = posko.store().ambil_pengguna(m.id).await.unwrap().unwrap();

    // Invitation → a recruit in the downline; a code works once.
    let kode = posko.buat_undangan(&m, c("31.71.01.1001")).await.unwrap();
    assert!(posko.buat_undangan(&m, c("31.71.02")).await.is_err());
    let (akun, r) = posko
        .gabung_relawan(Gabung {
            kode: kode.clone(),
            username: "relawan.desa".into(),
            nama: "Relawan Desa".into(),
            password: common::PASSWORD.into(),
        })
        .await
        .unwrap();
    assert_eq!(r.perekrut, Some(top.id));
    let again = posko
        .gabung_relawan(Gabung {
            kode,
            username: "relawan.dua".into(),
            nama: "Dua".into(),
            password: common::PASSWORD.into(),
        })
        .await;
    assert!(again.is_err(), "{backend}");
    let turun = posko.bawahan(&m).await.unwrap();
    assert_eq!(turun.iter().map(|r| r.id).collect::<Vec<_>>(), [r.id]);

    // Consent is required; bad NIKs are named; territory is enforced.
    let e = posko
        .catat_pendukung(&akun, &isian("Siti", "", "3171011001001"), &[])
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("persetujuan"), "{e}");
    for bad in ["31710165089", "3171013208900001"] {
        let e = posko
            .catat_pendukung(&akun, &isian("Siti", bad, "3171011001001"), &["survei"])
            .await
            .unwrap_err()
            .to_string();
        assert!(e.contains("NIK"), "{e}");
    }
    let e = posko
        .catat_pendukung(
            &akun,
            &isian("Siti", "", "3171011002001"),
            &["kontak_kampanye"],
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("di luar wilayah"), "{e}");
    assert!(posko.pendukung_terlihat(&m, 100).await.unwrap().is_empty());

    // The same NIK from two relawan at once: exactly one stored.
    let nik = "3171016508900001";
    let tugas = |siapa: Pengguna, nama: &'static str, keperluan: &'static str| {
        let posko = posko.clone();
        tokio::spawn(async move {
            posko
                .catat_pendukung(&siapa, &isian(nama, nik, "3171011001001"), &[keperluan])
                .await
        })
    };
    let a = tugas(akun.clone(), "Hj. Siti Aminah", "kontak_kampanye");
    let b = tugas(m.clone(), "Siti Aminah", "survei");
    let (a, b) = (a.await.unwrap(), b.await.unwrap());
    let hasil = [a.unwrap(), b.unwrap()];
    let baru: Vec<_> = hasil
        .iter()
        .filter_map(|h| match h {
            CatatPendukung::Baru { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    assert_eq!(baru.len(), 1, "{backend}: {hasil:?}");
    assert!(hasil.contains(&CatatPendukung::Ganda(baru[0])));

    // A similar name, same birth date and desa, no NIK: to review.
    let mut mirip = isian("Siti Aminan", "", "3171011001001");
    mirip.tanggal_lahir = "1990-08-25";
    let CatatPendukung::Baru { id: kedua, ragu } = posko
        .catat_pendukung(&akun, &mirip, &["survei"])
        .await
        .unwrap()
    else {
        panic!("not stored")
    };
    assert_eq!(ragu, 1);
    assert_eq!(posko.daftar_ragu(&m).await.unwrap().len(), 1);
    assert_eq!(posko.pendukung_terlihat(&m, 100).await.unwrap().len(), 2);

    // Export shows the data; erase removes it.
    let json = posko.ekspor_pendukung(&m, baru[0]).await.unwrap();
    assert_eq!(json["nik"], nik);
    posko.hapus_pendukung(&m, baru[0]).await.unwrap();
    assert!(
        posko
            .store()
            .ambil_pendukung(baru[0])
            .await
            .unwrap()
            .is_none()
    );
    assert!(posko.daftar_ragu(&m).await.unwrap().is_empty());
    let sisa = posko.pendukung_terlihat(&m, 100).await.unwrap();
    assert_eq!(sisa.iter().map(|p| p.id).collect::<Vec<_>>(), [kedua]);
    assert!(!sisa.iter().any(|p| p.nama.contains("Aminah")));

    // Leaderboard within scope only.
    let papan = posko
        .papan_peringkat(&m, KodeWilayah::parse("31.71.01").unwrap())
        .await
        .unwrap();
    assert_eq!(papan[0].relawan.id, r.id);
    assert_eq!(papan[0].pendukung, 1);
    assert!(
        posko
            .papan_peringkat(&akun, KodeWilayah::parse("31.71").unwrap())
            .await
            .is_err()
    );

    // Targets on real DKI TPS, sorted by gap.
    let pid = common::pemilihan_gubernur(&posko, &posko_app::Aktor::system(), "31", 2).await;
    let t = posko
        .target(
            pid,
            KodeWilayah::parse("31.71.01.1001").unwrap(),
            Persen::parse("75").unwrap(),
            None,
        )
        .await
        .unwrap();
    assert!(!t.is_empty());
    assert!(t.windows(2).all(|w| w[0].selisih >= w[1].selisih));
    let tps1 = t.iter().find(|b| b.kode.ends_with("-001")).unwrap();
    assert_eq!(tps1.dibutuhkan, tps1.suara_sah / 2 + 1);
    assert_eq!(tps1.pendukung, 1);
    assert_eq!(tps1.selisih, tps1.dibutuhkan - 1);

    // Retention: nothing is past its date today; far in the future all is.
    assert_eq!(
        posko
            .hapus_kedaluwarsa(time::OffsetDateTime::now_utc())
            .await
            .unwrap(),
        0
    );
    let nanti = time::OffsetDateTime::now_utc() + time::Duration::days(3650);
    assert_eq!(posko.hapus_kedaluwarsa(nanti).await.unwrap(), 1);
}

per_backend!(
    supporters_are_matched_to_the_imported_voter_list,
    worker_threads = 4
);
async fn supporters_are_matched_to_the_imported_voter_list(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let m = manajer(&posko).await;
    posko
        .tambah_relawan(&m, "Koordinator Gambir", c("31.71.01"), Some(m.id))
        .await
        .unwrap();
    let m = posko.store().ambil_pengguna(m.id).await.unwrap().unwrap();
    let catat = |nama: &'static str, lahir: &'static str| {
        let (posko, m) = (posko.clone(), m.clone());
        async move {
            let mut i = isian(nama, "", "3171011001001");
            i.telepon = "";
            i.tanggal_lahir = lahir;
            posko
                .catat_pendukung(&m, &i, &["kontak_kampanye"])
                .await
                .unwrap();
        }
    };
    // On the DPT (at TPS 002, not where the relawan wrote 001), not on
    // it (same name, another birth date), and not checkable.
    catat("Siti Aminah", "1990-08-25").await;
    catat("Budi Santoso", "1980-01-01").await;
    catat("Cici Lestari", "").await;
    let dpt = dir.path().join("dpt.csv");
    std::fs::write(
        &dpt,
        "KODE DESA,TPS,NAMA LENGKAP,JK,TGL LAHIR\n\
         31.71.01.1001,2,SITI  AMINAH,P,25-08-1990\n\
         31.71.01.1001,1,Budi Santoso,L,02-01-1980\n",
    )
    .unwrap();
    let r = posko
        .import_dpt(
            &posko_app::Aktor::system(),
            &dpt,
            posko_app::ImportRequest::default(),
            std::sync::Arc::new(|_| {}),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.rows_valid, r.problem_count),
        (2, 0),
        "{backend}: {:?}",
        r.problems
    );
    let mut semua = posko.pendukung_terlihat(&m, 100).await.unwrap();
    semua.sort_by(|a, b| a.nama.cmp(&b.nama));
    let status = posko.cocokkan_dpt(&semua).await.unwrap();
    let tps2 = posko_domain::KodeTps::parse("3171011001002").unwrap();
    assert_eq!(
        status,
        [
            posko_app::StatusDpt::TidakDitemukan,
            posko_app::StatusDpt::TanpaTanggalLahir,
            posko_app::StatusDpt::Terdaftar(tps2),
        ],
        "{backend}: Budi, Cici, Siti"
    );
}
