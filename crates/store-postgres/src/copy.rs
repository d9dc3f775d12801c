//! Streaming rows into PostgreSQL with COPY … FROM STDIN (text format).

use bytes::{BufMut, Bytes, BytesMut};
use futures::SinkExt;
use posko_storage::Result;
use tokio_postgres::Transaction;

use crate::backend_err;

/// Flush to the server every this many bytes, so memory stays flat.
const CHUNK: usize = 1 << 20;

/// Sends `rows` (each a fixed set of optional text fields) through `sql`,
/// a `COPY table (cols) FROM STDIN` statement.
pub(crate) async fn copy_in<const N: usize>(
    tx: &Transaction<'_>,
    sql: &str,
    rows: impl Iterator<Item = [Option<String>; N]>,
) -> Result<u64> {
    let sink = tx.copy_in::<_, Bytes>(sql).await.map_err(backend_err)?;
    futures::pin_mut!(sink);
    let mut buf = BytesMut::with_capacity(CHUNK + 4096);
    for row in rows {
        for (i, field) in row.iter().enumerate() {
            if i > 0 {
                buf.put_u8(b'\t');
            }
            match field {
                None => buf.put_slice(b"\\N"),
                Some(text) => escape_into(&mut buf, text),
            }
        }
        buf.put_u8(b'\n');
        if buf.len() >= CHUNK {
            sink.send(buf.split().freeze()).await.map_err(backend_err)?;
        }
    }
    if !buf.is_empty() {
        sink.send(buf.split().freeze()).await.map_err(backend_err)?;
    }
    sink.finish().await.map_err(backend_err)
}

/// COPY text format: backslash, tab, newline and carriage return are escaped.
fn escape_into(buf: &mut BytesMut, text: &str) {
    for b in text.bytes() {
        match b {
            b'\\' => buf.put_slice(b"\\\\"),
            b'\t' => buf.put_slice(b"\\t"),
            b'\n' => buf.put_slice(b"\\n"),
            b'\r' => buf.put_slice(b"\\r"),
            _ => buf.put_u8(b),
        }
    }
}

pub(crate) async fn table_count(tx: &tokio_postgres::Transaction<'_>, table: &str) -> Result<i64> {
    Ok(tx
        .query_one(&format!("SELECT COUNT(*) FROM {table}"), &[])
        .await
        .map_err(backend_err)?
        .get(0))
}
