//! Hand-written `Deserialize` for internally tagged enums of struct variants
//! (`#[serde(tag = "kind")]`), through [`tagged_enum!`](crate::tagged_enum).
//!
//! The derived impl buffers the input in serde's private `Content` type and then decodes each
//! variant's fields from it, which compiles a `Content` deserializer per variant (kilobytes of
//! wasm each). This one makes the same calls on the deserializer and gives the same results and
//! error texts, but buffers the fields as `serde_json::Value`s (whose deserialization is
//! compiled anyway) and reads them with one non-generic function: the tag is read where it
//! stands (`variant identifier`), every other entry as a value; a missing or repeated tag is
//! `missing field`/`duplicate field`; then the variant's fields are read from the buffered
//! entries in order (a repeated field is an error, unknown ones are ignored, a missing field
//! takes its default or is an error); a sequence is read positionally, as serde reads one.

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::Value;

#[doc(hidden)]
pub use serde as __serde;

/// The buffered fields of a tagged value, after its tag.
#[derive(Debug)]
pub enum Body {
    /// The entries of a map, in input order (repeated keys kept).
    Map(Vec<(String, Value)>),
    /// The elements after the tag in a sequence.
    Seq(Vec<Value>),
}

/// Reads a tagged value: the index of its variant in `variants` and the rest of it.
pub fn deserialize_tagged<'de, D: Deserializer<'de>>(
    d: D,
    tag: &'static str,
    expecting: &'static str,
    variants: &'static [&'static str],
) -> Result<(usize, Body), D::Error> {
    d.deserialize_any(TaggedVisitor {
        tag,
        expecting,
        variants,
    })
}

struct TaggedVisitor {
    tag: &'static str,
    expecting: &'static str,
    variants: &'static [&'static str],
}

impl<'de> Visitor<'de> for TaggedVisitor {
    type Value = (usize, Body);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let Some(i) = seq.next_element_seed(VariantSeed(self.variants))? else {
            return Err(S::Error::missing_field(self.tag));
        };
        let mut rest = Vec::new();
        while let Some(v) = seq.next_element::<Value>()? {
            rest.push(v);
        }
        Ok((i, Body::Seq(rest)))
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut variant = None;
        let mut entries = Vec::new();
        while let Some(k) = map.next_key::<String>()? {
            if k == self.tag {
                if variant.is_some() {
                    return Err(M::Error::duplicate_field(self.tag));
                }
                variant = Some(map.next_value_seed(VariantSeed(self.variants))?);
            } else {
                entries.push((k, map.next_value::<Value>()?));
            }
        }
        match variant {
            Some(i) => Ok((i, Body::Map(entries))),
            None => Err(M::Error::missing_field(self.tag)),
        }
    }
}

/// A variant name, read as the derived `variant identifier` is: its index in the list.
struct VariantSeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for VariantSeed {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for VariantSeed {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<usize, E> {
        match usize::try_from(v) {
            Ok(i) if i < self.0.len() => Ok(i),
            _ => Err(E::invalid_value(
                de::Unexpected::Unsigned(v),
                &format_args!("variant index 0 <= i < {}", self.0.len())
                    .to_string()
                    .as_str(),
            )),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|n| *n == v)
            .ok_or_else(|| E::unknown_variant(v, self.0))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<usize, E> {
        match self.0.iter().position(|n| n.as_bytes() == v) {
            Some(i) => Ok(i),
            None => Err(E::unknown_variant(&String::from_utf8_lossy(v), self.0)),
        }
    }
}

/// One field of a variant being read: `None` until its value is read.
pub trait Slot {
    /// Whether a value was read.
    fn filled(&self) -> bool;
    /// Reads the value.
    fn fill(&mut self, v: Value) -> Result<(), serde_json::Error>;
}

impl<T: DeserializeOwned> Slot for Option<T> {
    fn filled(&self) -> bool {
        self.is_some()
    }

