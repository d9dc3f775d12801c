//! Whose request is this, behind a reverse proxy. Posko counts sign-in
//! attempts per client address; behind Caddy or nginx every connection
//! comes from the proxy, so without this one shared count would turn away
//! a morning of honest first sign-ins.
//!
//! Only proxies the operator names (`posko serve --proxy-tepercaya`) are
//! believed. `X-Forwarded-For` is read from its right end, where each
//! trusted hop appended the address it saw: the first address that is not
//! itself a trusted proxy is the client. Anything to its left was written
//! by the client and is ignored, so a caller cannot pick a fresh address
//! per guess by sending the header themselves.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
pub use ipnet::IpNet;

/// The client's address: the TCP peer, unless the peer is a trusted proxy
/// and the forwarded chain names someone beyond it.
pub fn alamat_klien(headers: &HeaderMap, peer: IpAddr, tepercaya: &[IpNet]) -> IpAddr {
    let dipercaya = |ip: &IpAddr| tepercaya.iter().any(|n| n.contains(&ip.to_canonical()));
    if !dipercaya(&peer) {
        return peer.to_canonical();
    }
    // Several headers are one list, in order (RFC 9110 §5.3).
    let rantai: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut klien = peer;
    for hop in rantai.iter().rev() {
        // A hop the proxy could not have written: stop at the last one
        // believed, so garbage never becomes a fresh address.
        let Some(ip) = baca_alamat(hop) else {
            break;
        };
        klien = ip;
        if !dipercaya(&ip) {
            break;
        }
    }
    klien.to_canonical()
}

/// "203.0.113.7", "203.0.113.7:5123", "2001:db8::1" or "[2001:db8::1]:443".
fn baca_alamat(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// One entry of `--proxy-tepercaya`: an address ("127.0.0.1") or a network
/// ("10.0.0.0/8").
pub fn baca_tepercaya(teks: &str) -> Result<IpNet, String> {
    let t = teks.trim();
    t.parse::<IpNet>()
        .or_else(|_| t.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| {
            format!("'{t}' bukan alamat IP atau jaringan (contoh: 127.0.0.1, 10.0.0.0/8, ::1)")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn xff(nilai: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in nilai {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn jaringan(s: &[&str]) -> Vec<IpNet> {
        s.iter().map(|t| baca_tepercaya(t).unwrap()).collect()
    }

    #[test]
    fn without_a_trusted_proxy_the_header_is_ignored() {
        let h = xff(&["203.0.113.7"]);
        assert_eq!(alamat_klien(&h, ip("127.0.0.1"), &[]), ip("127.0.0.1"));
        let t = jaringan(&["10.0.0.0/8"]);
        assert_eq!(
            alamat_klien(&h, ip("198.51.100.1"), &t),
            ip("198.51.100.1"),
            "a peer outside the trusted networks speaks for itself"
        );
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let t = jaringan(&["127.0.0.1", "10.0.0.0/8"]);
        let peer = ip("127.0.0.1");
        assert_eq!(
            alamat_klien(&xff(&["203.0.113.7"]), peer, &t),
            ip("203.0.113.7")
        );
        // What the client wrote itself sits to the left: ignored.
        assert_eq!(
            alamat_klien(&xff(&["1.2.3.4, 203.0.113.7"]), peer, &t),
            ip("203.0.113.7")
        );
        // A second trusted proxy in the chain is skipped; two headers are one list.
        assert_eq!(
            alamat_klien(&xff(&["9.9.9.9, 203.0.113.7", "10.1.2.3"]), peer, &t),
            ip("203.0.113.7")
        );
        // Ports and IPv6, and IPv4 seen as IPv6 by a dual-stack socket.
        assert_eq!(
            alamat_klien(&xff(&["[2001:db8::1]:443"]), peer, &t),
            ip("2001:db8::1")
        );
        assert_eq!(
            alamat_klien(&xff(&["203.0.113.7:5123"]), ip("::ffff:127.0.0.1"), &t),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn garbage_or_a_missing_header_leaves_the_last_believed_hop() {
        let t = jaringan(&["127.0.0.1", "10.0.0.0/8"]);
        let peer = ip("127.0.0.1");
        assert_eq!(alamat_klien(&HeaderMap::new(), peer, &t), peer);
        assert_eq!(alamat_klien(&xff(&["bukan-ip"]), peer, &t), peer);
        assert_eq!(
            alamat_klien(&xff(&["203.0.113.7, bukan-ip, 10.0.0.5"]), peer, &t),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn trusted_entries_are_addresses_or_networks() {
        assert_eq!(
            baca_tepercaya(" 127.0.0.1 ").unwrap().to_string(),
            "127.0.0.1/32"
        );
        assert_eq!(baca_tepercaya("::1").unwrap().to_string(), "::1/128");
        assert_eq!(
            baca_tepercaya("10.0.0.0/8").unwrap().to_string(),
            "10.0.0.0/8"
        );
        let e = baca_tepercaya("10.0.0.0/33").unwrap_err();
        assert!(e.contains("10.0.0.0/33"), "{e}");
        assert!(baca_tepercaya("localhost").is_err());
    }
}
