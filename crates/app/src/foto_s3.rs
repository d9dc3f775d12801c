//! Photos of forms in an S3-compatible object store (AWS S3, MinIO,
//! Garage, Ceph, R2…), so every server of one campaign uploads to and
//! serves from the same place. Keys are content-addressed like the local
//! folder: `{awalan}foto/{sha256}` for the original, and
//! `{awalan}pratinjau/{sha256}-{sisi}.jpg` for a cached preview. A second
//! upload of the same bytes finds the object already there and sends
//! nothing; a read checks the bytes still hash to their name, so a store
//! that lost or changed a photo is told apart from the photo itself.

use std::time::Duration;

use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as Kunci;
use object_store::{
    Attribute, Attributes, ClientOptions, ObjectStore, PutOptions, PutPayload, RetryConfig,
};

use crate::foto::{FotoStore, hash_sah};

/// Where the bucket is and how to sign in to it; from `POSKO_S3_*`.
#[derive(Clone, PartialEq, Eq)]
pub struct SetelanS3 {
    /// `http://127.0.0.1:9000`, `https://s3.ap-southeast-3.amazonaws.com`;
    /// `None`: AWS's own endpoint for the region.
    pub endpoint: Option<String>,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
    /// Put before every key, ending in `/` (a bucket shared with other
    /// data); empty by default.
    pub awalan: String,
    /// `https://BUCKET.host/` instead of `https://host/BUCKET/`: AWS wants
    /// it for new buckets; MinIO-like servers want path style (the default).
    pub virtual_host: bool,
}

impl std::fmt::Debug for SetelanS3 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetelanS3")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("access_key", &self.access_key)
            .field("secret_key", &"…")
            .field("awalan", &self.awalan)
            .field("virtual_host", &self.virtual_host)
            .finish()
    }
}