    fn fill(&mut self, v: Value) -> Result<(), serde_json::Error> {
        *self = Some(T::deserialize(v)?);
        Ok(())
    }
}

/// One field of a struct variant: its name and whether it has `#[serde(default)]`.
pub type FieldSpec = (&'static str, bool);

/// Reads the fields of the struct variant `expecting` (`struct variant Enum::Variant`) from
/// `body` into `slots`, as the derived impl reads them from its buffer. A field left `None`
/// has a default.
pub fn read_fields(
    body: Body,
    expecting: &str,
    fields: &[FieldSpec],
    slots: &mut [&mut dyn Slot],
) -> Result<(), serde_json::Error> {
    type E = serde_json::Error;
    match body {
        Body::Map(entries) => {
            for (k, v) in entries {
                if let Some(i) = fields.iter().position(|(n, _)| *n == k) {
                    if slots[i].filled() {
                        return Err(E::duplicate_field(fields[i].0));
                    }
                    slots[i].fill(v)?;
                }
            }
            for (i, (name, default)) in fields.iter().enumerate() {
                if !slots[i].filled() && !default {
                    return Err(E::missing_field(name));
                }
            }
            Ok(())
        }
        Body::Seq(elements) => {
            let total = elements.len();
            let mut it = elements.into_iter();
            let mut taken = 0;
            for (i, (_, default)) in fields.iter().enumerate() {
                match it.next() {
                    Some(v) => {
                        taken += 1;
                        slots[i].fill(v)?;
                    }
                    None if *default => {}
                    None => {
                        let n = fields.len();
                        let s = if n == 1 { "" } else { "s" };
                        let exp = format!("{expecting} with {n} element{s}");
                        return Err(E::invalid_length(i, &exp.as_str()));
                    }
                }
            }
            if total > taken {
                let s = if taken == 1 { "" } else { "s" };
                let exp = format!("{taken} element{s} in sequence");
                return Err(E::invalid_length(total, &exp.as_str()));
            }
            Ok(())
        }
    }
}

/// `impl Deserialize` for an internally tagged enum whose variants all have named fields, as
/// `#[serde(tag = "...")]` derives it (see the [module](crate::tagged) documentation). A field
/// written `name: "key" = default` has `#[serde(default)]`.
#[macro_export]
macro_rules! tagged_enum {
    ($t:ident, $tag:literal {
        $($variant:ident $vname:literal {
            $($field:ident: $key:literal $(= $default:ident)?),* $(,)?
        }),* $(,)?
    }) => {
        impl<'de> $crate::tagged::__serde::Deserialize<'de> for $t {
            fn deserialize<D: $crate::tagged::__serde::Deserializer<'de>>(
                d: D,
            ) -> Result<Self, D::Error> {
                use $crate::tagged::__serde::de::Error as _;
                const VARIANTS: &[&str] = &[$($vname),*];
                let (index, body) = $crate::tagged::deserialize_tagged(
                    d,
                    $tag,
                    concat!("internally tagged enum ", stringify!($t)),
                    VARIANTS,
                )?;
                let mut n = 0;
                $(
                    if index == n {
                        $(let mut $field = None;)*
                        $crate::tagged::read_fields(
                            body,
                            concat!("struct variant ", stringify!($t), "::", stringify!($variant)),
                            &[$(($key, $crate::tagged_enum!(@has_default $($default)?))),*],
                            &mut [$(&mut $field as &mut dyn $crate::tagged::Slot),*],
                        )
                        .map_err(D::Error::custom)?;
                        return Ok($t::$variant {
                            $($field: $field.unwrap_or_default()),*
                        });
                    }
                    n += 1;
                )*
                let _ = n;
                Err(D::Error::custom("variant index out of range"))
            }
        }
    };
    (@has_default default) => { true };
    (@has_default) => { false };
}

/// JSON texts that exercise a tagged enum's decoding: objects with or without (or with a
/// repeated, or a wrong) tag and any mix of `keys` with values of every JSON type, the same as
/// sequences, other JSON values and broken JSON. For tests comparing an impl of
/// [`tagged_enum!`](crate::tagged_enum) with the derived one.
#[doc(hidden)]
pub fn corpus(tag: &str, variants: &[&str], keys: &[&str], count: usize) -> Vec<String> {
    const VALUES: &[&str] = &[
        r#""default""#,
        r#""web""#,
        r#""10.0.0.1""#,
        r#""fd00::1""#,
        r#""not an ip""#,
        r#""""#,
        "3",
        "0",
        "-1",
        "5000000000",
        "18446744073709551616",
        "1.5",
        "true",
        "false",
        "null",
        "[]",
        r#"[1,"a"]"#,
        "{}",
        r#"{"a":1}"#,
    ];
    let mut out: Vec<String> = [
        "null",
        "1",
        "\"x\"",
        "true",
        "[]",
        "{}",
        "",
        "{",
        "[1",
        "{\"kind\"",
        "{\"kind\":}",
    ]
    .iter()
    .map(|s| s.replace("kind", tag))
    .collect();
    let mut tags: Vec<String> = variants.iter().map(|v| format!("{v:?}")).collect();
    tags.extend(["\"nope\"", "\"\"", "1", "null", "[]", "{}"].map(String::from));
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    while out.len() < count {
        let nkeys = next(keys.len() + 2);
        let mut parts: Vec<(String, String)> = (0..nkeys)
            .map(|_| {
                let k = if next(8) == 0 {
                    "extra"
                } else {
                    keys[next(keys.len())]
                };
                (format!("{k:?}"), VALUES[next(VALUES.len())].to_string())
            })
            .collect();
        let tagged = next(10);
        if tagged > 0 {
            let t = tags[next(tags.len())].clone();
            let at = next(parts.len() + 1);
            parts.insert(at, (format!("{tag:?}"), t));
            if tagged == 1 {
                let t = tags[next(tags.len())].clone();
                parts.push((format!("{tag:?}"), t));
            }
        }
        if next(6) == 0 {
            // The sequence form: tag first, then values.
            let vals: Vec<String> = parts
                .iter()
                .filter(|(k, _)| *k != format!("{tag:?}"))
                .map(|(_, v)| v.clone())
                .collect();
            let mut items = Vec::new();
            if tagged > 0 {
                items.push(tags[next(tags.len())].clone());
            }
            items.extend(vals);
            out.push(format!("[{}]", items.join(",")));
        } else {
            let body: Vec<String> = parts.iter().map(|(k, v)| format!("{k}:{v}")).collect();
            out.push(format!("{{{}}}", body.join(",")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    // The same shape, decoded by the derived impl and by `tagged_enum!` (same type names, as
    // they appear in error texts).
    mod derived {
        use serde::{Deserialize, Serialize};

        #[derive(Debug, Serialize, Deserialize)]
        #[serde(
            tag = "type",
            rename_all = "camelCase",
            rename_all_fields = "camelCase"
        )]
        pub enum Shape {
            One {
                #[serde(default)]
                namespace: String,
                name: String,
                count: i32,
            },
            Two {
                #[serde(default)]
                ip: Option<std::net::IpAddr>,
                on: bool,
            },
            ThreeWords {
                seconds: u64,
            },
        }
    }

    mod hand {
        use serde::Serialize;

        #[derive(Debug, Serialize)]
        #[serde(
            tag = "type",
            rename_all = "camelCase",
            rename_all_fields = "camelCase"
        )]
        pub enum Shape {
            One {
                namespace: String,
                name: String,
                count: i32,
            },
            Two {
                ip: Option<std::net::IpAddr>,
                on: bool,
            },
            ThreeWords {
                seconds: u64,
            },
        }

        crate::tagged_enum!(Shape, "type" {
            One "one" { namespace: "namespace" = default, name: "name", count: "count" },
            Two "two" { ip: "ip" = default, on: "on" },
            ThreeWords "threeWords" { seconds: "seconds" },
        });
    }

    fn both<A, B>(json: &str) -> (Result<String, String>, Result<String, String>)
    where
        A: for<'de> Deserialize<'de> + Serialize,
        B: for<'de> Deserialize<'de> + Serialize,
    {
        let show = |r: Result<String, serde_json::Error>| r.map_err(|e| e.to_string());
        let a = show(serde_json::from_str::<A>(json).map(|v| serde_json::to_string(&v).unwrap()));
        let b = show(serde_json::from_str::<B>(json).map(|v| serde_json::to_string(&v).unwrap()));
        (a, b)
    }

    #[test]
    fn same_as_derived_on_a_corpus() {
        let corpus = super::corpus(
            "type",
            &["one", "two", "threeWords"],
            &["namespace", "name", "count", "ip", "on", "seconds"],
            20_000,
        );
        let mut ok = 0;
        for json in &corpus {
            let (a, b) = both::<derived::Shape, hand::Shape>(json);
            assert_eq!(a, b, "{json}");
            ok += usize::from(a.is_ok());
        }
        // The corpus reaches both results.
        assert!(ok > 100 && ok < corpus.len() - 100, "{ok}");
        // Inside another value (errors carry that value's position).
        #[derive(Serialize, Deserialize)]
        struct Outer<T> {
            x: T,
        }
        for json in corpus.iter().take(3000) {
            let json = format!(r#"{{"x": {json}, "y": 1}}"#);
            let (a, b) = both::<Outer<derived::Shape>, Outer<hand::Shape>>(&json);
            assert_eq!(a, b, "{json}");
        }
    }

    #[test]
    fn known_texts() {
        let err = |j: &str| {
            serde_json::from_str::<hand::Shape>(j)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err(r#"{"name":"a"}"#),
            "missing field `type` at line 1 column 12"
        );
        assert_eq!(err(r#"{"type":"one","count":1}"#), "missing field `name`");
        assert_eq!(
            err(r#"{"type":"x"}"#),
            "unknown variant `x`, expected one of `one`, `two`, `threeWords` at line 1 column 11"
        );
        assert_eq!(
            err(r#"["two"]"#),
            "invalid length 1, expected struct variant Shape::Two with 2 elements"
        );
        assert_eq!(
            err(r#"["threeWords",1,2]"#),
            "invalid length 2, expected 1 element in sequence"
        );
        assert_eq!(
            err(r#""one""#),
            "invalid type: string \"one\", expected internally tagged enum Shape at line 1 column 5"
        );
    }
}
