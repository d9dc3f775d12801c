//! The demo's social-media room: the KPU's campaign dates, a media team
//! of four with their own Posko accounts (`media.dewi`, `media.rizal`,
//! `media.sari`, `media.yoga`, password `demo-media-N-rahasia`), five official accounts
//! registered with the KPU (each held by named members, one of them
//! keeping the recovery), and one member who has left, so the rotation
//! tasks show; a week of drafts in every state of the review chain, and
//! one claim on the issue desk answered by one of them. Every name, handle
//! and link is invented.

use posko_domain::medsos::{JenisAkses, Platform};
use posko_domain::{Cakupan, Penugasan, Peran};
use posko_storage::Pengguna;
use time::macros::{date, datetime};
use uuid::Uuid;

use crate::medsos::{AkunBaru, IsuBaru, KontenBaru, Pemegang, PengaturanMedsos};
use crate::{Aktor, AppError, NewPengguna, Posko, Result};

/// The team: username, name.
const TIM: [(&str, &str); 4] = [
    ("media.dewi", "Dewi Kurniasih (demo)"),
    ("media.rizal", "Rizal Hakim (demo)"),
    ("media.sari", "Sari Wulandari (demo)"),
    ("media.yoga", "Yoga Pratama (demo)"),
];

/// Records the demo's room as `manajer`; returns the official accounts
/// recorded.
pub(crate) async fn bangun(posko: &Posko, manajer: &Pengguna, pemilihan_id: Uuid) -> Result<usize> {
    let media = Penugasan::new(Peran::Media, Cakupan::Semua).map_err(AppError::invalid)?;
    let mut tim = Vec::new();
    for (i, (username, nama)) in TIM.into_iter().enumerate() {
        let (p, _) = posko
            .add_pengguna(
                &Aktor::demo(),
                NewPengguna {
                    username: username.into(),
                    nama: nama.into(),
                    password: Some(format!("demo-media-{}-rahasia", i + 1)),
                    penugasan: vec![media],
                    telepon: None,
                },
            )
            .await?;
        tim.push(p);
    }
    let [dewi, rizal, sari, yoga] = [tim[0].id, tim[1].id, tim[2].id, tim[3].id];
    posko
        .atur_medsos(
            manajer,
            pemilihan_id,
            PengaturanMedsos {
                mulai_kampanye: date!(2029 - 09 - 25),
                akhir_kampanye: date!(2029 - 11 - 23),
                wajib_periksa: true,
                peninjau: vec![rizal, sari],
            },
        )
        .await?;
    let pegang = |anggota, jenis| Pemegang { anggota, jenis };
    use JenisAkses::{Pemulihan, Pengelola};
    let akun = [
        (
            Platform::Instagram,
            "paslon.bersama",
            "akun utama pasangan calon",
            vec![pegang(dewi, Pemulihan), pegang(yoga, Pengelola)],
        ),
        (
            Platform::TikTok,
            "paslonbersama",
            "video pendek kegiatan kampanye",
            vec![pegang(yoga, Pemulihan), pegang(sari, Pengelola)],
        ),
        (
            Platform::Facebook,
            "PaslonBersamaResmi",
            "halaman resmi dan siaran langsung",
            vec![pegang(dewi, Pemulihan), pegang(rizal, Pengelola)],
        ),
        (
            Platform::YouTube,
            "paslonbersama",
            "debat dan pidato lengkap",
            vec![pegang(rizal, Pemulihan)],
        ),
        (
            Platform::X,
            "paslon_bersama",
            "jawaban cepat tim media",
            vec![pegang(sari, Pemulihan), pegang(yoga, Pengelola)],
        ),
    ];
    let n = akun.len();
    let mut id_akun = Vec::new();
    for (i, (platform, nama, tujuan, pemegang)) in akun.into_iter().enumerate() {
        let id = posko
            .simpan_akun_medsos(
                manajer,
                pemilihan_id,
                None,
                AkunBaru {
                    platform,
                    nama: nama.into(),
                    url: format!("https://{}{nama}", domain(platform)),
                    tujuan: tujuan.into(),
                    kpu_tanggal: Some(date!(2029 - 09 - 20)),
                    kpu_nomor: format!("{}/PL.02-SD/2029", 101 + i),
                    penanggung_jawab: dewi,
                    // One account still without two-step sign-in, so the
                    // home page's warning shows.
                    dua_langkah: platform != Platform::YouTube,
                    pemegang,
                    nonaktif: None,
                    pensiun: false,
                    versi: None,
                },
            )
            .await?;
        id_akun.push(id);
    }
    // Yoga left the team: his three accounts owe a rotation.
    posko
        .anggota_keluar_medsos(manajer, pemilihan_id, yoga, "pindah ke tim lapangan")
        .await?;
    kalender(posko, manajer, &tim, &id_akun, pemilihan_id).await?;
    Ok(n)
}

