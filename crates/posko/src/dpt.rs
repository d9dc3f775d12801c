//! `posko import dpt FILE`: the voter-list import with a progress bar on
//! stderr (rows and rows/s). When stderr is not a terminal (a log file, a
//! pipe, a test) the bar is hidden and only the final report is printed.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use posko_app::{Aktor, ImportRequest, KemajuanDpt, Posko};

/// Problems printed before the rest are only counted.
const PROBLEMS_SHOWN: usize = 50;

pub async fn import(posko: &Posko, file: &Path, req: ImportRequest) -> anyhow::Result<ExitCode> {
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new_spinner();
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} {human_pos} baris  {per_sec}  {elapsed_precise}  {msg}",
            )
            .expect("valid template"),
        );
        b.enable_steady_tick(Duration::from_millis(200));
        b
    } else {
        ProgressBar::hidden()
    };
    let b = bar.clone();
    let progress = Arc::new(move |k: KemajuanDpt| {
        b.set_position(k.baris);
        if k.masalah > 0 {
            b.set_message(format!("{} masalah", k.masalah));
        }
    });
    let result = posko.import_dpt(&Aktor::cli(), file, req, progress).await;
    bar.finish_and_clear();
    let report = result?;
    for n in &report.notices {
        println!("catatan: {n}");
    }
    for p in report.problems.iter().take(PROBLEMS_SHOWN) {
        if report.applied {
            println!("dilewati: {p}");
        } else {
            eprintln!("{p}");
        }
    }
    let more = report.problem_count.saturating_sub(PROBLEMS_SHOWN as u64);
    if more > 0 {
        let line = format!("… dan {more} masalah lain");
        if report.applied {
            println!("{line}");
        } else {
            eprintln!("{line}");
        }
    }
    let line = format!("Impor DPT: {}", report.summary());
    if report.applied {
        println!("{line}");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{line}");
        Ok(ExitCode::FAILURE)
    }
}
