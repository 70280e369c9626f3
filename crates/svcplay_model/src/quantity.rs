//! `resource.Quantity` (`k8s.io/apimachinery/pkg/api/resource`): how the API server reads the
//! values of `resources.limits`, `resources.requests`, `overhead`, `emptyDir.sizeLimit` and a
//! node's `capacity`, and the text it stores for them.
//!
//! * The grammar is `[+-]<digits>[.<digits>]<suffix>` with the binary suffixes `Ki`…`Ei`, the
//!   decimal ones `n u m "" k M G T P E` and decimal exponents `e3`/`E-3`. Anything else fails
//!   to decode with upstream's message (`quantities must match the regular expression …`, or
//!   `unable to parse quantity's suffix`).
//! * Values are exact decimals: a non-zero value is rounded away from zero to a multiple of
//!   10⁻⁹; a binary-suffixed value is capped at 2⁶³−1 and, below 1 in magnitude, is written as a
//!   decimal one.
//! * The stored text is the canonical form (`1.5` → `1500m`, `1024Mi` → `1Gi`, `0.5Ki` → `512`),
//!   except that upstream keeps the text as written when its parser's fast path finds it already
//!   in a reusable shape (`100m`, `5Gi`, and also `1.500` or `+1`): reproduced as it is.
//!
//! Facts from `quantity.go` (`parseQuantityString`, `ParseQuantity`, `CanonicalizeBytes`),
//! `amount.go` (`AsCanonicalBytes`, `AsCanonicalBase1024Bytes`) and `suffix.go`; the tests cite
//! `quantity_test.go`.

use std::cmp::Ordering;

use serde_json::Value;

use crate::decode::yaml::go_json_float;
use crate::source::{SourceMap, Span};
use crate::types::{Object, PodSpec};

/// `ErrFormatWrong`.
pub const FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// `ErrSuffix`.
pub const SUFFIX_WRONG: &str = "unable to parse quantity's suffix";

/// How a quantity is written back (`resource.Format`), from the suffix it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `12e6`.
    DecimalExponent,
    /// `12Mi`.
    BinarySI,
    /// `12M`.
    DecimalSI,
}

/// A parsed quantity: an exact decimal with the format it is written back in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    negative: bool,
    /// Digits (0–9) of the magnitude without leading or trailing zeros; empty for zero.
    digits: Vec<u8>,
    /// Power of ten the digits are scaled by.
    exp: i64,
    format: Format,
    /// The text as written, when upstream keeps it (see the module documentation).
    kept: Option<String>,
}

/// The largest magnitude of a binary-suffixed quantity (`maxAllowed`).
const MAX_ALLOWED: &[u8] = &[9, 2, 2, 3, 3, 7, 2, 0, 3, 6, 8, 5, 4, 7, 7, 5, 8, 0, 7];

/// `parseQuantityString`: sign, integer digits (leading zeros dropped, `"0"` when none),
/// fraction digits, suffix.
fn split(s: &str) -> Result<(bool, &str, &str, &str), &'static str> {
    let b = s.as_bytes();
    let end = b.len();
    let mut pos = 0;
    let mut positive = true;
    match b.first() {
        Some(b'-') => {
            positive = false;
            pos = 1;
        }
        Some(b'+') => pos = 1,
        _ => {}
    }
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok((positive, "0", "", ""));
    }
    let start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    let num = if pos == start { "0" } else { &s[start..pos] };
    if pos >= end {
        return Ok((positive, num, "", ""));
    }
    let mut denom = "";
    if b[pos] == b'.' {
        pos += 1;
        let from = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = &s[from..pos];
        if pos >= end {
            return Ok((positive, num, denom, ""));
        }
    }
    let from = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && matches!(b[pos], b'-' | b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return Err(FORMAT_WRONG);
    }
    Ok((positive, num, denom, &s[from..]))
}