impl SetelanS3 {
    /// Reads `POSKO_S3_BUCKET` and its companions through `var`; `None`
    /// when no bucket is named (photos stay in the local folder). A bucket
    /// without both keys is refused: without them the S3 client would go
    /// looking for a cloud machine's credentials instead.
    pub fn dari(var: impl Fn(&str) -> Option<String>) -> Result<Option<SetelanS3>, String> {
        let isi = |k: &str| {
            var(k)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let Some(bucket) = isi("POSKO_S3_BUCKET") else {
            if let Some(lain) = ["POSKO_S3_ENDPOINT", "POSKO_S3_ACCESS_KEY"]
                .into_iter()
                .find(|k| isi(k).is_some())
            {
                return Err(format!(
                    "{lain} diisi tetapi POSKO_S3_BUCKET kosong: isi nama bucket untuk menyimpan foto di S3"
                ));
            }
            return Ok(None);
        };
        let (Some(access_key), Some(secret_key)) =
            (isi("POSKO_S3_ACCESS_KEY"), isi("POSKO_S3_SECRET_KEY"))
        else {
            return Err(
                "POSKO_S3_BUCKET diisi: isi juga POSKO_S3_ACCESS_KEY dan POSKO_S3_SECRET_KEY"
                    .into(),
            );
        };
        let endpoint = isi("POSKO_S3_ENDPOINT");
        if let Some(e) = &endpoint
            && !(e.starts_with("http://") || e.starts_with("https://"))
        {
            return Err(format!(
                "POSKO_S3_ENDPOINT '{e}' harus diawali http:// atau https://"
            ));
        }
        let virtual_host = match isi("POSKO_S3_GAYA").as_deref() {
            None | Some("path") => false,
            Some("virtual") => true,
            Some(lain) => {
                return Err(format!(
                    "POSKO_S3_GAYA '{lain}' tidak dikenal: pakai path (MinIO dan sejenisnya) atau virtual"
                ));
            }
        };
        let mut awalan = isi("POSKO_S3_PREFIX").unwrap_or_default();
        awalan = awalan.trim_matches('/').to_string();
        if !awalan.is_empty() {
            awalan.push('/');
        }
        Ok(Some(SetelanS3 {
            endpoint,
            bucket,
            region: isi("POSKO_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
            access_key,
            secret_key,
            awalan,
            virtual_host,
        }))
    }

    /// From the process's environment.
    pub fn dari_env() -> Result<Option<SetelanS3>, String> {
        SetelanS3::dari(|k| std::env::var(k).ok())
    }
}

/// Photos in one bucket of an S3-compatible store.
pub struct FotoS3 {
    s3: AmazonS3,
    awalan: String,
    lokasi: String,
}

impl FotoS3 {
    /// A client for the bucket; nothing is sent until the first call
    /// ([`FotoStore::siap`] asks the bucket once).
    pub fn new(s: &SetelanS3) -> std::io::Result<FotoS3> {
        let mut b = AmazonS3Builder::new()
            .with_bucket_name(&s.bucket)
            .with_region(&s.region)
            .with_access_key_id(&s.access_key)
            .with_secret_access_key(&s.secret_key)
            .with_virtual_hosted_style_request(s.virtual_host)
            // A saksi's upload waits on this: a few quick retries, then
            // a clear error, not the client's default of three minutes.
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(20),
                ..RetryConfig::default()
            })
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(5))
                    .with_timeout(Duration::from_secs(60)),
            );
        if let Some(e) = &s.endpoint {
            b = b
                .with_endpoint(e.trim_end_matches('/'))
                .with_allow_http(e.starts_with("http://"));
        }
        let s3 = b.build().map_err(std::io::Error::other)?;
        Ok(FotoS3 {
            s3,
            awalan: s.awalan.clone(),
            lokasi: format!(
                "S3 {} bucket {}{}",
                s.endpoint.as_deref().unwrap_or("AWS"),
                s.bucket,
                if s.awalan.is_empty() {
                    String::new()
                } else {
                    format!(" awalan {}", s.awalan)
                }
            ),
        })
    }

    /// The key of a photo: `{awalan}foto/{sha256}`.
    pub fn kunci_foto(&self, hash: &str) -> std::io::Result<String> {
        if !hash_sah(hash) {
            return Err(std::io::Error::other("hash foto tidak sah"));
        }
        Ok(format!("{}foto/{}", self.awalan, hash.to_ascii_lowercase()))
    }

    fn kunci_turunan(&self, hash: &str, sisi: u32) -> std::io::Result<String> {
        if !hash_sah(hash) {
            return Err(std::io::Error::other("hash foto tidak sah"));
        }
        Ok(format!(
            "{}pratinjau/{}-{sisi}.jpg",
            self.awalan,
            hash.to_ascii_lowercase()
        ))
    }

    async fn baca(&self, kunci: &str) -> std::io::Result<Option<Vec<u8>>> {
        match self.s3.get(&Kunci::from(kunci)).await {
            Ok(r) => Ok(Some(r.bytes().await.map_err(galat(kunci))?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(galat(kunci)(e)),
        }
    }

    async fn tulis(&self, kunci: &str, bytes: Vec<u8>, jenis: &'static str) -> std::io::Result<()> {
        let mut atribut = Attributes::new();
        atribut.insert(Attribute::ContentType, jenis.into());
        self.s3
            .put_opts(
                &Kunci::from(kunci),
                PutPayload::from(bytes),
                PutOptions {
                    attributes: atribut,
                    ..PutOptions::default()
                },
            )
            .await
            .map_err(galat(kunci))?;
        Ok(())
    }
}

fn galat(kunci: &str) -> impl Fn(object_store::Error) -> std::io::Error + '_ {
    move |e| std::io::Error::other(format!("objek {kunci}: {e}"))
}

#[async_trait::async_trait]
impl FotoStore for FotoS3 {
    async fn simpan(&self, hash: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        // Content-addressed: an object already under this name holds these
        // bytes, so the upload is saved (a PUT would be harmless too).
        if self.ada(hash).await? {
            return Ok(());
        }
        let jenis = crate::foto::jenis_foto(&bytes).unwrap_or("application/octet-stream");
        self.tulis(&self.kunci_foto(hash)?, bytes, jenis).await
    }

