//! A headless Chromium driven over the DevTools protocol, shared by the
//! browser tests (`browser.rs`, `ruang_browser.rs`).

use std::path::Path;
use std::process::Command;

/// A headless Chromium driven over the DevTools protocol: navigate, run
/// script, attach files. Enough to use a page as a person would.
pub struct Cdp {
    child: std::process::Child,
    ws: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    next: u64,
}

impl Cdp {
    /// Starts Chromium with the flags every test needs, plus `extra`
    /// (a window size, say).
    pub async fn start(bin: &Path, profile: &Path, extra: &[&str]) -> Cdp {
        use std::io::BufRead;
        let mut child = Command::new(bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // Ask for Indonesian, as the phones it stands for do.
                "--lang=id",
                "--accept-lang=id-ID,id",
                "--remote-debugging-port=0",
            ])
            .args(extra)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("chromium runs");
        let stderr = child.stderr.take().unwrap();
        let browser_ws = tokio::task::spawn_blocking(move || {
            for line in std::io::BufReader::new(stderr).lines() {
                let line = line.unwrap();
                if let Some(i) = line.find("ws://") {
                    return line[i..].trim().to_string();
                }
            }
            panic!("chromium printed no DevTools address");
        })
        .await
        .unwrap();
        let port = browser_ws
            .trim_start_matches("ws://127.0.0.1:")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let targets: serde_json::Value = reqwest::get(format!("http://127.0.0.1:{port}/json/list"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let page = targets
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .unwrap()["webSocketDebuggerUrl"]
            .as_str()
            .unwrap()
            .to_string();
        let (ws, _) = tokio_tungstenite::connect_async(page).await.unwrap();
        Cdp { child, ws, next: 0 }
    }

    /// Cuts the page's network (`true`) or gives it back, as a phone
    /// losing and finding its signal.
    pub async fn tanpa_sinyal(&mut self, putus: bool) {
        self.call("Network.enable", serde_json::json!({})).await;
        self.call(
            "Network.emulateNetworkConditions",
            serde_json::json!({"offline": putus, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .await;
    }

    pub async fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        match self.try_call(method, params).await {
            Ok(v) => v,
            Err(v) => panic!("{method}: {v}"),
        }
    }

    /// [`Self::call`], with the protocol's error as an `Err` (a page that
    /// navigates while a script runs on it answers one).
    pub async fn try_call(
        &mut self,
        method: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Value> {
        use futures::{SinkExt, StreamExt};
        self.next += 1;
        let id = self.next;
        let msg = serde_json::json!({"id": id, "method": method, "params": params});
        self.ws
            .send(tokio_tungstenite::tungstenite::Message::Text(
                msg.to_string().into(),
            ))
            .await
            .unwrap();
        loop {
            let m = self.ws.next().await.unwrap().unwrap();
            let Ok(text) = m.into_text() else { continue };
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            if v["id"] == id {
                return match v.get("error") {
                    None => Ok(v["result"].clone()),
                    Some(_) => Err(v),
                };
            }
        }
    }

    pub async fn eval(&mut self, js: &str) -> serde_json::Value {
        self.call(
            "Runtime.evaluate",
            serde_json::json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
        )
        .await["result"]["value"]
            .clone()
    }

    /// [`Self::eval`] while the page may be navigating: `None` when the
    /// page went away under the script.
    pub async fn try_eval(&mut self, js: &str) -> Option<serde_json::Value> {
        self.try_call(
            "Runtime.evaluate",
            serde_json::json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
        )
        .await
        .ok()
        .map(|r| r["result"]["value"].clone())
    }

    /// Waits (up to `secs`) until the page's text contains `needle`.
    pub async fn wait_text(&mut self, needle: &str, secs: u64) -> String {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let text = self
                .try_eval("document.body ? document.body.innerText : ''")
                .await
                .unwrap_or_default()
                .as_str()
                .unwrap_or_default()
                .to_string();
            if text.contains(needle) {
                return text;
            }
            assert!(
                std::time::Instant::now() < until,
                "page never showed '{needle}':\n{text}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }

    pub async fn goto(&mut self, url: &str) {
        self.call("Page.navigate", serde_json::json!({"url": url}))
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
}

impl Drop for Cdp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