/// `suffixer.interpret`: base, exponent and format of a suffix.
fn interpret(suffix: &str) -> Option<(u8, i32, Format)> {
    let dec = |e| Some((10, e, Format::DecimalSI));
    let bin = |e| Some((2, e, Format::BinarySI));
    match suffix {
        "" => dec(0),
        "n" => dec(-9),
        "u" => dec(-6),
        "m" => dec(-3),
        "k" => dec(3),
        "M" => dec(6),
        "G" => dec(9),
        "T" => dec(12),
        "P" => dec(15),
        "E" => dec(18),
        "Ki" => bin(10),
        "Mi" => bin(20),
        "Gi" => bin(30),
        "Ti" => bin(40),
        "Pi" => bin(50),
        "Ei" => bin(60),
        _ if suffix.len() > 1 && suffix.starts_with(['e', 'E']) => {
            // Go parses an int64 and keeps its low 32 bits.
            let e = suffix[1..].parse::<i64>().ok()?;
            Some((10, e as i32, Format::DecimalExponent))
        }
        _ => None,
    }
}

/// Multiplies the decimal digits `d` (most significant first) by `2^e` (`e` ≤ 60).
fn mul_pow2(d: &mut Vec<u8>, e: i32) {
    let factor = 1u128 << e;
    let mut carry = 0u128;
    for x in d.iter_mut().rev() {
        let v = u128::from(*x) * factor + carry;
        *x = (v % 10) as u8;
        carry = v / 10;
    }
    let mut head = Vec::new();
    while carry > 0 {
        head.push((carry % 10) as u8);
        carry /= 10;
    }
    head.reverse();
    head.append(d);
    *d = head;
}

/// Adds one to the decimal digits `d` (`[]` is zero).
fn increment(d: &mut Vec<u8>) {
    for x in d.iter_mut().rev() {
        if *x < 9 {
            *x += 1;
            return;
        }
        *x = 0;
    }
    d.insert(0, 1);
}

