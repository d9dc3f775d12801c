//! Electability surveys (issue 24): weighting respondents to the voter
//! list's own margins, and shares with honest margins of error.
//!
//! Raking (iterative proportional fitting): each respondent falls in one
//! category of each variable (sex, age band, kecamatan); the weights are
//! scaled variable by variable until the weighted count of every category
//! equals the DPT's, at most [`OpsiRaking::maks_iterasi`] passes, done
//! when no category is off by more than [`OpsiRaking::toleransi`] of its
//! target. Weights then outside [`OpsiRaking::pangkas`] times the mean
//! are cut to the bound and the raking runs again, a few rounds at most,
//! so no respondent counts for too many (Kish: unequal weights cost
//! precision, a few huge ones cost it most).
//!
//! The precision a weighted share has is the effective sample size's:
//! Kish's design effect `deff = n Σw² / (Σw)²`, `n_eff = n / deff`, and a
//! 95 % margin `1.96 √(deff · p(1−p) / n)`.

mod raking;
mod sampel;
mod timbang;

pub use raking::{HasilRaking, OpsiRaking, RakingError, bagian_tertimbang, efek_desain, rake};
pub use sampel::{KELOMPOK_UMUR, kelompok_umur, kunci_responden, tarik_responden};
pub use timbang::{
    Bagian, Margin, N_EFEKTIF_MIN, Responden, SEL_MIN, Timbangan, bagian_jawaban, cukup, timbang,
};
