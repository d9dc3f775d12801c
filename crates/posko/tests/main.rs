//! Posko's integration tests, in one binary: the real server, the real
//! `posko` binary and headless Chromium on SQLite and PostgreSQL. One
//! binary links the whole server once, not once per area, and lets the
//! areas share their setup (see `common`).
//!
//! Each area is a module; `common`, `cdp`, `cli_harness` and `ekspor`'s
//! helpers are shared. Tests run as threads of one process: nothing here
//! may change the environment, the current directory or a fixed port, or
//! hold a process-wide bound for long. `serangan_masuk` floods the
//! process's Argon2 turns on purpose, so it is a binary of its own.

#[macro_use]
mod common;
mod cdp;
mod cli_harness;

mod akun;
mod audit;
mod authz;
mod bahasa;
mod banyak_server;
mod browser;
mod cadangan;
mod cari_pendukung;
mod cli_dana;
mod cli_dpt;
mod cli_import;
mod cli_riwayat;
mod dana_bukti;
mod dana_jadwal_web;
mod dana_rekonsiliasi;
mod dana_web;
mod ekspor;
mod foto_s3;
mod gangguan;
mod gerbang;
mod hasil;
mod hasil_ditolak;
mod hitung_cepat_web;
mod http;
mod impor_dpt_web;
mod impor_tps_ulang;
mod kegiatan;
mod kejanggalan;
mod kelola_akun;
mod kunjungan;
mod lapangan_acara;
mod lapangan_apk;
mod lapangan_survei;
mod lapangan_tugas;
mod layar;
mod medsos_akun;
mod medsos_isu;
mod medsos_konten;
mod menang;
mod menu;
mod mutu_lapangan;
mod operasi;
mod pantau;
mod peta;
mod relawan;
mod relawan_web;
mod ruang;
mod ruang_browser;
mod sepakat;
mod serangan;
mod serangan_berkas;
mod survei;
mod target_riwayat;
mod telegram;
mod tps;
mod unggah_ditolak;
mod users;
mod verifikasi_alur;
mod wilayah_import;