impl Quantity {
    /// `Quantity.UnmarshalJSON` of a JSON string's content (surrounding whitespace ignored);
    /// the error is upstream's message.
    pub fn parse(text: &str) -> Result<Quantity, &'static str> {
        let s = text.trim();
        if s.is_empty() {
            return Err(FORMAT_WRONG);
        }
        let (positive, num, denom, suffix) = split(s)?;
        let (base, e, format) = interpret(suffix).ok_or(SUFFIX_WRONG)?;
        let mut digits: Vec<u8> = num
            .bytes()
            .chain(denom.bytes())
            .map(|c| c - b'0')
            .skip_while(|d| *d == 0)
            .collect();
        let mut exp = -(denom.len() as i64);
        if base == 10 {
            exp += i64::from(e);
        } else {
            mul_pow2(&mut digits, e);
            digits = digits.into_iter().skip_while(|d| *d == 0).collect();
        }
        // Non-zero values round away from zero to whole nanos.
        if !digits.is_empty() && exp < -9 {
            let drop = (-9 - exp).unsigned_abs();
            let keep = usize::try_from(drop).map_or(0, |drop| digits.len().saturating_sub(drop));
            let rounded = digits[keep..].iter().any(|d| *d != 0);
            digits.truncate(keep);
            if rounded {
                increment(&mut digits);
            }
            exp = -9;
        }
        let mut q = Quantity {
            negative: !positive,
            digits,
            exp,
            format,
            kept: None,
        };
        q.normalize();
        if format == Format::BinarySI {
            let max = Quantity {
                negative: false,
                digits: MAX_ALLOWED.to_vec(),
                exp: 0,
                format,
                kept: None,
            };
            if q.cmp_magnitude(&max) == Ordering::Greater {
                q.digits = max.digits;
                q.exp = 0;
            }
            if !q.digits.is_empty() && q.int_digits() <= 0 {
                q.format = Format::DecimalSI;
            }
        }
        if s == "0" || reusable(num, denom, e, format) {
            q.kept = Some(s.to_string());
        }
        Ok(q)
    }

    /// Drops trailing zeros into the exponent; zero has exponent 0 and no sign.
    fn normalize(&mut self) {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
            self.exp += 1;
        }
        if self.digits.is_empty() {
            self.exp = 0;
            self.negative = false;
        }
    }

    /// Digits before the decimal point (≤ 0 for magnitudes below 1).
    fn int_digits(&self) -> i64 {
        self.digits.len() as i64 + self.exp
    }

    fn cmp_magnitude(&self, other: &Quantity) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            // Normalized digits: a longer integer part is larger, else the digits decide.
            (false, false) => self
                .int_digits()
                .cmp(&other.int_digits())
                .then_with(|| self.digits.cmp(&other.digits)),
        }
    }

    /// `Quantity.Sign`.
    pub fn sign(&self) -> i32 {
        match (self.digits.is_empty(), self.negative) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        }
    }

    /// Whether the value is a whole number (`MilliValue() % 1000 == 0`).
    pub fn is_integer(&self) -> bool {
        self.exp >= 0
    }

    /// The format the value is written back in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The text the API server stores (`Quantity.String`, `MarshalJSON`).
    pub fn text(&self) -> String {
        if let Some(k) = &self.kept {
            return k.clone();
        }
        if self.digits.is_empty() {
            return "0".to_string();
        }
        let mut out = String::new();
        if self.negative {
            out.push('-');
        }
        if self.format == Format::BinarySI
            && self.int_digits() >= 4
            && self.is_integer()
            && let Some(v) = self.magnitude_u64()
            && v >= 1024
        {
            let (mut v, mut e) = (v, 0);
            while v % 1024 == 0 {
                v /= 1024;
                e += 1;
            }
            out.push_str(&v.to_string());
            out.push_str(
                ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
                    .get(e)
                    .unwrap_or(&""),
            );
            return out;
        }
        // Base 10: the exponent lowered to a multiple of three.
        let shift = self.exp.rem_euclid(3);
        let exp = self.exp - shift;
        out.extend(self.digits.iter().map(|d| char::from(b'0' + d)));
        out.extend(std::iter::repeat_n('0', shift as usize));
        match self.format {
            Format::DecimalExponent if exp != 0 => {
                out.push('e');
                out.push_str(&exp.to_string());
            }
            Format::DecimalExponent => {}
            // Past `E` and below `n` there is no suffix: upstream then writes none.
            _ => out.push_str(match exp {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                18 => "E",
                _ => "",
            }),
        }
        out
    }

    /// `Quantity.ScaledValue(scale)`: the value in units of 10^`scale`, rounded away from zero
    /// (saturating at the `i64` range). `Value()` is scale 0, `MilliValue()` scale −3.
    pub fn scaled_value(&self, scale: i64) -> i64 {
        if self.digits.is_empty() {
            return 0;
        }
        // digits × 10^(exp − scale), rounded away from zero.
        let shift = self.exp - scale;
        let mut v: i64 = 0;
        let mut saturated = false;
        let keep = if shift >= 0 {
            self.digits.len()
        } else {
            usize::try_from(self.digits.len() as i64 + shift).unwrap_or(0)
        };
        for d in &self.digits[..keep] {
            match v.checked_mul(10).and_then(|x| x.checked_add(i64::from(*d))) {
                Some(x) => v = x,
                None => saturated = true,
            }
        }
        if shift > 0 {
            for _ in 0..shift.min(20) {
                match v.checked_mul(10) {
                    Some(x) => v = x,
                    None => saturated = true,
                }
            }
        } else if self.digits[keep..].iter().any(|d| *d != 0) {
            match v.checked_add(1) {
                Some(x) => v = x,
                None => saturated = true,
            }
        }
        if saturated {
            v = i64::MAX;
        }
        if self.negative { -v } else { v }
    }

    /// The magnitude of a whole value that fits a `u64`.
    fn magnitude_u64(&self) -> Option<u64> {
        if self.exp < 0 || self.int_digits() > 19 {
            return None;
        }
        let mut v: u64 = 0;
        for d in &self.digits {
            v = v.checked_mul(10)?.checked_add(u64::from(*d))?;
        }
        for _ in 0..self.exp {
            v = v.checked_mul(10)?;
        }
        Some(v)
    }
}

/// Whether `ParseQuantity`'s fast path keeps the text as written: a decimal value of at most
/// 18 digits at a scale ≥ 10⁻⁹ that is a multiple of three, not ending in `000` nor starting
/// with `0`; or a whole binary value small enough for `int64` that is not a multiple of 8.
fn reusable(num: &str, denom: &str, e: i32, format: Format) -> bool {
    match format {
        Format::BinarySI => {
            if !denom.is_empty() {
                return false;
            }
            let precision = 14 - num.len() as i64 - i64::from(e) * 3 / 10;
            precision >= 0 && num.parse::<u64>().is_ok_and(|v| v & 7 != 0)
        }
        Format::DecimalSI | Format::DecimalExponent => {
            let scale = i64::from(e) - denom.len() as i64;
            let shifted = format!("{num}{denom}");
            shifted.len() <= 18
                && scale >= -9
                && scale % 3 == 0
                && !shifted.ends_with("000")
                && !shifted.starts_with('0')
        }
    }
}

