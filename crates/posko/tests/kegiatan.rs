//! What relawan did, counted, against the real server on real DKI Jakarta
//! regions, on every backend: visits logged on the leaderboard, in the
//! activity per day and per area, and a coordinator seeing only their own
//! scope.

use crate::common;

use common::{client_with, serve, shared_data, sign_in, store_dki};
use posko_domain::{
    Cakupan, IsianPendukung, Jejak, JenisKelamin, KodeTps, KodeWilayah, NikTersamar, Pemilih,
    Penugasan, Peran, nama_kunci,
};
use reqwest::StatusCode;
use serde_json::json;
use time::macros::date;

/// Rina's TPS, in Gambir (31.71.01).
const TPS: &str = "3171011001001";
/// In Sawah Besar (31.71.02): Budi's, outside the Gambir coordinator's scope.
const TPS_LUAR: &str = "3171021001001";

fn kw(s: &str) -> KodeWilayah {
    KodeWilayah::parse(s).unwrap()
}

fn pemilih(tps: &str, urut: u32) -> Pemilih {
    Pemilih {
        tps: KodeTps::parse(tps).unwrap(),
        urut,
        nama: nama_kunci(&format!("Warga {urut}")),
        jenis_kelamin: JenisKelamin::Laki,
        tanggal_lahir: Some(date!(1980 - 05 - 17)),
        usia: None,
        alamat: Some(format!("JL. KENARI {urut}")),
        rt: Some(1),
        rw: Some(1),
        nik_tersamar: Some(NikTersamar::parse("317101**********").unwrap()),
    }
}

fn kunjungan(tps: &str, urut: u32) -> serde_json::Value {
    json!({
        "id": uuid::Uuid::now_v7().to_string(),
        "tps": tps,
        "urut": urut,
        "hasil": "bertemu",
        "jawaban": {"isu": "ekonomi"},
        "waktu": time::OffsetDateTime::now_utc().unix_timestamp() - 600,
    })
}

/// The `<td>` cells of the table row holding `penanda`.
fn sel_baris(html: &str, penanda: &str) -> Vec<String> {
    let i = html
        .find(penanda)
        .unwrap_or_else(|| panic!("'{penanda}' not on the page:\n{html}"));
    let awal = html[..i].rfind("<tr").unwrap();
    let akhir = i + html[i..].find("</tr>").unwrap();
    html[awal..akhir]
        .split("<td")
        .skip(1)
        .map(|c| {
            let c = &c[c.find('>').unwrap() + 1..];
            c[..c.find("</td>").unwrap()].to_string()
        })
        .collect()
}