/// A week of the calendar in every state of the review chain, and a
/// claim on the issue desk answered by one of the drafts.
async fn kalender(
    posko: &Posko,
    manajer: &Pengguna,
    tim: &[Pengguna],
    akun: &[Uuid],
    pemilihan_id: Uuid,
) -> Result<()> {
    use posko_domain::medsos::{LangkahKonten as L, StatusIsu};
    let (dewi, rizal, sari) = (&tim[0], &tim[1], &tim[2]);
    let [ig, tiktok, fb, yt, x] = [akun[0], akun[1], akun[2], akun[3], akun[4]];
    let draf = |judul: &str, teks: &str, akun: Vec<Uuid>, rencana| KontenBaru {
        judul: judul.into(),
        teks: teks.into(),
        media: Vec::new(),
        akun,
        rencana,
        isu: Vec::new(),
    };
    let langkah = |siapa: &Pengguna, id, l, catatan: &'static str| {
        let siapa = siapa.clone();
        async move {
            posko
                .langkah_konten_medsos(&siapa, pemilihan_id, id, l, catatan)
                .await
        }
    };
    // Posted: through review and approval to its live links.
    let akbar = posko
        .tulis_konten_medsos(
            dewi,
            pemilihan_id,
            None,
            draf(
                "Kampanye akbar di alun-alun",
                "Sabtu pagi kita bertemu di alun-alun: program air bersih, sekolah gratis, dan pasar yang tertata. Ajak keluarga! #PaslonBersama",
                vec![ig, fb],
                datetime!(2029-10-05 08:00),
            ),
        )
        .await?;
    langkah(dewi, akbar, L::Ajukan, "").await?;
    langkah(rizal, akbar, L::Periksa, "jadwal dan lokasi sudah dicek").await?;
    langkah(manajer, akbar, L::Setujui, "").await?;
    posko
        .catat_posting_medsos(
            dewi,
            pemilihan_id,
            akbar,
            vec![
                (ig, "https://instagram.com/p/demo-akbar".into()),
                (
                    fb,
                    "https://facebook.com/PaslonBersamaResmi/posts/demo-akbar".into(),
                ),
            ],
        )
        .await?;
    // Waiting for the approver.
    let air = posko
        .tulis_konten_medsos(
            sari,
            pemilihan_id,
            None,
            draf(
                "Video: program air bersih",
                "Satu menit tentang rencana air bersih untuk 12 desa di hulu. #PaslonBersama",
                vec![tiktok],
                datetime!(2029-10-12 19:00),
            ),
        )
        .await?;
    langkah(sari, air, L::Ajukan, "").await?;
    langkah(rizal, air, L::Periksa, "angka desa sesuai dokumen program").await?;
    // Waiting for a reviewer: the answer to a claim.
    let jawaban = posko
        .tulis_konten_medsos(
            sari,
            pemilihan_id,
            None,
            draf(
                "Jawaban: bantuan sosial tidak dihapus",
                "Beredar kabar bahwa bantuan sosial akan dihapus. Tidak benar: program kami menambah penerima, lihat dokumen visi-misi halaman 14.",
                vec![x, ig],
                datetime!(2029-10-08 12:00),
            ),
        )
        .await?;
    langkah(sari, jawaban, L::Ajukan, "").await?;
    // A draft still being written.
    posko
        .tulis_konten_medsos(
            dewi,
            pemilihan_id,
            None,
            draf(
                "Siaran langsung debat kedua",
                "Tonton debat kedua bersama kami malam ini.",
                vec![yt, fb],
                datetime!(2029-11-02 19:30),
            ),
        )
        .await?;
    // The claim it answers, with its response approved by the manager.
    let isu = posko
        .catat_isu_medsos(
            dewi,
            pemilihan_id,
            &IsuBaru {
                judul: "Bantuan sosial akan dihapus".into(),
                klaim: "Pesan berantai: bila paslon terpilih, bantuan sosial dihapus.".into(),
                tempat: "grup WhatsApp warga, unggahan TikTok".into(),
                tautan: vec!["https://www.tiktok.com/@contoh/video/demo".into()],
                pertama_terlihat: None,
                bukti: "Dokumen visi-misi yang diserahkan ke KPU, halaman 14: penerima bantuan ditambah.".into(),
                tanggapan: "Tidak benar. Program kami menambah penerima bantuan sosial (visi-misi hal. 14).".into(),
                konten: Some(vec![jawaban]),
            },
        )
        .await?;
    posko
        .status_isu_medsos(
            sari,
            pemilihan_id,
            isu,
            StatusIsu::Dijawab,
            "jawaban disiapkan",
        )
        .await?;
    posko
        .setujui_tanggapan_isu_medsos(manajer, pemilihan_id, isu)
        .await?;
    Ok(())
}

fn domain(p: Platform) -> &'static str {
    match p {
        Platform::Facebook => "facebook.com/",
        Platform::Instagram => "instagram.com/",
        Platform::TikTok => "tiktok.com/@",
        Platform::YouTube => "youtube.com/@",
        Platform::X => "x.com/",
        Platform::Threads => "threads.net/@",
        Platform::WhatsApp => "whatsapp.com/channel/",
        Platform::Lainnya => "example.org/",
    }
}