impl Quantity {
    /// The sum of non-negative quantities (`Quantity.Add`), in the first one's format. Values
    /// with more than 4,096 integer digits (only hostile input has them) are not added up: the
    /// largest of them stands for the sum.
    pub fn sum(qs: &[Quantity]) -> Quantity {
        if let Some(huge) = qs
            .iter()
            .filter(|q| q.int_digits() > 4096)
            .max_by(|a, b| a.cmp_magnitude(b))
        {
            return huge.clone();
        }
        let exp = qs
            .iter()
            .filter(|q| !q.digits.is_empty())
            .map(|q| q.exp)
            .min()
            .unwrap_or(0);
        // Little-endian digits aligned at `exp`.
        let mut acc: Vec<u8> = Vec::new();
        for q in qs.iter().filter(|q| !q.digits.is_empty()) {
            let shift = usize::try_from(q.exp - exp).unwrap_or(0);
            let mut carry = 0;
            let mut i = shift;
            for d in q.digits.iter().rev() {
                if acc.len() <= i {
                    acc.resize(i + 1, 0);
                }
                let v = acc[i] + d + carry;
                acc[i] = v % 10;
                carry = v / 10;
                i += 1;
            }
            while carry > 0 {
                if acc.len() <= i {
                    acc.resize(i + 1, 0);
                }
                let v = acc[i] + carry;
                acc[i] = v % 10;
                carry = v / 10;
                i += 1;
            }
        }
        acc.reverse();
        let mut q = Quantity {
            negative: false,
            digits: acc.into_iter().skip_while(|d| *d == 0).collect(),
            exp,
            format: qs.first().map_or(Format::DecimalSI, |q| q.format),
            kept: None,
        };
        q.normalize();
        q
    }
}

impl Quantity {
    /// `Quantity.Cmp`: compares the values (not the formats).
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        match (self.sign(), other.sign()) {
            (a, b) if a != b => a.cmp(&b),
            (-1, _) => other.cmp_magnitude(self),
            _ => self.cmp_magnitude(other),
        }
    }
}

/// Rewrites every quantity of a decoded object (container and pod resources, `overhead`,
/// `emptyDir.sizeLimit`, a StatefulSet's claim templates, a node's `capacity` and `allocatable`) to the text the API server
/// stores. A value that does not parse fails the whole object as its JSON decoding does: the
/// error is the first such value in the input, with its position (from `source`).
pub fn canonicalize(obj: &mut Object, source: &SourceMap) -> Result<(), (Span, &'static str)> {
    let mut errs = Vec::new();
    let mut w = Walk {
        source,
        errs: &mut errs,
    };
    match obj {
        Object::Pod(p) => w.pod_spec(&mut p.spec, "spec"),
        Object::Deployment(d) => w.pod_spec(&mut d.spec.template.spec, "spec.template.spec"),
        Object::ReplicaSet(r) => w.pod_spec(&mut r.spec.template.spec, "spec.template.spec"),
        Object::StatefulSet(s) => {
            w.pod_spec(&mut s.spec.template.spec, "spec.template.spec");
            if let Some(Value::Array(list)) = s.spec.other.get_mut("volumeClaimTemplates") {
                for (i, pvc) in list.iter_mut().enumerate() {
                    let r = pvc.get_mut("spec").and_then(|s| s.get_mut("resources"));
                    w.requirements(r, &format!("spec.volumeClaimTemplates[{i}].spec.resources"));
                }
            }
        }
        Object::DaemonSet(d) => w.pod_spec(&mut d.spec.template.spec, "spec.template.spec"),
        Object::Node(n) => {
            if let Some(v) = &mut n.status.capacity {
                w.list(v, "status.capacity");
            }
            if let Some(v) = &mut n.status.allocatable {
                w.list(v, "status.allocatable");
            }
        }
        _ => {}
    }
    match errs.into_iter().min_by_key(|(span, _)| *span) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// [`canonicalize`]'s traversal; paths are [`SourceMap`]'s (dots inside verbatim maps).
struct Walk<'a> {
    source: &'a SourceMap,
    errs: &'a mut Vec<(Span, &'static str)>,
}

