//! The demo's social-media room: the KPU's campaign dates, a media team
//! of four with their own Posko accounts (`media.dewi`, `media.rizal`,
//! `media.sari`, `media.yoga`, password `demo-media-N-rahasia`), five official accounts
//! registered with the KPU (each held by named members, one of them
//! keeping the recovery), and one member who has left, so the rotation
//! tasks show. Every name and handle is invented.

use posko_domain::medsos::{JenisAkses, Platform};
use posko_domain::{Cakupan, Penugasan, Peran};
use posko_storage::Pengguna;
use time::macros::date;
use uuid::Uuid;

use crate::medsos::{AkunBaru, Pemegang, PengaturanMedsos};
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
        tim.push(p.id);
    }
    let [dewi, rizal, sari, yoga] = [tim[0], tim[1], tim[2], tim[3]];
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
    for (i, (platform, nama, tujuan, pemegang)) in akun.into_iter().enumerate() {
        posko
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
    }
    // Yoga left the team: his three accounts owe a rotation.
    posko
        .anggota_keluar_medsos(manajer, pemilihan_id, yoga, "pindah ke tim lapangan")
        .await?;
    Ok(n)
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
