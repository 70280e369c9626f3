//! The virtual clock: simulated time, advanced explicitly, never read from the host.

/// Seconds since the simulation's epoch (2026-01-01T00:00:00Z).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock {
    /// Elapsed virtual seconds.
    pub seconds: u64,
}

/// Unix time of the simulation's epoch.
const EPOCH_UNIX: u64 = 1_767_225_600;

impl Clock {
    /// Moves time forward.
    pub fn advance(&mut self, seconds: u64) {
        self.seconds = self.seconds.saturating_add(seconds);
    }

    /// The current time as RFC 3339 (`2026-01-01T00:00:00Z`), as `metav1.Time` prints it.
    pub fn rfc3339(&self) -> String {
        let t = EPOCH_UNIX + self.seconds;
        let (days, rem) = (t / 86_400, t % 86_400);
        let (y, m, d) = civil_from_days(days as i64);
        let (hh, mm, ss) = (rem / 3600, (rem % 3600) / 60, rem % 60);
        // The web build keeps the smaller formatting path.
        if cfg!(target_arch = "wasm32") || !(0..=9999).contains(&y) {
            return format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z");
        }
        // Digit by digit (called for every object written): no formatting machinery.
        fn digits(out: &mut String, n: u64, width: u32) {
            for i in (0..width).rev() {
                out.push(char::from(b'0' + (n / 10u64.pow(i) % 10) as u8));
            }
        }
        let mut out = String::with_capacity(20);
        digits(&mut out, y as u64, 4);
        out.push('-');
        digits(&mut out, u64::from(m), 2);
        out.push('-');
        digits(&mut out, u64::from(d), 2);
        out.push('T');
        digits(&mut out, hh, 2);
        out.push(':');
        digits(&mut out, mm, 2);
        out.push(':');
        digits(&mut out, ss, 2);
        out.push('Z');
        out
    }
}

/// Howard Hinnant's days-to-civil conversion.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_epoch() {
        let mut c = Clock::default();
        assert_eq!(c.rfc3339(), "2026-01-01T00:00:00Z");
        c.advance(86_400 + 3661);
        assert_eq!(c.rfc3339(), "2026-01-02T01:01:01Z");
        c.advance(400 * 86_400 + 22 * 3600 + 58 * 60 + 58);
        assert_eq!(c.rfc3339(), "2027-02-06T23:59:59Z");
    }

    #[test]
    fn formats_as_fmt_would() {
        // The digit-by-digit text equals the `format!` spelling, also past year 9999.
        let reference = |c: Clock| {
            let t = EPOCH_UNIX + c.seconds;
            let (days, rem) = (t / 86_400, t % 86_400);
            let (y, m, d) = civil_from_days(days as i64);
            format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
                rem / 3600,
                (rem % 3600) / 60,
                rem % 60
            )
        };
        for seconds in [
            0,
            59,
            3599,
            86_399,
            31_536_000,
            1 << 32,
            8_000 * 366 * 86_400,
        ] {
            let c = Clock { seconds };
            assert_eq!(c.rfc3339(), reference(c), "{seconds}");
        }
    }
}
