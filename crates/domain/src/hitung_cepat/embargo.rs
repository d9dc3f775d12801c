//! When quick-count results may be published. UU 7/2017 Pasal 449 ayat (5)
//! (and the Pilkada rules that follow it) allow announcing a quick count
//! only from two hours after voting closes in western Indonesia: voting
//! closes at 13:00 WIB, so 15:00 WIB (UTC+7, no daylight saving) on
//! election day. Computed from the election date, never from the server's
//! own time zone.

use time::{Date, OffsetDateTime, Time, UtcOffset};

/// Western Indonesian Time.
const WIB: UtcOffset = match UtcOffset::from_hms(7, 0, 0) {
    Ok(o) => o,
    Err(_) => panic!("UTC+7 is a valid offset"),
};

/// The moment the embargo on an election held on `tanggal` ends.
pub fn akhir_embargo(tanggal: Date) -> OffsetDateTime {
    tanggal
        .with_time(Time::from_hms(15, 0, 0).expect("15:00 is a time"))
        .assume_offset(WIB)
}

/// Whether quick-count figures of that election may be shown outside the
/// campaign at `sekarang`.
pub fn boleh_dipublikasikan(tanggal: Date, sekarang: OffsetDateTime) -> bool {
    sekarang >= akhir_embargo(tanggal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn the_embargo_ends_at_three_in_the_afternoon_jakarta_time() {
        let hari = date!(2029 - 11 - 28);
        assert_eq!(akhir_embargo(hari), datetime!(2029-11-28 08:00 UTC));
        // The same instant written in any zone gives the same answer.
        assert!(!boleh_dipublikasikan(
            hari,
            datetime!(2029-11-28 14:59:59 +7)
        ));
        assert!(boleh_dipublikasikan(hari, datetime!(2029-11-28 15:00 +7)));
        assert!(!boleh_dipublikasikan(
            hari,
            datetime!(2029-11-28 07:59:59 UTC)
        ));
        assert!(boleh_dipublikasikan(hari, datetime!(2029-11-28 16:00 +8)));
        assert!(!boleh_dipublikasikan(hari, datetime!(2029-11-28 16:59 +9)));
        // A server in Jayapura (WIT) at 16:30 local is still before 15:00 WIB.
        assert!(!boleh_dipublikasikan(hari, datetime!(2029-11-28 16:30 +9)));
        // The day before, and the evening before in UTC, are embargoed.
        assert!(!boleh_dipublikasikan(hari, datetime!(2029-11-27 23:00 UTC)));
        assert!(boleh_dipublikasikan(hari, datetime!(2029-11-29 00:00 +7)));
    }
}