    async fn ambil(&self, hash: &str) -> std::io::Result<Option<Vec<u8>>> {
        let kunci = self.kunci_foto(hash)?;
        let Some(bytes) = self.baca(&kunci).await? else {
            return Ok(None);
        };
        // Evidence is served only as it was uploaded.
        let (bytes, cocok) = tokio::task::spawn_blocking(move || {
            let h = posko_domain::audit::sha256_hex(&bytes);
            (bytes, h)
        })
        .await
        .map_err(std::io::Error::other)?;
        if !cocok.eq_ignore_ascii_case(hash) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "objek {kunci} di {} berisi berkas lain (SHA-256 {cocok}): foto aslinya rusak atau diganti",
                    self.lokasi
                ),
            ));
        }
        Ok(Some(bytes))
    }

    async fn ada(&self, hash: &str) -> std::io::Result<bool> {
        let kunci = self.kunci_foto(hash)?;
        match self.s3.head(&Kunci::from(kunci.as_str())).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(galat(&kunci)(e)),
        }
    }

    async fn ambil_turunan(&self, hash: &str, sisi: u32) -> std::io::Result<Option<Vec<u8>>> {
        self.baca(&self.kunci_turunan(hash, sisi)?).await
    }

    async fn simpan_turunan(&self, hash: &str, sisi: u32, jpeg: Vec<u8>) -> std::io::Result<()> {
        self.tulis(&self.kunci_turunan(hash, sisi)?, jpeg, "image/jpeg")
            .await
    }

    /// One listing request under the photos' prefix: a wrong endpoint,
    /// bucket or key fails here, at start, not on the first upload.
    async fn siap(&self) -> std::io::Result<()> {
        use futures::StreamExt;
        let awalan = Kunci::from(format!("{}foto", self.awalan));
        match self.s3.list(Some(&awalan)).next().await {
            None | Some(Ok(_)) => Ok(()),
            Some(Err(e)) => Err(std::io::Error::other(format!(
                "{} tidak bisa dibaca: {e}",
                self.lokasi
            ))),
        }
    }

    /// Every photo under `{awalan}foto/` (previews are elsewhere), for
    /// backups; objects whose name is not a hash are not photos.
    async fn daftar(&self) -> std::io::Result<Vec<String>> {
        use futures::TryStreamExt;
        let awalan = Kunci::from(format!("{}foto", self.awalan));
        let mut hash: Vec<String> = self
            .s3
            .list(Some(&awalan))
            .map_err(|e| std::io::Error::other(format!("{}: {e}", self.lokasi)))
            .try_filter_map(|o| async move {
                Ok(o.location
                    .filename()
                    .filter(|n| hash_sah(n))
                    .map(str::to_ascii_lowercase))
            })
            .try_collect()
            .await?;
        hash.sort();
        Ok(hash)
    }

    fn lokasi(&self) -> String {
        self.lokasi.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pasangan: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pasangan
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn setelan_dari_lingkungan() {
        assert_eq!(SetelanS3::dari(env(&[])).unwrap(), None);
        let s = SetelanS3::dari(env(&[
            ("POSKO_S3_BUCKET", "posko"),
            ("POSKO_S3_ENDPOINT", "http://127.0.0.1:9000/"),
            ("POSKO_S3_ACCESS_KEY", "kunci"),
            ("POSKO_S3_SECRET_KEY", "rahasia"),
            ("POSKO_S3_PREFIX", "/kampanye-a/"),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(s.bucket, "posko");
        assert_eq!(s.region, "us-east-1");
        assert_eq!(s.awalan, "kampanye-a/");
        assert!(!s.virtual_host);
        assert!(!format!("{s:?}").contains("rahasia"), "{s:?}");
        let foto = FotoS3::new(&s).unwrap();
        let hash = "AB".repeat(32);
        assert_eq!(
            foto.kunci_foto(&hash).unwrap(),
            format!("kampanye-a/foto/{}", "ab".repeat(32))
        );
        assert!(foto.kunci_foto("../../x").is_err());
        assert!(foto.lokasi().contains("bucket posko"), "{}", foto.lokasi());

        let e = SetelanS3::dari(env(&[("POSKO_S3_BUCKET", "posko")])).unwrap_err();
        assert!(e.contains("POSKO_S3_ACCESS_KEY"), "{e}");
        let e = SetelanS3::dari(env(&[("POSKO_S3_ENDPOINT", "http://x")])).unwrap_err();
        assert!(e.contains("POSKO_S3_BUCKET"), "{e}");
        let e = SetelanS3::dari(env(&[
            ("POSKO_S3_BUCKET", "posko"),
            ("POSKO_S3_ACCESS_KEY", "k"),
            ("POSKO_S3_SECRET_KEY", "r"),
            ("POSKO_S3_ENDPOINT", "minio:9000"),
        ]))
        .unwrap_err();
        assert!(e.contains("http://"), "{e}");
    }
}