per_backend!(leaderboard_counts_visits_per_relawan_day_and_area_within_scope);
async fn leaderboard_counts_visits_per_relawan_day_and_area_within_scope(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let s = serve(posko, dir).await;
    let posko = &s.posko;
    let mut m = posko.store().muat_pemilih().await.unwrap();
    m.tambah((1..=5).map(|u| pemilih(TPS, u)).collect())
        .await
        .unwrap();
    m.tambah((1..=3).map(|u| pemilih(TPS_LUAR, u)).collect())
        .await
        .unwrap();
    m.selesai(&Jejak::new(
        "uji",
        "import.dpt",
        "berkas",
        "uji",
        "uji",
        b"",
    ))
    .await
    .unwrap();

    let (manajer, _) = posko
        .store()
        .cari_login("uji.manajer")
        .await
        .unwrap()
        .unwrap();
    let gambir = kw("31.71.01");
    let koord_cookie = sign_in(
        posko,
        "koord.gambir",
        vec![Penugasan::new(Peran::Koordinator, Cakupan::Wilayah(gambir)).unwrap()],
    )
    .await;
    let mut cookies = Vec::new();
    for (username, nama, desa) in [
        ("rina.relawan", "Rina", "31.71.01.1001"),
        ("budi.relawan", "Budi", "31.71.02.1001"),
    ] {
        let cakupan = Cakupan::Wilayah(kw(desa));
        let cookie = sign_in(
            posko,
            username,
            vec![Penugasan::new(Peran::Relawan, cakupan).unwrap()],
        )
        .await;
        let (akun, _) = posko.store().cari_login(username).await.unwrap().unwrap();
        posko
            .tambah_relawan(&manajer, nama, cakupan, Some(akun.id))
            .await
            .unwrap();
        cookies.push(cookie);
    }
    let (rina_c, budi_c) = (client_with(&cookies[0]), client_with(&cookies[1]));

    // Rina: 4 visits and 1 supporter; Budi: 2 visits, outside Gambir.
    let api = s.url("/api/v1/kunjungan");
    let body = json!({"kunjungan": (1..=4).map(|u| kunjungan(TPS, u)).collect::<Vec<_>>()});
    let r = rina_c.post(&api).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let body = json!({"kunjungan": [kunjungan(TPS_LUAR, 1), kunjungan(TPS_LUAR, 2)]});
    let r = budi_c.post(&api).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{backend}");
    let (rina, _) = posko
        .store()
        .cari_login("rina.relawan")
        .await
        .unwrap()
        .unwrap();
    posko
        .catat_pendukung(
            &rina,
            &IsianPendukung {
                nama: "Warga Satu",
                domisili: TPS,
                dukungan: "kuat",
                sumber: "kunjungan rumah",
                ..IsianPendukung::default()
            },
            &["kontak_kampanye"],
        )
        .await
        .unwrap();

    // The Gambir coordinator's leaderboard: Rina with her counts, not
    // Budi; the per-area table has her desa only.
    let k = client_with(&koord_cookie);
    let page = k
        .get(s.url("/relawan"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let baris = sel_baris(&page, "<td class=\"num\" data-kunjungan-relawan>4</td>");
    assert_eq!(baris[1], "Rina", "{backend}: {baris:?}");
    assert_eq!((baris[3].as_str(), baris[4].as_str()), ("1", "4"));
    assert!(!page.contains("Budi"), "{backend}: Budi is outside Gambir");
    let area = sel_baris(&page, "data-wilayah=\"31.71.01.1001\"");
    assert_eq!(
        (area[1].as_str(), area[2].as_str()),
        ("1", "4"),
        "{backend}"
    );
    assert!(!page.contains("data-wilayah=\"31.71.02"), "{backend}");

    // Asking for the whole kota: refused on the page, no counts shown.
    let page = k
        .get(s.url("/relawan?wilayah=31.71"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("wilayah 31.71 di luar wilayah tugas Anda"),
        "{backend}: {page}"
    );
    assert!(!page.contains("data-kunjungan-relawan"), "{backend}");
    assert!(!page.contains("id=\"kegiatan-wilayah\""), "{backend}");

    // The campaign manager sees both kecamatan, busiest first.
    let page = client_with(&s.cookie)
        .get(s.url("/relawan?wilayah=31.71"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let gambir_row = sel_baris(&page, "data-wilayah=\"31.71.01\"");
    let sawah_row = sel_baris(&page, "data-wilayah=\"31.71.02\"");
    assert_eq!((gambir_row[1].as_str(), gambir_row[2].as_str()), ("1", "4"));
    assert_eq!((sawah_row[1].as_str(), sawah_row[2].as_str()), ("0", "2"));
    assert!(
        page.find("data-wilayah=\"31.71.01\"").unwrap()
            < page.find("data-wilayah=\"31.71.02\"").unwrap(),
        "{backend}: busiest first"
    );
    let budi = sel_baris(&page, "Budi");
    assert_eq!((budi[3].as_str(), budi[4].as_str()), ("0", "2"));

    // Rina's own activity per day: today's row has 1 supporter and 4
    // visits (logged 10 minutes ago; at most a day boundary apart).
    let page = rina_c
        .get(s.url("/relawan"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let hari = common_aktivitas(&page);
    let total: (u64, u64) = hari.iter().fold((0, 0), |(p, v), (a, b)| (p + a, v + b));
    assert_eq!(total, (1, 4), "{backend}: {hari:?}");
}

/// (supporters, visits) of each row of the activity table.
fn common_aktivitas(html: &str) -> Vec<(u64, u64)> {
    let awal = html.find("relawan-aktivitas").expect("activity table");
    let tabel = &html[awal..awal + html[awal..].find("</table>").unwrap()];
    tabel
        .split("<tr>")
        .skip(2)
        .map(|tr| {
            let sel: Vec<&str> = tr
                .split("<td")
                .skip(1)
                .map(|c| {
                    let c = &c[c.find('>').unwrap() + 1..];
                    &c[..c.find("</td>").unwrap()]
                })
                .collect();
            (sel[1].parse().unwrap(), sel[3].parse().unwrap())
        })
        .collect()
}