impl Walk<'_> {
    fn pod_spec(&mut self, spec: &mut PodSpec, path: &str) {
        for (name, list) in [
            ("containers", &mut *spec.containers),
            ("initContainers", &mut spec.init_containers),
        ] {
            for (i, c) in list.iter_mut().enumerate() {
                if c.other.contains_key("resources") {
                    let r = c.other.get_mut("resources");
                    self.requirements(r, &format!("{path}.{name}[{i}].resources"));
                }
            }
        }
        let keys = ["ephemeralContainers", "overhead", "resources", "volumes"];
        if !keys.iter().any(|k| spec.other.contains_key(*k)) {
            return;
        }
        let other = &mut spec.other;
        if let Some(Value::Array(list)) = other.get_mut("ephemeralContainers") {
            for (i, c) in list.iter_mut().enumerate() {
                if let Value::Object(c) = c {
                    let p = format!("{path}.ephemeralContainers[{i}].resources");
                    self.requirements(c.get_mut("resources"), &p);
                }
            }
        }
        if let Some(v) = other.get_mut("overhead") {
            self.list(v, &format!("{path}.overhead"));
        }
        self.requirements(other.get_mut("resources"), &format!("{path}.resources"));
        if let Some(Value::Array(list)) = other.get_mut("volumes") {
            for (i, vol) in list.iter_mut().enumerate() {
                if let Some(v) = vol.get_mut("emptyDir").and_then(|e| e.get_mut("sizeLimit")) {
                    self.one(v, &format!("{path}.volumes[{i}].emptyDir.sizeLimit"));
                }
            }
        }
    }

    /// A `ResourceRequirements`: its `limits` and `requests`.
    fn requirements(&mut self, r: Option<&mut Value>, path: &str) {
        let Some(Value::Object(r)) = r else {
            return;
        };
        for k in ["limits", "requests"] {
            if let Some(v) = r.get_mut(k) {
                self.list(v, &format!("{path}.{k}"));
            }
        }
    }

    /// A `ResourceList`: name → quantity.
    fn list(&mut self, v: &mut Value, path: &str) {
        if let Value::Object(m) = v {
            for (name, q) in m.iter_mut() {
                self.one(q, &format!("{path}.{name}"));
            }
        }
    }

    /// One quantity, as `Quantity.UnmarshalJSON` reads any JSON value: `null` is zero, a
    /// string's content or a number's JSON text is parsed.
    fn one(&mut self, v: &mut Value, path: &str) {
        let parsed = match v {
            Value::Null => Ok("0".to_string()),
            Value::String(s) => Quantity::parse(s).map(|q| q.text()),
            Value::Number(n) => Quantity::parse(&match n.as_f64() {
                Some(f) if !n.is_i64() && !n.is_u64() => go_json_float(f),
                _ => n.to_string(),
            })
            .map(|q| q.text()),
            _ => Err(FORMAT_WRONG),
        };
        match parsed {
            Ok(text) => {
                if v.as_str() != Some(text.as_str()) {
                    *v = Value::String(text);
                }
            }
            Err(msg) => self.errs.push((self.source.lookup(path), msg)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        Quantity::parse(s).map_or_else(|e| format!("error: {e}"), |q| q.text())
    }

    /// `decQuantity(digits, scale, format)` of upstream's tests.
    fn dec(v: i64, scale: i32, format: Format) -> (Quantity, Format) {
        (Quantity::parse(&format!("{v}e{scale}")).unwrap(), format)
    }

    // quantity_test.go TestQuantityParse: value and format of every table entry, also with a
    // leading `-` and `+`.
    #[test]
    fn parse_values_and_formats() {
        use Format::{BinarySI as B, DecimalExponent as X, DecimalSI as D};
        let max = || (Quantity::parse("9223372036854775807").unwrap(), B);
        let table: Vec<(&str, (Quantity, Format))> = vec![
            ("0", dec(0, 0, D)),
            ("0n", dec(0, 0, D)),
            ("0u", dec(0, 0, D)),
            ("0m", dec(0, 0, D)),
            ("0Ki", dec(0, 0, B)),
            ("0k", dec(0, 0, D)),
            ("0Mi", dec(0, 0, B)),
            ("0M", dec(0, 0, D)),
            ("0Gi", dec(0, 0, B)),
            ("0G", dec(0, 0, D)),
            ("0Ti", dec(0, 0, B)),
            ("0T", dec(0, 0, D)),
            ("1", dec(1, 0, D)),
            ("1Ki", dec(1024, 0, B)),
            ("8Ki", dec(8 * 1024, 0, B)),
            ("7Mi", dec(7 << 20, 0, B)),
            ("6Gi", dec(6 << 30, 0, B)),
            ("5Ti", dec(5 << 40, 0, B)),
            ("4Pi", dec(4 << 50, 0, B)),
            ("3Ei", dec(3 << 60, 0, B)),
            ("10Ti", dec(10 << 40, 0, B)),
            ("100Ti", dec(100 << 40, 0, B)),
            ("5n", dec(5, -9, D)),
            ("4u", dec(4, -6, D)),
            ("3m", dec(3, -3, D)),
            ("9", dec(9, 0, D)),
            ("8k", dec(8, 3, D)),
            ("50k", dec(5, 4, D)),
            ("7M", dec(7, 6, D)),
            ("6G", dec(6, 9, D)),
            ("5T", dec(5, 12, D)),
            ("40T", dec(4, 13, D)),
            ("300T", dec(3, 14, D)),
            ("2P", dec(2, 15, D)),
            ("1E", dec(1, 18, D)),
            ("1E-3", dec(1, -3, X)),
            ("1e3", dec(1, 3, X)),
            ("1E6", dec(1, 6, X)),
            ("1e9", dec(1, 9, X)),
            ("1E12", dec(1, 12, X)),
            ("1e15", dec(1, 15, X)),
            ("1E18", dec(1, 18, X)),
            ("1e14", dec(1, 14, X)),
            ("1e13", dec(1, 13, X)),
            ("100.035k", dec(100035, 0, D)),
            ("0.001", dec(1, -3, D)),
            ("0.0005k", dec(5, -1, D)),
            ("0.005", dec(5, -3, D)),
            ("0.05", dec(5, -2, D)),
            ("0.5", dec(5, -1, D)),
            ("0.00050k", dec(5, -1, D)),
            ("0.00500", dec(5, -3, D)),
            ("0.05000", dec(5, -2, D)),
            ("0.50000", dec(5, -1, D)),
            ("0.5e0", dec(5, -1, X)),
            ("0.5e-1", dec(5, -2, X)),
            ("0.5e-2", dec(5, -3, X)),
            ("10.035M", dec(10035, 3, D)),
            ("1.2e3", dec(12, 2, X)),
            ("1.3E+6", dec(13, 5, X)),
            ("1.40e9", dec(14, 8, X)),
            ("1.53E12", dec(153, 10, X)),
            ("1.6e15", dec(16, 14, X)),
            ("1.7E18", dec(17, 17, X)),
            ("9.01", dec(901, -2, D)),
            ("8.1k", dec(81, 2, D)),
            ("7.123456M", dec(7123456, 0, D)),
            ("6.987654321G", dec(6987654321, 0, D)),
            ("5.444T", dec(5444, 9, D)),
            ("40.1T", dec(401, 11, D)),
            ("300.2T", dec(3002, 11, D)),
            ("2.5P", dec(25, 14, D)),
            ("1.01E", dec(101, 16, D)),
            ("3.001n", dec(4, -9, D)),
            ("1.1E-9", dec(2, -9, X)),
            ("0.0000000001", dec(1, -9, D)),
            ("0.0000000005", dec(1, -9, D)),
            ("0.00000000050", dec(1, -9, D)),
            ("0.5e-9", dec(1, -9, X)),
            ("0.9n", dec(1, -9, D)),
            ("0.00000012345", dec(124, -9, D)),
            ("0.00000012354", dec(124, -9, D)),
            ("9Ei", max()),
            ("9223372036854775807Ki", max()),
            ("12E", dec(12, 18, D)),
            ("100.035Ki", dec(10243584, -2, B)),
            ("0.5Mi", dec(512 * 1024, 0, B)),
            ("0.05Gi", dec(536870912, -1, B)),
            ("0.025Ti", dec(274877906944, -1, B)),
            ("0.000000000001Ki", dec(2, -9, D)),
            (".001", dec(1, -3, D)),
            (".0001k", dec(100, -3, D)),
            ("1.", dec(1, 0, D)),
            ("1.G", dec(1, 9, D)),
        ];
        for (input, (want, format)) in &table {
            for (prefix, negate) in [("", false), ("-", true), ("+", false)] {
                let q = Quantity::parse(&format!("{prefix}{input}"))
                    .unwrap_or_else(|e| panic!("{prefix}{input}: {e}"));
                let mut want = want.clone();
                if negate && want.sign() != 0 {
                    want.negative = true;
                }
                assert_eq!(q.cmp_value(&want), Ordering::Equal, "{prefix}{input}");
                assert_eq!(q.format(), *format, "{prefix}{input}");
            }
        }
    }

    // quantity_test.go TestQuantityParse "invalid" (and the empty string).
    #[test]
    fn parse_errors() {
        for input in [
            "", "1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-",
        ] {
            assert!(Quantity::parse(input).is_err(), "{input}");
        }
        assert_eq!(text("abc"), format!("error: {FORMAT_WRONG}"));
        assert_eq!(text("192i"), format!("error: {SUFFIX_WRONG}"));
        assert_eq!(text("128MB"), format!("error: {FORMAT_WRONG}"));
        assert_eq!(text("1mi"), format!("error: {SUFFIX_WRONG}"));
        assert_eq!(text("25%"), format!("error: {FORMAT_WRONG}"));
    }

    // quantity_test.go TestQuantityString: the canonical text, kept as is when parsed, and the
    // alternate spellings rewritten to it; negated values get a `-`.
    #[test]
    fn canonical_text() {
        use Format::{BinarySI as B, DecimalExponent as X, DecimalSI as D};
        let table: &[((i64, i32, Format), &str, &str)] = &[
            ((1 << 30, 0, B), "1Gi", "1024Mi"),
            ((300 << 20, 0, B), "300Mi", "307200Ki"),
            ((6 * 1024, 0, B), "6Ki", ""),
            ((1001 << 30, 0, B), "1001Gi", "1025024Mi"),
            ((1 << 40, 0, B), "1Ti", "1024Gi"),
            ((5, 0, B), "5", "5000m"),
            ((500, -3, B), "500m", "0.5"),
            ((1, 9, D), "1G", "1000M"),
            ((1000, 6, D), "1G", "0.001T"),
            ((1000000, 3, D), "1G", ""),
            ((1000000000, 0, D), "1G", ""),
            ((1, -3, D), "1m", "1000u"),
            ((80, -3, D), "80m", ""),
            ((1080, -3, D), "1080m", "1.08"),
            ((108, -2, D), "1080m", "1080000000n"),
            ((10800, -4, D), "1080m", ""),
            ((300, 6, D), "300M", ""),
            ((1, 12, D), "1T", ""),
            ((1234567, 6, D), "1234567M", ""),
            ((1234567, -3, B), "1234567m", ""),
            ((3, 3, D), "3k", ""),
            ((1025, 0, B), "1025", ""),
            ((0, 0, D), "0", ""),
            ((0, 0, B), "0", ""),
            ((1, 9, X), "1e9", ".001e12"),
            ((1, -3, X), "1e-3", "0.001e0"),
            ((1, -9, X), "1e-9", "1000e-12"),
            ((80, -3, X), "80e-3", ""),
            ((300, 6, X), "300e6", ""),
            ((1, 12, X), "1e12", ""),
            ((1, 3, X), "1e3", ""),
            ((3, 3, X), "3e3", ""),
            ((0, 0, X), "0", "00"),
            ((1, -9, D), "1n", ""),
            ((80, -9, D), "80n", ""),
            ((1080, -9, D), "1080n", ""),
            ((108, -8, D), "1080n", ""),
            ((10800, -10, D), "1080n", ""),
            ((1, -6, D), "1u", ""),
            ((80, -6, D), "80u", ""),
            ((1080, -6, D), "1080u", ""),
        ];
        for ((v, scale, format), expect, alternate) in table {
            // The value built as upstream's `decQuantity` does, written back.
            let (mut q, _) = dec(*v, *scale, *format);
            q.format = *format;
            q.kept = None;
            assert_eq!(q.text(), *expect, "{v}e{scale} {format:?}");
            if q.sign() != 0 {
                let mut neg = q.clone();
                neg.negative = true;
                assert_eq!(neg.text(), format!("-{expect}"));
            }
            // Parsing the canonical text keeps it.
            let parsed = Quantity::parse(expect).unwrap();
            assert_eq!(parsed.kept.as_deref(), Some(*expect), "{expect}");
            if !alternate.is_empty() {
                let alt = Quantity::parse(alternate).unwrap();
                assert_eq!(alt.kept, None, "{alternate}");
                assert_eq!(alt.text(), *expect, "{alternate}");
            }
        }
    }

    // quantity_test.go TestQuantityParseEmit, also negated.
    #[test]
    fn parse_emit() {
        for (input, expect) in [
            ("1Ki", "1Ki"),
            ("1Mi", "1Mi"),
            ("1Gi", "1Gi"),
            ("1024Mi", "1Gi"),
            ("1000M", "1G"),
            (".001Ki", "1024m"),
            (".000001Ki", "1024u"),
            (".000000001Ki", "1024n"),
            (".000000000001Ki", "2n"),
        ] {
            assert_eq!(text(input), expect, "{input}");
            assert_eq!(text(&format!("-{input}")), format!("-{expect}"), "-{input}");
        }
    }

    // quantity_test.go TestJSONWhitespace; the fast path's kept spellings
    // (`ParseQuantity` reuses `str` when its checks pass).
    #[test]
    fn json_text_and_kept_spellings() {
        for (input, expect) in [(" 1", "1"), ("1 ", "1"), ("10", "10"), (" -1", "-1")] {
            assert_eq!(text(input), expect);
        }
        for (input, expect) in [
            ("1.5", "1500m"),
            ("1.500", "1.500"),
            ("+1", "+1"),
            ("0100m", "0100m"),
            ("1.G", "1.G"),
            ("1024Ki", "1Mi"),
            ("1025Ki", "1025Ki"),
            ("2048", "2048"),
            ("0.5Ki", "512"),
            ("1e+30", "1e+30"),
            ("1e4", "10e3"),
            ("1000E", "1"),
            ("-0", "0"),
        ] {
            assert_eq!(text(input), expect, "{input}");
        }
    }

    // quantity_test.go TestQuantityCmp.
    #[test]
    fn compare() {
        let q = |s: &str| Quantity::parse(s).unwrap();
        assert_eq!(q("1").cmp_value(&q("1000m")), Ordering::Equal);
        assert_eq!(q("100m").cmp_value(&q("50m")), Ordering::Greater);
        assert_eq!(q("-1").cmp_value(&q("1m")), Ordering::Less);
        assert_eq!(q("-2").cmp_value(&q("-1")), Ordering::Less);
        assert_eq!(q("1Ki").cmp_value(&q("1k")), Ordering::Greater);
        assert_eq!(q("0").cmp_value(&q("-0.5")), Ordering::Greater);
        // TestAdd-like sums.
        let sum = Quantity::sum(&[q("500m"), q("1.5"), q("1Ki")]);
        assert_eq!(sum.cmp_value(&q("1026")), Ordering::Equal);
        assert_eq!(Quantity::sum(&[q("999m"), q("1m")]).text(), "1");
        assert_eq!(Quantity::sum(&[]).text(), "0");
        // TestScaledValue-like: rounding away from zero, saturation.
        assert_eq!(q("1.5").scaled_value(-3), 1500);
        assert_eq!(q("1.0001").scaled_value(0), 2);
        assert_eq!(q("-1.5").scaled_value(0), -2);
        assert_eq!(q("1Gi").scaled_value(0), 1 << 30);
        assert_eq!(q("100m").scaled_value(-3), 100);
        assert_eq!(q("1n").scaled_value(-3), 1);
        assert_eq!(q("1e30").scaled_value(0), i64::MAX);
        // Hostile exponents neither hang nor allocate their width.
        let huge = Quantity::sum(&[q("1e2000000000"), q("1n")]);
        assert_eq!(huge.text(), "100e1999999998");
        assert_eq!(text("1e-2147483648"), "1e-9");
    }
}
