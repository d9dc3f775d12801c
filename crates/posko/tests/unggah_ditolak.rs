//! An upload refused before its end still gets its answer: a saksi whose
//! session token went stale while the photos were being sent sees the
//! "form expired" page, not a broken connection that a phone's offline
//! queue would retry for ever. The server reads what is left of the body
//! (within the route's limit) before it answers: the C.Hasil and incident
//! forms, and the social-media room's uploads.

use crate::common;

use common::{pemilihan_gubernur, serve, shared_data, store_dki};
use posko_app::Aktor;
use posko_domain::{Cakupan, Peran};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const TPS: &str = "3171011001001";

per_backend!(refused_uploads_are_answered_not_cut);
async fn refused_uploads_are_answered_not_cut(backend: &'static str) {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let posko = store_dki(backend, &data, dir.path()).await;
    let id = pemilihan_gubernur(&posko, &Aktor::system(), "31", 2).await;
    let s = serve(posko, dir).await;
    let saksi = s
        .user("uji.saksi", Peran::Saksi, Cakupan::parse(TPS).unwrap())
        .await;
    let media = s.user("uji.media", Peran::Media, Cakupan::Semua).await;
    let lain = uuid::Uuid::now_v7();
    let rute = [
        (&saksi, format!("/pemilihan/{id}/tps/{TPS}/kirim"), "foto"),
        (&saksi, format!("/pemilihan/{id}/tps/{TPS}/insiden"), "foto"),
        (
            &media,
            format!("/pemilihan/{id}/medsos/konten/{lain}/media"),
            "berkas",
        ),
        (
            &media,
            format!("/pemilihan/{id}/medsos/isu/{lain}/tangkapan"),
            "tangkapan",
        ),
        (&media, format!("/pemilihan/{id}/medsos/analitik"), "berkas"),
    ];
    // Sizes around what a socket buffer holds: the server closing with
    // bytes unread resets the connection, and the answer may be lost.
    for ulang in 0..40 {
        let foto = vec![0xFFu8; [64 * 1024, 300 * 1024, 2 * 1024 * 1024][ulang % 3]];
        for (klien, rute, nama) in &rute {
            let (klien, nama) = (*klien, *nama);
            let url = s.url(rute);
            // A forged token first, then the file.
            let f = Form::new()
                .text("csrf", "palsu")
                .part(nama, Part::bytes(foto.clone()).file_name("c1.jpg"));
            let r = klien
                .post(&url)
                .multipart(f)
                .send()
                .await
                .unwrap_or_else(|e| {
                    panic!("{backend} {rute} #{ulang}: no answer to a forged token: {e:?}")
                });
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{backend} {rute}");
            // The file before any token.
            let f = Form::new()
                .part(nama, Part::bytes(foto.clone()).file_name("c1.jpg"))
                .text("csrf", "palsu");
            let r = klien
                .post(&url)
                .multipart(f)
                .send()
                .await
                .unwrap_or_else(|e| {
                    panic!("{backend} {rute} #{ulang}: no answer to a file before the token: {e:?}")
                });
            assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{backend} {rute}");
        }
    }
}
