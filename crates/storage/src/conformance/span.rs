//! Every store method a backend implements opens a tracing span, so that
//! `POSKO_LOG=debug` shows request → app method → store method. Backends
//! call [`store_methods_without_span`] on their own `src/` from a test, so
//! a new method cannot forget `#[tracing::instrument(level = "debug", skip_all)]`.

use std::path::{Path, PathBuf};

/// The attribute every store method carries.
pub const INSTRUMENT: &str = r#"#[tracing::instrument(level = "debug", skip_all)]"#;

/// `file:line name` of every `async fn` inside an `impl …Store… for …`
/// block under `src` (recursively) that lacks [`INSTRUMENT`] among its
/// attributes. Empty when every method has it.
pub fn store_methods_without_span(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut lupa = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
        for (line, name) in methods_without_span(&text) {
            lupa.push(format!("{}:{line} {name}", file.display()));
        }
    }
    lupa
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `(line, name)` of the uninstrumented store methods in one source file.
fn methods_without_span(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut in_store_impl = false;
    for (i, line) in lines.iter().enumerate() {
        if is_store_impl(line) {
            in_store_impl = true;
        } else if in_store_impl && *line == "}" {
            in_store_impl = false;
        } else if in_store_impl && let Some(rest) = line.trim_start().strip_prefix("async fn ") {
            let mut attributes = lines[..i]
                .iter()
                .rev()
                .map(|l| l.trim())
                .take_while(|l| l.starts_with("#[") || l.starts_with("///"));
            if !attributes.any(|l| l == INSTRUMENT) {
                let name = rest.split(['(', '<']).next().unwrap_or(rest);
                out.push((i + 1, name.to_string()));
            }
        }
    }
    out
}

/// `impl <Area>Store for <Backend> {` at the start of a line.
fn is_store_impl(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("impl") else {
        return false;
    };
    let Some((tr, _)) = rest.split_once(" for ") else {
        return false;
    };
    tr.contains("Store") && line.trim_end().ends_with('{')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_method_that_lacks_the_attribute() {
        let text = r#"
impl Helper {
    async fn bukan_store(&self) {}
}

#[async_trait]
impl WilayahStore for SqliteStore {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn ambil(&self) -> Result<()> {
        Ok(())
    }

    /// Documented, attributed, but not instrumented.
    #[allow(clippy::too_many_arguments)]
    async fn lupa<'a>(&self) -> Result<()> {
        Ok(())
    }
}

async fn bebas() {}
"#;
        assert_eq!(methods_without_span(text), vec![(15, "lupa".to_string())]);
    }
}
